import type { RoleBook } from '../plan/roles.js';
import type { Session } from '../plan/session.js';
import { IDLE_TIMEOUT } from '../plan/plan-sessions.js';
import type { Random } from '../random.js';
import { MINUTE, SECOND } from '../time.js';

/** What a person tries and is refused: a viewer changing a VM, an operator managing people. */
export type Denial = 'vm' | 'users';

/** Everything about a session's story that fixes its length; times are drawn later. */
export interface SessionPlan {
  readonly session: Session;
  readonly failedLogins: number;
  readonly mfaFailed: boolean;
  /** How long before the login the first failed attempt happened (0 when none). */
  readonly preface: number;
  readonly views: number;
  readonly refreshes: number;
  readonly passwordChanged: boolean;
  readonly denial: Denial | null;
  readonly denials: number;
}

/** Tokens are refreshed this often while the session is in use. */
export const REFRESH_EVERY = 55 * MINUTE;

// Weight tables are constants: random.weighted() prepares each table once.
const FAILED_LOGINS = { 0: 76, 1: 16, 2: 8 } as const;

export function planSession(random: Random, session: Session, roles: RoleBook): SessionPlan {
  const { user, client } = session;
  const length = session.end - session.start;
  const password = user.loginMethod === 'password';
  const failedLogins = password ? Number(random.weighted(FAILED_LOGINS)) : 0;
  const mfaFailed = user.mfa && random.chance(0.04);
  const tries = failedLogins + (mfaFailed ? 1 : 0);
  const role = roles.roleAt(user, session.start);
  const denial = role === 'viewer' ? 'vm' : role === 'operator' ? 'users' : null;
  const denies = denial !== null && random.chance(denial === 'vm' ? 0.08 : 0.03);
  const perView = client.source === 'web' ? 10 * MINUTE : 25 * MINUTE;
  return {
    session,
    failedLogins,
    mfaFailed,
    preface: tries === 0 ? 0 : tries * random.int(8, 40) * SECOND + random.int(0, 999_999),
    views: Math.min(60, random.poisson(length / perView) + (client.source === 'web' ? 1 : 0)),
    refreshes: Math.max(0, Math.ceil((length - MINUTE) / REFRESH_EVERY) - 1),
    passwordChanged: password && random.chance(0.01),
    denial,
    denials: denies ? random.int(1, 2) : 0,
  };
}

/** The number of events of the session's story (the length of its outline). */
export function sessionSize(plan: SessionPlan): number {
  const tries = plan.failedLogins + (plan.mfaFailed ? 1 : 0);
  const middle = plan.views + plan.refreshes + (plan.passwordChanged ? 1 : 0) + plan.denials;
  return tries + 1 + middle + 1;
}

/** What happens at one point of a session; `n` counts the steps of its kind. */
export type SessionStepKind =
  'failed' | 'mfa' | 'login' | 'view' | 'refresh' | 'password' | 'denial' | 'end';
export interface SessionStep {
  readonly at: number;
  readonly kind: SessionStepKind;
  readonly n: number;
}

/**
 * When each event of the session happens, in order, drawn from the story's own random source.
 * Only times are drawn here, so one event can be built without building the others.
 */
export function sessionOutline(plan: SessionPlan, random: Random): SessionStep[] {
  const { session } = plan;
  const length = session.end - session.start;
  const moment = () => session.start + SECOND + Math.round(random.next() * (length - 2 * SECOND));
  const steps: SessionStep[] = [];
  const tries = plan.failedLogins + (plan.mfaFailed ? 1 : 0);
  for (let n = 0; n < tries; n += 1)
    steps.push({
      at: session.start - plan.preface + Math.round((plan.preface * n) / tries),
      kind: n < plan.failedLogins ? 'failed' : 'mfa',
      n,
    });
  steps.push({ at: session.start, kind: 'login', n: 0 });
  for (let n = 0; n < plan.views; n += 1) steps.push({ at: moment(), kind: 'view', n });
  for (let n = 1; n <= plan.refreshes; n += 1)
    steps.push({
      at: session.start + n * REFRESH_EVERY + random.int(0, 59) * SECOND,
      kind: 'refresh',
      n,
    });
  if (plan.passwordChanged) steps.push({ at: moment(), kind: 'password', n: 0 });
  for (let n = 0; n < plan.denials; n += 1) steps.push({ at: moment(), kind: 'denial', n });
  const end = session.ending === 'logout' ? session.end : session.end + IDLE_TIMEOUT;
  steps.push({ at: end, kind: 'end', n: 0 });
  return steps.sort((a, b) => a.at - b.at);
}
