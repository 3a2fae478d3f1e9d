import type { Node, Vm } from '../cast/cast.js';
import { GPU_REGIONS, VM_SIZES } from '../domain-values.js';
import type { Random } from '../random.js';
import type { Actor, BeatInput } from '../story/beat.js';
import { DAY, WORLD_START } from '../time.js';

/** vCPUs of each size, for quota messages. */
const VCPUS: Readonly<Record<string, number>> = {
  'standard-2': 2,
  'standard-4': 4,
  'standard-8': 8,
  'highmem-4': 4,
  'highmem-16': 16,
  'gpu-a10-1': 8,
};

// Weight tables are constants: random.weighted() prepares each table once.
const START_OUTCOMES = { started: 88, quota: 6, capacity: 4, timeout: 2 } as const;
const WHEN_STOPPED = { start: 70, resize: 20, snapshot: 10 } as const;
const WHEN_RUNNING = { stop: 40, restart: 20, resize: 15, snapshot: 25 } as const;

/** What a VM is like at one time of its life. */
export interface VmState {
  power: 'running' | 'stopped';
  size: string;
  host: Node;
  deleted: boolean;
}

/** A VM event before its ids are filled in; `node` is where the VM runs when it happens. */
export type Draft = Omit<BeatInput, 'resource' | 'resourceId' | 'vmId' | 'worker'>;

function startAttempt(random: Random, vm: Vm, state: VmState, actor: Actor, at: number): Draft {
  const cause = random.weighted(START_OUTCOMES);
  const where = { size: state.size, region: vm.region };
  switch (cause) {
    case 'started':
      state.power = 'running';
      return { at, type: 'vm.started', status: 'success', actor, code: 202 };
    case 'quota': {
      const quota = random.pick([32, 64, 96]);
      const requested = VCPUS[state.size] ?? 2;
      const inUse = quota - random.int(0, requested - 1);
      return {
        at,
        type: 'vm.start_failed',
        status: 'failure',
        actor,
        code: 409,
        payload: { ...where, vcpus_requested: requested, vcpus_in_use: inUse, vcpu_quota: quota },
        message: `Project ${vm.project} has no vCPU quota left for ${state.size} (${inUse} of ${quota} vCPUs in use)`,
      };
    }
    case 'capacity':
      return {
        at,
        type: 'vm.start_failed',
        status: 'error',
        actor,
        code: 503,
        payload: where,
        message: `No capacity left for size ${state.size} in ${vm.region}`,
      };
    case 'timeout':
      return {
        at,
        type: 'vm.start_failed',
        status: 'error',
        actor,
        code: 504,
        payload: { ...where, node: state.host.name },
        message: 'Hypervisor did not respond within 30s',
        waitedS: 30,
      };
    default:
      throw new Error(`Unknown start outcome "${String(cause)}".`);
  }
}

function resize(random: Random, vm: Vm, state: VmState, actor: Actor, at: number): Draft {
  const to = random.pick(VM_SIZES.filter((size) => size !== state.size));
  const payload = {
    from_size: state.size,
    to_size: to,
    restart_required: state.power === 'running',
  };
  if (to.startsWith('gpu-') && !GPU_REGIONS.includes(vm.region))
    return {
      at,
      type: 'vm.resized',
      status: 'failure',
      actor,
      code: 422,
      payload,
      message: `Size ${to} is not offered in ${vm.region}`,
    };
  state.size = to;
  return { at, type: 'vm.resized', status: 'success', actor, code: 202, payload };
}

/** A disk fills slowly over the world: each VM starts at its own level and grows a little a day. */
function usedGb(random: Random, vm: Vm, at: number): number {
  const start = 0.25 + ((vm.index * 0.37) % 0.4);
  const days = (at - WORLD_START) / DAY;
  const used = vm.diskGb * Math.min(0.95, start + days * 0.002) + random.next();
  return Math.max(1, Math.round(used));
}

export function snapshot(
  random: Random,
  vm: Vm,
  actor: Actor,
  trigger: 'manual' | 'nightly',
  at: number,
): Draft {
  const payload = {
    snapshot_id: `snap-${random.hex(12)}`,
    size_gb: usedGb(random, vm, at),
    trigger,
  };
  if (trigger === 'manual' && random.chance(0.03))
    return {
      at,
      type: 'vm.snapshot_created',
      status: 'failure',
      actor,
      code: 409,
      message: 'A snapshot of this VM is already in progress',
    };
  const code = trigger === 'manual' ? 201 : null;
  return { at, type: 'vm.snapshot_created', status: 'success', actor, code, payload };
}

/** A person or key changes the VM: what they do depends on whether it runs. */
export function operate(random: Random, vm: Vm, state: VmState, actor: Actor, at: number): Draft {
  if (state.power === 'stopped') {
    const choice = random.weighted(WHEN_STOPPED);
    if (choice === 'start') return startAttempt(random, vm, state, actor, at);
    return choice === 'resize'
      ? resize(random, vm, state, actor, at)
      : snapshot(random, vm, actor, 'manual', at);
  }
  const choice = random.weighted(WHEN_RUNNING);
  if (choice === 'stop') {
    if (random.chance(0.02))
      return {
        at,
        type: 'vm.stopped',
        status: 'error',
        actor,
        code: 500,
        message: 'Internal error while stopping the VM',
      };
    state.power = 'stopped';
    return {
      at,
      type: 'vm.stopped',
      status: 'success',
      actor,
      code: 202,
      payload: { graceful: true },
    };
  }
  if (choice === 'restart')
    return {
      at,
      type: 'vm.restarted',
      status: 'success',
      actor,
      code: 202,
      payload: { reason: 'requested' },
    };
  return choice === 'resize'
    ? resize(random, vm, state, actor, at)
    : snapshot(random, vm, actor, 'manual', at);
}
