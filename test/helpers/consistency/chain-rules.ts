import type { Event, Rule } from './rule.js';
import { payloadField, perChain } from './rule.js';

/** A task's life as a sentence: `submitted queued (scheduled started <end> retried)* ... <end>`. */
const TASK_GRAMMAR =
  /^(?:token_issued )?submitted(?: queued(?: scheduled started (?:failed|timed_out) retried)*(?: scheduled started (?:succeeded|failed|timed_out|cancelled))?)?$/;

export const taskChainInOrder: Rule = perChain(
  'task-chain-in-order',
  'The events of one correlation id that carry a task are one task, in the order of its life: ' +
    'submitted, queued, then for each attempt scheduled, started and its end (succeeded, failed, ' +
    'timed_out or cancelled), retried between attempts; attempts count up by one, and an attempt ' +
    'runs on one worker from scheduled to its end. Judged on whole chains (an export of the world).',
  (event) =>
    event.task_id === null &&
    event.event_type !== 'auth.token_issued' &&
    event.event_type !== 'task.submitted'
      ? null
      : event.correlation_id,
  (chain) => {
    const tasks = new Set(chain.map((event) => event.task_id).filter((id) => id !== null));
    if (tasks.size > 1) return `${tasks.size} tasks on one trace`;
    const sentence = chain.map((event) => event.event_type.split('.')[1]).join(' ');
    if (!TASK_GRAMMAR.test(sentence)) return `out of order: ${sentence}`;
    let attempt = 0;
    let worker: string | null = null;
    for (const event of chain) {
      if (event.event_type === 'task.started') attempt += 1;
      const said = payloadField(event, 'attempt');
      const expected = event.event_type === 'task.retried' ? attempt + 1 : attempt;
      if (said !== undefined && event.event_type !== 'task.submitted' && said !== expected)
        return `attempt ${String(said)} where ${expected} was due`;
      if (event.event_type === 'task.scheduled') worker = event.worker_id;
      else if (event.worker_id !== null && event.worker_id !== worker)
        return `attempt ${attempt} moved from ${String(worker)} to ${event.worker_id}`;
    }
    return null;
  },
);

type Power = 'running' | 'stopped' | null;
const POWER: Readonly<Record<string, { needs: Power; leaves: Power }>> = {
  'vm.started': { needs: 'stopped', leaves: 'running' },
  'vm.stopped': { needs: 'running', leaves: 'stopped' },
  'vm.restarted': { needs: 'running', leaves: 'running' },
};

interface VmState {
  power: Power;
  size: unknown;
  node: string | null;
}

function vmStep(event: Event, state: VmState): string | null {
  if (event.status === 'success' && POWER[event.event_type]) {
    const { needs, leaves } = POWER[event.event_type] ?? { needs: null, leaves: null };
    if (state.power !== null && state.power !== needs)
      return `${event.event_type} while ${state.power}`;
    state.power = leaves;
  }
  if (event.event_type === 'vm.created') state.power = 'running';
  if (event.event_type === 'vm.resized' && event.event_payload !== null) {
    const from = payloadField(event, 'from_size');
    if (state.size !== undefined && from !== state.size)
      return `resized from ${String(from)} but it was ${String(state.size)}`;
    state.size = event.status === 'success' ? payloadField(event, 'to_size') : from;
  }
  if (event.node_ip !== null) {
    if (state.node !== null && state.node !== event.node_ip && event.event_type !== 'vm.migrated')
      return `moved from ${state.node} to ${event.node_ip} without a migration`;
    state.node = event.node_ip;
  }
  return null;
}

export const vmChangesFollowOn: Rule = perChain(
  'vm-changes-follow-on',
  'A VM’s events follow from each other: created first and deleted last; it starts only when ' +
    'stopped and stops or restarts only when running; each resize starts from the size the last ' +
    'one left; it changes node only by a migration.',
  (event) => event.vm_id,
  (chain) => {
    const created = chain.findIndex((event) => event.event_type === 'vm.created');
    const deleted = chain.findIndex((event) => event.event_type === 'vm.deleted');
    if (created > 0) return `${chain[0]?.event_type} before vm.created`;
    if (deleted !== -1 && deleted !== chain.length - 1)
      return `${chain[deleted + 1]?.event_type} after vm.deleted`;
    const state: VmState = { power: null, size: undefined, node: null };
    for (const event of chain.filter((e) => e.event_type !== 'access.permission_denied')) {
      const problem = vmStep(event, state);
      if (problem !== null) return problem;
    }
    return null;
  },
);
