import type { Node } from '../cast/cast.js';
import type { Downtime } from '../plan/downtimes.js';
import { isDown } from '../plan/downtimes.js';
import type { Random } from '../random.js';
import { MS, SECOND } from '../time.js';
import type { AttemptEnd, TaskPlan } from './task-plan.js';
import { TASK_PROFILES, tradesToken } from './task-plan.js';

/** Where a task's first attempt was running when its node or worker went away, and when. */
export interface LostPlace {
  readonly node: Node;
  readonly worker: string;
  readonly at: number;
}

export type TaskStepKind =
  'token' | 'submitted' | 'refused' | 'queued' | 'scheduled' | 'started' | 'end' | 'retried';

/** One event of a task's chain, with the times and places that tie it to the others. */
export interface TaskStep {
  readonly at: number;
  readonly kind: TaskStepKind;
  /** The attempt it belongs to (0 before the first). */
  readonly attempt: number;
  /** How the attempt ends (its `end` step). */
  readonly end: AttemptEnd | null;
  readonly node: Node | null;
  readonly worker: string | null;
  /** Scheduled: how long it waited in the queue; retried: the back-off before the next attempt. */
  readonly waitMs: number;
  /** End: how long the attempt ran. */
  readonly durationMs: number;
  /** End of an attempt that exited: its exit code. */
  readonly exit: number;
}

/** A task's chain: its trace id and its steps in time order. */
export interface TaskOutline {
  readonly correlation: string;
  readonly steps: readonly TaskStep[];
}

export interface OutlineContext {
  readonly random: Random;
  readonly nodes: readonly Node[];
  readonly downtimes: readonly Downtime[];
  readonly lost?: LostPlace;
}

/** A step with every tie it does not name zero or null (one object shape for all steps). */
function step(
  at: number,
  kind: TaskStepKind,
  attempt: number,
  ties: Partial<Omit<TaskStep, 'at' | 'kind' | 'attempt'>> = {},
): TaskStep {
  return {
    at,
    kind,
    attempt,
    end: ties.end ?? null,
    node: ties.node ?? null,
    worker: ties.worker ?? null,
    waitMs: ties.waitMs ?? 0,
    durationMs: ties.durationMs ?? 0,
    exit: ties.exit ?? 0,
  };
}

function place(context: OutlineContext, from: number, to: number): { node: Node; worker: string } {
  const { random, nodes, downtimes } = context;
  for (let tries = 0; ; tries += 1) {
    const node = random.pick(nodes);
    const worker = random.pick(node.workers);
    if (tries > 50 || !isDown(downtimes, node, worker, from, to + SECOND)) return { node, worker };
  }
}

function runFor(random: Random, plan: TaskPlan, end: AttemptEnd, startedAt: number): number {
  const { medianS, sigma, limitS } = TASK_PROFILES[plan.kind];
  if (end === 'timed_out') return limitS * SECOND + random.int(1, 900) * MS;
  if (end === 'cancelled') {
    // A cancelled task stops while the person who submitted it is still logged in.
    const session = plan.submitter.type === 'user' ? plan.submitter.session : null;
    const left = session === null ? 60 * SECOND : session.end - startedAt;
    return Math.max(SECOND, Math.round(left * (0.1 + 0.8 * random.next())));
  }
  const full = Math.min(0.9 * limitS, Math.max(5, random.logNormal(medianS, sigma))) * SECOND;
  return Math.round(end === 'succeeded' ? full : full * (0.05 + 0.9 * random.next()));
}

/** The steps of one attempt; returns when the task was put back in the queue (or ended). */
function attemptSteps(
  plan: TaskPlan,
  context: OutlineContext,
  into: TaskStep[],
  attempt: number,
  from: number,
): number {
  const { random, lost } = context;
  const end = plan.attempts[attempt - 1] ?? 'succeeded';
  const waitMs = Math.round(Math.min(120, Math.max(0.05, random.logNormal(2, 1.2))) * 1000);
  const scheduledAt = from + waitMs * MS;
  const startedAt = scheduledAt + random.int(300, 3000) * MS;
  const lostHere = end === 'lost' && lost !== undefined;
  const stoppedAt = lostHere
    ? lost.at + random.int(30, 90) * SECOND
    : startedAt + runFor(random, plan, end, startedAt);
  const where = lostHere
    ? { node: lost.node, worker: lost.worker }
    : place(context, scheduledAt, stoppedAt);
  const { node, worker } = where;
  const durationMs = Math.round((stoppedAt - startedAt) / MS);
  into.push(
    step(scheduledAt, 'scheduled', attempt, { node, worker, waitMs }),
    step(startedAt, 'started', attempt, { node, worker }),
    step(stoppedAt, 'end', attempt, {
      node,
      worker,
      end,
      durationMs,
      exit: random.pick([1, 1, 2]),
    }),
  );
  if (attempt === plan.attempts.length) return stoppedAt;
  const backoffMs = 1000 * 5 ** (attempt - 1);
  const retriedAt = stoppedAt + random.int(200, 2000) * MS;
  into.push(step(retriedAt, 'retried', attempt, { waitMs: backoffMs }));
  return retriedAt + backoffMs * MS;
}

/** The chain's times and places: submitted, queued, then each attempt (see {@link TaskStep}). */
export function taskOutline(plan: TaskPlan, context: OutlineContext): TaskOutline {
  const { random } = context;
  const correlation = random.hex(32);
  const steps: TaskStep[] = [];
  let at = plan.at;
  if (tradesToken(plan)) {
    steps.push(step(at, 'token', 0));
    at += random.int(300, 2000) * MS;
  }
  if (plan.attempts.length === 0) {
    steps.push(step(at, 'refused', 0));
    return { correlation, steps };
  }
  steps.push(step(at, 'submitted', 0));
  at += random.int(5, 300) * MS;
  steps.push(step(at, 'queued', 0));
  for (let attempt = 1; attempt <= plan.attempts.length; attempt += 1)
    at = attemptSteps(plan, context, steps, attempt, at);
  return { correlation, steps };
}
