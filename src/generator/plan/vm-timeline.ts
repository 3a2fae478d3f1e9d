import type { Node, Vm } from '../cast/cast.js';
import type { Random } from '../random.js';
import type { Beat } from '../story/beat.js';
import { beat, service } from '../story/beat.js';
import { HOUR, MINUTE, SECOND } from '../time.js';
import type { Downtime } from './downtimes.js';
import { isDown } from './downtimes.js';
import type { Happening, VmContext } from './vm-happenings.js';
import { vmHappenings } from './vm-happenings.js';
import type { Draft, VmState } from './vm-operations.js';
import { operate, snapshot } from './vm-operations.js';

function pickHost(context: VmContext, vm: Vm, at: number, not: Node | null): Node {
  const { nodes, downtimes, random } = context;
  const up = nodes.filter(
    (node) =>
      node.region === vm.region &&
      node !== not &&
      !isDown(downtimes, node, node.workers[0] ?? '', at, at + HOUR),
  );
  return random.pick(up.length > 0 ? up : nodes.filter((node) => node.region === vm.region));
}

/** How the VM lives through its host's outage or maintenance. */
function hostDown(context: VmContext, vm: Vm, state: VmState, downtime: Downtime): Draft[] {
  const { random } = context;
  const drafts: Draft[] = [];
  const move = (at: number, reason: 'node_drain' | 'host_failure'): Draft => {
    const from = state.host;
    state.host = pickHost(context, vm, at, from);
    return {
      at,
      node: state.host,
      type: 'vm.migrated',
      status: 'success',
      actor:
        reason === 'node_drain'
          ? { type: 'system', id: 'system', source: 'worker' }
          : service('vm-controller'),
      payload: {
        from_node: from.name,
        to_node: state.host.name,
        reason,
        downtime_ms: random.int(40, 900),
      },
    };
  };
  if (downtime.kind === 'maintenance')
    return [move(downtime.start + random.int(2, 10) * MINUTE, 'node_drain')];
  if (state.power === 'running')
    drafts.push({
      at: downtime.start + random.int(30, 60) * SECOND,
      node: state.host,
      type: 'vm.health_check_failed',
      status: 'error',
      actor: service('vm-controller'),
      payload: { check: 'tcp:22', consecutive_failures: 3, timeout_s: 10 },
      message: 'Health check timed out after 10s (3 consecutive failures)',
    });
  if (downtime.end - downtime.start > 10 * MINUTE)
    drafts.push(move(downtime.start + 10 * MINUTE, 'host_failure'));
  return drafts;
}

function degraded(random: Random, state: VmState, at: number): Draft[] {
  if (state.power !== 'running') return [];
  const controller = service('vm-controller');
  return [
    {
      at,
      type: 'vm.health_check_failed',
      status: 'failure',
      actor: controller,
      payload: { check: 'guest-agent', consecutive_failures: 3, reported: 'degraded' },
      message: 'Guest agent reported status degraded (3 consecutive checks)',
    },
    {
      at: at + random.int(90, 300) * SECOND,
      type: 'vm.restarted',
      status: 'success',
      actor: controller,
      payload: { reason: 'health_check' },
    },
  ];
}

function happen(context: VmContext, vm: Vm, state: VmState, happening: Happening): Draft[] {
  const { random } = context;
  switch (happening.kind) {
    case 'create':
      state.host = pickHost(context, vm, happening.at, null);
      return [
        {
          at: happening.at,
          type: 'vm.created',
          status: 'success',
          actor: happening.actor,
          code: 201,
          payload: { size: vm.size, image: vm.image, region: vm.region, disk_gb: vm.diskGb },
        },
      ];
    case 'delete':
      state.deleted = true;
      return [
        {
          at: happening.at,
          type: 'vm.deleted',
          status: 'success',
          actor: happening.actor,
          code: 204,
        },
      ];
    case 'operate':
      return [operate(random, vm, state, happening.actor, happening.at)];
    case 'snapshot':
      return [snapshot(random, vm, service('scheduler'), 'nightly', happening.at)];
    case 'degraded':
      return degraded(random, state, happening.at);
    case 'downtime':
      return happening.downtime.node === state.host
        ? hostDown(context, vm, state, happening.downtime)
        : [];
    default:
      throw new Error(`Unknown VM happening "${String(happening)}".`);
  }
}

/** One VM's story over the world: every change follows from the state the one before left. */
export function planVmTimeline(context: VmContext, vm: Vm): Beat[] {
  const state: VmState = {
    power: 'running',
    size: vm.size,
    host: pickHost(context, vm, vm.createdAt, null),
    deleted: false,
  };
  const beats: Beat[] = [];
  for (const happening of vmHappenings(context, vm)) {
    if (state.deleted) break;
    for (const draft of happen(context, vm, state, happening)) {
      const node = draft.node ?? state.host;
      const worker = node.workers[vm.index % node.workers.length] ?? null;
      beats.push(beat({ ...draft, resource: 'vm', resourceId: vm.id, vmId: vm.id, node, worker }));
    }
  }
  return beats.sort((a, b) => a.at - b.at);
}
