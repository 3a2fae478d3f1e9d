import type { ApiKey } from '../cast/cast.js';
import type { Session } from '../plan/session.js';
import { MINUTE, SECOND } from '../time.js';

export type TaskKind = 'backup' | 'etl.nightly' | 'report.render' | 'image.build' | 'db.vacuum';

/** How one attempt of a task ends. */
export type AttemptEnd =
  | 'succeeded'
  | 'exited'
  | 'oom'
  | 'timed_out'
  /** Its node or worker went away (only in incident stories). */
  | 'lost'
  /** The person who submitted it cancels it (only for tasks submitted in a session). */
  | 'cancelled';

/** Who submits a task: a schedule of the scheduler, a key's automation, or a person. */
export type Submitter =
  | { readonly type: 'schedule' }
  | { readonly type: 'key'; readonly key: ApiKey }
  | { readonly type: 'user'; readonly session: Session };

/** Everything about a task's chain that fixes its length; times and places are drawn later. */
export interface TaskPlan {
  readonly submitter: Submitter;
  readonly kind: TaskKind;
  readonly project: string;
  /** The first event of the chain. */
  readonly at: number;
  /** Empty when the submission itself is refused (it fails validation): no task is created. */
  readonly attempts: readonly AttemptEnd[];
}

/** Run time and limit of each kind: a run never exceeds its limit; a timeout is exactly it. */
export const TASK_PROFILES: Readonly<
  Record<TaskKind, { medianS: number; sigma: number; limitS: number; maxAttempts: number }>
> = {
  backup: { medianS: 360, sigma: 0.5, limitS: 3600, maxAttempts: 3 },
  'etl.nightly': { medianS: 1080, sigma: 0.6, limitS: 3600, maxAttempts: 3 },
  'report.render': { medianS: 40, sigma: 0.7, limitS: 600, maxAttempts: 2 },
  'image.build': { medianS: 300, sigma: 0.5, limitS: 1800, maxAttempts: 3 },
  'db.vacuum': { medianS: 720, sigma: 0.6, limitS: 3600, maxAttempts: 3 },
};

/** The longest a chain can run: every attempt timing out, with waits and back-off. */
export function longestChain(kind: TaskKind): number {
  const { limitS, maxAttempts } = TASK_PROFILES[kind];
  return maxAttempts * (limitS * SECOND + 10 * MINUTE);
}

/** A CI key first trades itself for a short-lived token. */
export function tradesToken(plan: TaskPlan): boolean {
  return plan.submitter.type === 'key' && plan.submitter.key.name === 'ci-deploy';
}

/** The number of events of the chain. */
export function taskSize(plan: TaskPlan): number {
  const attempts = plan.attempts.length;
  const token = tradesToken(plan) ? 1 : 0;
  return attempts === 0 ? token + 1 : token + 2 + attempts * 3 + (attempts - 1);
}
