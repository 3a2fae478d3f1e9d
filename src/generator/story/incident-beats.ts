import type { Downtime } from '../plan/downtimes.js';
import { workerSlots, workerVersion } from '../plan/downtimes.js';
import type { Random } from '../random.js';
import { SECOND } from '../time.js';
import type { Beat } from './beat.js';
import { beat, service } from './beat.js';
import type { StoryContext } from './story-context.js';
import { taskBeats } from './task-beats.js';
import type { TaskPlan } from './task-plan.js';

function registered(context: StoryContext, downtime: Downtime, worker: string, at: number): Beat {
  const { node } = downtime;
  return beat({
    at,
    type: 'worker.registered',
    status: 'success',
    actor: service('node-agent'),
    resource: 'worker',
    resourceId: worker,
    node,
    worker,
    payload: {
      version: workerVersion(context.downtimes, node, at),
      slots: workerSlots(node),
      restarted: true,
    },
  });
}

function tasksCaught(
  downtime: Downtime,
  tasks: readonly TaskPlan[],
  firstTaskId: number,
  context: StoryContext,
  random: Random,
): Beat[] {
  return tasks.flatMap((plan, index) =>
    taskBeats(plan, {
      random,
      nodes: context.cast.nodes,
      downtimes: context.downtimes,
      taskId: firstTaskId + index,
      lost: {
        node: downtime.node,
        worker: downtime.worker ?? random.pick(downtime.node.workers),
        at: downtime.start,
      },
    }),
  );
}

/** A node stops answering: its workers miss their heartbeats, its tasks fail and run elsewhere. */
export function outageBeats(
  downtime: Downtime,
  tasks: readonly TaskPlan[],
  firstTaskId: number,
  context: StoryContext,
  random: Random,
): Beat[] {
  const { node } = downtime;
  const correlation = random.hex(32);
  const onNode = { resource: 'node', resourceId: node.name, node, correlation } as const;
  const beats = [
    beat({
      at: downtime.start,
      type: 'node.unreachable',
      status: 'error',
      actor: service('scheduler'),
      ...onNode,
      payload: { missed_probes: 3, probe_interval_s: 10 },
      message: 'Node did not answer 3 consecutive probes',
    }),
  ];
  for (const worker of node.workers) {
    const silent = random.int(31, 75);
    beats.push(
      beat({
        at: downtime.start + random.int(15, 45) * SECOND,
        type: 'worker.heartbeat_missed',
        status: 'error',
        actor: service('scheduler'),
        resource: 'worker',
        resourceId: worker,
        node,
        worker,
        correlation,
        payload: { last_seen_s_ago: silent, limit_s: 30 },
        message: `No heartbeat for ${silent}s (limit 30s)`,
      }),
    );
  }
  beats.push(...tasksCaught(downtime, tasks, firstTaskId, context, random));
  const back = downtime.end - 30 * SECOND;
  beats.push(
    beat({
      at: back,
      type: 'node.joined',
      status: 'success',
      actor: service('node-agent'),
      ...onNode,
      payload: { cpus: node.cpus, memory_gb: node.memoryGb, zone: node.zone, rejoined: true },
    }),
  );
  for (const worker of node.workers)
    beats.push(registered(context, downtime, worker, back + random.int(1, 25) * SECOND));
  return beats;
}

/** A worker process dies: the tasks it ran fail and are retried, and the worker comes back. */
export function crashBeats(
  downtime: Downtime,
  tasks: readonly TaskPlan[],
  firstTaskId: number,
  context: StoryContext,
  random: Random,
): Beat[] {
  const { node } = downtime;
  const worker = downtime.worker ?? '';
  const signal = random.pick(['SIGSEGV', 'SIGKILL', 'SIGABRT']);
  return [
    beat({
      at: downtime.start,
      type: 'worker.crashed',
      status: 'error',
      actor: service('node-agent'),
      resource: 'worker',
      resourceId: worker,
      node,
      worker,
      payload: { signal, running_tasks: tasks.length },
      message: `Worker process exited with signal ${signal}`,
    }),
    ...tasksCaught(downtime, tasks, firstTaskId, context, random),
    registered(context, downtime, worker, downtime.end),
  ];
}
