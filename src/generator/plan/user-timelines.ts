import type { Role, User } from '../cast/cast.js';
import { TIMEZONES } from '../domain-values.js';
import type { Random } from '../random.js';
import type { Beat } from '../story/beat.js';
import { beat, inSession } from '../story/beat.js';
import { DAY, MINUTE, SECOND, WORLD_START } from '../time.js';
import { RoleBook } from './roles.js';
import type { Session } from './session.js';
import { momentIn } from './session.js';
import type { SessionIndex } from './session-index.js';

interface Context {
  readonly random: Random;
  readonly users: readonly User[];
  readonly sessions: SessionIndex;
  readonly roles: RoleBook;
}

const asUser = (user: User) => ({ resource: 'user', resourceId: String(user.id) }) as const;

/** How someone joins: an admin invites them and they accept, or an admin creates the account. */
function joining(context: Context, user: User, admins: readonly User[]): Beat[] {
  const { random, sessions } = context;
  const first = sessions.of(user)[0];
  if (!first || user.joinsAt === null) return [];
  const adminSession = sessions.lastBefore(admins, first.start - MINUTE, first.start - 14 * DAY);
  if (!adminSession) return [];
  const at = momentIn(random, adminSession);
  const invite = random.chance(0.7);
  const profile = { email: user.email, display_name: user.name, role: user.role };
  const byAdmin = beat({
    at,
    type: invite ? 'user.invited' : 'user.created',
    status: 'success',
    actor: inSession(adminSession),
    code: 201,
    ...asUser(user),
    payload: invite ? { email: user.email, role: user.role, expires_in_days: 7 } : profile,
  });
  if (!invite) return [byAdmin];
  // Accepting the invitation creates the account, just before the first login.
  const accepted = beat({
    at: first.start - random.int(60, 300) * SECOND,
    type: 'user.created',
    status: 'success',
    actor: { type: 'user', user, client: first.client, session: null },
    code: 201,
    ...asUser(user),
    payload: { ...profile, invited_by: adminSession.user.id },
  });
  return [byAdmin, accepted];
}

function roleChange(context: Context, user: User, admins: readonly User[]): Beat[] {
  const { random, sessions, roles } = context;
  const from = user.joinsAt ?? WORLD_START;
  const around = Math.max(from + 5 * DAY, WORLD_START + random.int(5, 80) * DAY);
  const others = admins.filter((admin) => admin !== user);
  const session = sessions.firstAfter(others, around, around + 5 * DAY);
  if (!session || (user.leavesAt !== null && session.end > user.leavesAt)) return [];
  const at = momentIn(random, session);
  const was = roles.roleAt(user, at);
  const next: Role = was === 'viewer' ? 'operator' : random.pick(['viewer', 'admin'] as const);
  roles.change(user, at, next);
  return [
    beat({
      at,
      type: 'user.role_changed',
      status: 'success',
      actor: inSession(session),
      code: 200,
      ...asUser(user),
      payload: { from: was, to: next },
    }),
  ];
}

/** People change their own profile now and then: every change names the old and new value. */
function profileUpdates(context: Context, user: User): Beat[] {
  const { random, sessions } = context;
  const own = sessions.of(user);
  const count = own.length > 10 && random.chance(0.3) ? random.int(1, 2) : 0;
  const chosen = Array.from({ length: count }, () => random.pick(own)).sort(
    (a, b) => a.start - b.start,
  );
  let timezone = user.timezone;
  const beats: Beat[] = [];
  for (const session of new Set<Session>(chosen)) {
    const next = random.pick(TIMEZONES.filter((zone) => zone !== timezone));
    beats.push(
      beat({
        at: momentIn(random, session),
        type: 'user.updated',
        status: 'success',
        actor: inSession(session),
        code: 200,
        ...asUser(user),
        payload: { changes: { timezone: { from: timezone, to: next } } },
      }),
    );
    timezone = next;
  }
  return beats;
}

function leaving(context: Context, user: User, admins: readonly User[]): Beat[] {
  const { random, sessions } = context;
  if (user.leavesAt === null) return [];
  const session = sessions.firstAfter(admins, user.leavesAt, user.leavesAt + 5 * DAY);
  if (!session) return [];
  const at = momentIn(random, session);
  const suspended = beat({
    at,
    type: 'user.suspended',
    status: 'success',
    actor: inSession(session),
    code: 200,
    ...asUser(user),
    payload: { reason: 'offboarding' },
  });
  const client = user.browsers[0];
  if (!client || !random.chance(0.7)) return [suspended];
  // An old bookmark: the former colleague tries to log in once more and is turned away.
  const attempt = beat({
    at: at + random.int(2 * 60, 48 * 60) * MINUTE + random.int(0, 59) * SECOND,
    type: 'auth.login_failed',
    status: 'failure',
    actor: { type: 'user', user, client, session: null },
    code: 400,
    ...asUser(user),
    payload: { method: user.loginMethod, failed_attempts: 1 },
    message: 'Inactive user',
  });
  return [suspended, attempt];
}

/** The changes to each user's account over the world, and the role each user has at any time. */
export function planUserTimelines(context: Omit<Context, 'roles'>): {
  readonly timelines: readonly (readonly Beat[])[];
  readonly roles: RoleBook;
} {
  const roles = new RoleBook();
  const full = { ...context, roles };
  const admins = context.users.filter((user) => user.role === 'admin');
  const timelines = context.users.map((user) => {
    const changes =
      user.role !== 'admin' && context.random.chance(0.15) ? roleChange(full, user, admins) : [];
    return [
      ...joining(full, user, admins),
      ...changes,
      ...profileUpdates(full, user),
      ...leaving(full, user, admins),
    ].sort((a, b) => a.at - b.at);
  });
  return { timelines, roles };
}
