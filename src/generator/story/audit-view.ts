import type { Random } from '../random.js';
import type { Actor, Beat } from './beat.js';
import { beat } from './beat.js';
import type { PlacedStory } from './story.js';
import type { StoryContext } from './story-context.js';

const FILTERS: readonly Readonly<Record<string, string>>[] = [
  { event_group: 'auth' },
  { status: 'denied' },
  { status: 'error' },
  { event_group: 'vm' },
  { event_type: 'task.failed' },
  { actor_type: 'api_key' },
];
const LIST = { method: 'GET', path: '/v1/audit/events', success: 200 } as const;
const TYPE = 'access.audit_log_viewed';
const RESOURCE = 'audit_event';

/** Where a view happens and who looks. */
export interface Viewer {
  readonly at: number;
  readonly actor: Actor;
  /** How often the viewer lists events rather than opening one. */
  readonly listShare: number;
}

/**
 * Someone reads the audit log: a filtered list, one event that happened before (what a console
 * or dashboard shows), now and then a stale link to an event that does not exist, or the audit
 * store is briefly unavailable.
 */
export function auditView(
  random: Random,
  context: StoryContext,
  placed: PlacedStory,
  viewer: Viewer,
): Beat {
  const { at, actor } = viewer;
  if (random.chance(viewer.listShare))
    return beat({
      at,
      actor,
      type: TYPE,
      resource: RESOURCE,
      status: 'success',
      code: 200,
      route: LIST,
      payload: { filters: random.pick(FILTERS), page_size: 50, results: random.int(0, 50) },
    });
  if (random.chance(0.01))
    return beat({
      at,
      actor,
      type: TYPE,
      resource: RESOURCE,
      status: 'error',
      code: 503,
      route: LIST,
      message: 'Audit store temporarily unavailable, retry later',
    });
  if (random.chance(0.05))
    return beat({
      at,
      actor,
      type: TYPE,
      resource: RESOURCE,
      status: 'failure',
      code: 404,
      resourceId: random.uuid(),
      message: 'Audit event not found',
    });
  return beat({
    at,
    actor,
    type: TYPE,
    resource: RESOURCE,
    status: 'success',
    code: 200,
    resourceId: context.earlierEventId(random, placed),
  });
}
