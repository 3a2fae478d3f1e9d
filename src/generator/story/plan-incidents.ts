import type { ApiKey } from '../cast/cast.js';
import type { Downtime } from '../plan/downtimes.js';
import { workerSlots, workerVersion } from '../plan/downtimes.js';
import type { KeyLife } from '../plan/key-timelines.js';
import type { Random } from '../random.js';
import { MINUTE, SECOND } from '../time.js';
import type { Beat } from './beat.js';
import { beat, service } from './beat.js';
import { drawAttempts } from './plan-tasks.js';
import type { Story } from './story.js';
import type { TaskKind, TaskPlan } from './task-plan.js';

const LONG_KINDS: readonly TaskKind[] = ['backup', 'etl.nightly', 'image.build', 'db.vacuum'];

/** Tasks that were running where the incident struck: each started a few minutes before it. */
function caught(
  random: Random,
  downtime: Downtime,
  count: number,
  projects: readonly string[],
  keys: readonly { key: ApiKey; life: KeyLife }[],
): TaskPlan[] {
  const plans: TaskPlan[] = [];
  for (let n = 0; n < count; n += 1) {
    const at = downtime.start - random.int(4 * 60, 25 * 60) * SECOND - random.int(0, 999_999);
    const ci = keys.filter(
      ({ key, life }) => key.name === 'ci-deploy' && life.from < at && at < life.to,
    );
    const drawn = random.pick(LONG_KINDS);
    // Builds come from CI keys; without one alive, the scheduler's backup was running instead.
    const kind = drawn === 'image.build' && ci.length === 0 ? 'backup' : drawn;
    const submitter =
      kind === 'image.build'
        ? ({ type: 'key', key: random.pick(ci).key } as const)
        : ({ type: 'schedule' } as const);
    const project = submitter.type === 'key' ? submitter.key.project : random.pick(projects);
    plans.push({ submitter, kind, project, at, attempts: drawAttempts(random, kind, 'lost') });
  }
  return plans.sort((a, b) => a.at - b.at);
}

/** A planned maintenance: cordon, drain, leave; come back upgraded. */
function maintenance(random: Random, downtime: Downtime, downtimes: readonly Downtime[]): Beat[] {
  const { node } = downtime;
  const onNode = { resource: 'node', resourceId: node.name, node } as const;
  const agent = service('node-agent');
  const system = { type: 'system', id: 'system', source: 'worker' } as const;
  const beats = [
    beat({
      at: downtime.start,
      type: 'node.cordoned',
      status: 'success',
      actor: system,
      ...onNode,
      payload: { reason: random.pick(['kernel upgrade', 'firmware update', 'worker upgrade']) },
    }),
  ];
  for (const worker of node.workers) {
    const onWorker = { resource: 'worker', resourceId: worker, node, worker } as const;
    beats.push(
      beat({
        at: downtime.start + random.int(5, 30) * SECOND,
        type: 'worker.draining',
        status: 'success',
        actor: agent,
        ...onWorker,
        payload: { running_tasks: 0 },
      }),
      beat({
        at: downtime.start + random.int(60, 180) * SECOND,
        type: 'worker.deregistered',
        status: 'success',
        actor: agent,
        ...onWorker,
        payload: { reason: 'maintenance' },
      }),
    );
  }
  beats.push(
    beat({
      at: downtime.start + 12 * MINUTE,
      type: 'node.left',
      status: 'success',
      actor: agent,
      ...onNode,
      payload: { reason: 'maintenance' },
    }),
    beat({
      at: downtime.end - 2 * MINUTE,
      type: 'node.joined',
      status: 'success',
      actor: agent,
      ...onNode,
      payload: { cpus: node.cpus, memory_gb: node.memoryGb, zone: node.zone, rejoined: true },
    }),
  );
  for (const worker of node.workers)
    beats.push(
      beat({
        at: downtime.end - random.int(30, 90) * SECOND,
        type: 'worker.registered',
        status: 'success',
        actor: agent,
        resource: 'worker',
        resourceId: worker,
        node,
        worker,
        payload: {
          version: workerVersion(downtimes, node, downtime.end),
          slots: workerSlots(node),
          restarted: false,
        },
      }),
    );
  return beats.sort((a, b) => a.at - b.at);
}

/** The stories of the world's outages, worker crashes and maintenance windows. */
export function planIncidents(
  random: Random,
  downtimes: readonly Downtime[],
  projects: readonly string[],
  keys: readonly { key: ApiKey; life: KeyLife }[],
): Story[] {
  return downtimes.map((downtime): Story => {
    switch (downtime.kind) {
      case 'outage':
        return {
          kind: 'outage',
          downtime,
          tasks: caught(random, downtime, random.int(1, 4), projects, keys),
        };
      case 'crash':
        return {
          kind: 'crash',
          downtime,
          tasks: caught(random, downtime, random.int(0, 2), projects, keys),
        };
      case 'maintenance':
        return {
          kind: 'timeline',
          about: `maintenance of ${downtime.node.name}`,
          beats: maintenance(random, downtime, downtimes),
        };
      default:
        throw new Error(
          `Unknown downtime "${String(downtime.kind)}"; expected outage, crash or maintenance.`,
        );
    }
  });
}
