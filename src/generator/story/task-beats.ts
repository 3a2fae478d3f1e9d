import type { Random } from '../random.js';
import type { Actor, Beat, BeatDefaults, BeatInput } from './beat.js';
import { beat, inSession, keyActor, service } from './beat.js';
import type { AttemptEnd, TaskPlan } from './task-plan.js';
import { TASK_PROFILES } from './task-plan.js';
import type { OutlineContext, TaskOutline, TaskStep, TaskStepKind } from './task-outline.js';
import { taskOutline } from './task-outline.js';

const QUEUES = {
  backup: 'batch',
  'etl.nightly': 'batch',
  'db.vacuum': 'batch',
  'report.render': 'interactive',
  'image.build': 'default',
} as const;

function submitterActor(plan: TaskPlan): Actor {
  switch (plan.submitter.type) {
    case 'schedule':
      return service('scheduler');
    case 'key':
      return keyActor(plan.submitter.key);
    case 'user':
      return inSession(plan.submitter.session);
    default:
      throw new Error(`Unknown submitter "${String(plan.submitter)}".`);
  }
}

type Build = (plan: TaskPlan, step: TaskStep, random: Random) => BeatInput;

const counts = (plan: TaskPlan, step: TaskStep) => ({
  attempt: step.attempt,
  max_attempts: TASK_PROFILES[plan.kind].maxAttempts,
});
const runner = service('task-runner');
const scheduler = service('scheduler');

/** The event that ends an attempt, and what it says, by how the attempt ended. */
const ENDINGS: Readonly<Record<AttemptEnd, Build>> = {
  succeeded: (plan, step) => ({
    at: step.at,
    type: 'task.succeeded',
    status: 'success',
    actor: runner,
    payload: { ...counts(plan, step), duration_ms: step.durationMs, exit_code: 0 },
  }),
  exited: (plan, step) => ({
    at: step.at,
    type: 'task.failed',
    status: 'failure',
    actor: runner,
    payload: {
      ...counts(plan, step),
      exit_code: step.exit,
      reason: 'NonZeroExit',
      duration_ms: step.durationMs,
    },
    message: `Task exited with code ${step.exit}`,
  }),
  oom: (plan, step) => ({
    at: step.at,
    type: 'task.failed',
    status: 'error',
    actor: runner,
    payload: {
      ...counts(plan, step),
      exit_code: 137,
      reason: 'OOMKilled',
      duration_ms: step.durationMs,
    },
    message: 'Task exited with code 137 (OOMKilled)',
  }),
  timed_out: (plan, step) => {
    const { limitS } = TASK_PROFILES[plan.kind];
    return {
      at: step.at,
      type: 'task.timed_out',
      status: 'error',
      actor: scheduler,
      payload: { ...counts(plan, step), limit_s: limitS },
      message: `Task exceeded its time limit of ${limitS}s`,
    };
  },
  lost: (plan, step) => ({
    at: step.at,
    type: 'task.failed',
    status: 'error',
    actor: scheduler,
    payload: {
      ...counts(plan, step),
      exit_code: null,
      reason: 'WorkerLost',
      duration_ms: step.durationMs,
    },
    message: 'Worker lost while the task was running',
  }),
  cancelled: (plan, step) => ({
    at: step.at,
    type: 'task.cancelled',
    status: 'success',
    actor: submitterActor(plan),
    code: 202,
    payload: { ...counts(plan, step), reason: 'requested' },
  }),
};

/** The event of each kind of step. */
const STEPS: Readonly<Record<TaskStepKind, Build>> = {
  token: (plan, step) => {
    const actor = submitterActor(plan);
    return {
      at: step.at,
      type: 'auth.token_issued',
      status: 'success',
      actor,
      code: 200,
      resource: 'api_key',
      resourceId: actor.type === 'api_key' ? actor.key.id : null,
      taskId: null,
      payload: { grant_type: 'client_credentials', expires_in: 3600 },
    };
  },
  refused: (plan, step) => ({
    at: step.at,
    type: 'task.submitted',
    status: 'failure',
    actor: submitterActor(plan),
    code: 422,
    resource: null,
    resourceId: null,
    taskId: null,
    payload: { kind: plan.kind, image_tag: '' },
    message: 'Request validation failed: image_tag must not be empty',
  }),
  submitted: (plan, step, random) => ({
    at: step.at,
    type: 'task.submitted',
    status: 'success',
    actor: submitterActor(plan),
    code: plan.submitter.type === 'schedule' ? null : 201,
    payload: {
      kind: plan.kind,
      priority: random.pick(['low', 'normal', 'high']),
      max_attempts: TASK_PROFILES[plan.kind].maxAttempts,
    },
  }),
  queued: (plan, step, random) => ({
    at: step.at,
    type: 'task.queued',
    status: 'success',
    actor: scheduler,
    payload: { queue: QUEUES[plan.kind], position: random.int(0, 40) },
  }),
  scheduled: (_, step) => ({
    at: step.at,
    type: 'task.scheduled',
    status: 'success',
    actor: scheduler,
    payload: { queue_wait_ms: step.waitMs },
  }),
  started: (plan, step) => ({
    at: step.at,
    type: 'task.started',
    status: 'success',
    actor: runner,
    payload: counts(plan, step),
  }),
  end: (plan, step, random) => {
    if (step.end === null) throw new Error('An attempt has no end.');
    return ENDINGS[step.end](plan, step, random);
  },
  retried: (plan, step) => ({
    at: step.at,
    type: 'task.retried',
    status: 'success',
    actor: scheduler,
    payload: { ...counts(plan, step), attempt: step.attempt + 1, backoff_ms: step.waitMs },
  }),
};

/** The event of one step of a task's chain; `random` is that event's own source. */
export function taskBeat(
  plan: TaskPlan,
  outline: TaskOutline,
  step: TaskStep,
  taskId: number,
  random: Random,
): Beat {
  const shared: BeatDefaults = {
    resource: 'task',
    resourceId: String(taskId),
    taskId,
    correlation: outline.correlation,
    node: step.node,
    worker: step.worker,
  };
  return beat(STEPS[step.kind](plan, step, random), shared);
}

/** A whole chain in time order (for stories that hold tasks beside other events). */
export function taskBeats(
  plan: TaskPlan,
  context: OutlineContext & { readonly taskId: number },
): Beat[] {
  const outline = taskOutline(plan, context);
  return outline.steps.map((step) => taskBeat(plan, outline, step, context.taskId, context.random));
}
