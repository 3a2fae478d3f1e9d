import { IDLE_TIMEOUT } from '../plan/plan-sessions.js';
import type { Route } from '../event-types.js';
import type { Random } from '../random.js';
import { formatInstant, SECOND } from '../time.js';
import type { Beat, BeatInput } from './beat.js';
import { beat, inSession } from './beat.js';
import { auditView } from './audit-view.js';
import type { SessionPlan, SessionStep } from './session-plan.js';
import type { PlacedStory } from './story.js';
import type { StoryContext } from './story-context.js';

type Draft = Omit<BeatInput, 'at' | 'actor'>;

function denial(plan: SessionPlan, context: StoryContext, at: number, random: Random): Draft {
  const { user } = plan.session;
  const project = user.projects[0] ?? '';
  if (plan.denial === 'users') {
    const colleague = random.pick(context.cast.users.filter((other) => other !== user));
    return {
      type: 'access.permission_denied',
      status: 'denied',
      code: 403,
      route: { method: 'PUT', path: '/v1/users/{user_id}/role', success: 200 },
      resource: 'user',
      resourceId: String(colleague.id),
      payload: { permission: 'users:manage', role: 'operator' },
      message: 'Missing permission users:manage on the organization',
    };
  }
  const alive = (context.vmLives.get(project) ?? []).filter(
    (life) => life.from < at && at < life.to,
  );
  const vm = alive.length > 0 ? random.pick(alive).vm : null;
  const denied = (permission: string, route: Route, about: Partial<Draft>): Draft => ({
    type: 'access.permission_denied',
    status: 'denied',
    code: 403,
    route,
    ...about,
    payload: { permission, project, role: 'viewer' },
    message: `Missing permission ${permission} on project ${project}`,
  });
  if (vm === null)
    return denied('vm:create', { method: 'POST', path: '/v1/vms', success: 201 }, {});
  const onVm = { resource: 'vm', resourceId: vm.id, vmId: vm.id } as const;
  return random.chance(0.6)
    ? denied('vm:stop', { method: 'POST', path: '/v1/vms/{vm_id}/stop', success: 202 }, onVm)
    : denied('vm:delete', { method: 'DELETE', path: '/v1/vms/{vm_id}', success: 204 }, onVm);
}

function beforeLogin(plan: SessionPlan, step: SessionStep, random: Random): Beat {
  const { user, client } = plan.session;
  const common = {
    at: step.at,
    actor: { type: 'user', user, client, session: null },
    resource: 'user',
    resourceId: String(user.id),
    status: 'denied',
    code: 401,
  } as const;
  return step.kind === 'failed'
    ? beat({
        ...common,
        type: 'auth.login_failed',
        payload: { method: 'password', failed_attempts: step.n + 1 },
        message: 'Invalid username or password',
      })
    : beat({
        ...common,
        type: 'auth.mfa_challenge_failed',
        payload: { factor: random.pick(['totp', 'webauthn']) },
        message: 'Invalid one-time code',
      });
}

function ending(plan: SessionPlan, step: SessionStep): Beat {
  const { session } = plan;
  const asSession = {
    at: step.at,
    resource: 'session',
    resourceId: session.id,
    status: 'success',
  } as const;
  if (session.ending === 'logout')
    return beat({ ...asSession, actor: inSession(session), type: 'auth.logout', code: 204 });
  return beat({
    ...asSession,
    actor: { type: 'system', id: null, source: 'scheduler' },
    type: 'session.expired',
    payload: { idle_timeout_s: IDLE_TIMEOUT / SECOND, last_seen_at: formatInstant(session.end) },
  });
}

/** The event of one step of a session; `random` is that event's own source. */
export function sessionBeat(
  plan: SessionPlan,
  step: SessionStep,
  story: { readonly context: StoryContext; readonly placed: PlacedStory },
  random: Random,
): Beat {
  const { session } = plan;
  const actor = inSession(session);
  const at = step.at;
  switch (step.kind) {
    case 'failed':
    case 'mfa':
      return beforeLogin(plan, step, random);
    case 'login':
      return beat({
        at,
        actor,
        resource: 'session',
        resourceId: session.id,
        type: 'auth.login_succeeded',
        status: 'success',
        code: 200,
        payload: { method: session.user.loginMethod, mfa: session.user.mfa },
      });
    case 'view':
      return auditView(random, story.context, story.placed, { at, actor, listShare: 0.5 });
    case 'refresh':
      return beat({
        at,
        actor,
        type: 'auth.token_refreshed',
        status: 'success',
        code: 200,
        resource: 'session',
        resourceId: session.id,
        payload: { expires_in: 3600 },
      });
    case 'password':
      return beat({
        at,
        actor,
        type: 'auth.password_changed',
        status: 'success',
        code: 204,
        resource: 'user',
        resourceId: String(session.user.id),
        payload: { method: 'self_service' },
      });
    case 'denial':
      return beat({ ...denial(plan, story.context, at, random), at, actor });
    case 'end':
      return ending(plan, step);
    default:
      throw new Error(`Unknown session step "${String(step.kind)}".`);
  }
}
