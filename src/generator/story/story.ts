import type { ApiKey } from '../cast/cast.js';
import type { Downtime } from '../plan/downtimes.js';
import type { Beat } from './beat.js';
import type { SessionPlan } from './session-plan.js';
import type { TaskPlan } from './task-plan.js';

/** What a story is about; lazy kinds draw their events only when asked for. */
export type Story =
  /** Events fixed when the world is built (a VM's, a key's or a user's life, bursts, maintenance). */
  | { readonly kind: 'timeline'; readonly about: string; readonly beats: readonly Beat[] }
  /** Lazy: a login, what the person does in the console or CLI, the logout or expiry. */
  | { readonly kind: 'session'; readonly plan: SessionPlan }
  /** Lazy: one task from submission to its last attempt. */
  | { readonly kind: 'task'; readonly plan: TaskPlan }
  /** Lazy: a node unreachable or a worker crashed, with the tasks that ran there. */
  | {
      readonly kind: 'outage' | 'crash';
      readonly downtime: Downtime;
      readonly tasks: readonly TaskPlan[];
    }
  /** Lazy: a dashboard key reading audit events through one day. */
  | { readonly kind: 'reads'; readonly key: ApiKey; readonly times: readonly number[] };

/** A story in its place in the world: its first event, its size, its first slot and task id. */
export interface PlacedStory {
  readonly story: Story;
  readonly index: number;
  /** The instant of its first event. */
  readonly start: number;
  /** No event of it comes later than this. */
  readonly end: number;
  /** The number of its events. */
  readonly size: number;
  /** The slot of its first event: slots number the world's events story by story. */
  readonly firstSlot: number;
  /** The id of its first task; its other tasks follow (0 when it has none). */
  readonly firstTaskId: number;
}
