import { isRecord } from '../../../src/core/is-record.js';
import type { Event, Rule } from './rule.js';
import { instant, payloadField, perEvent } from './rule.js';

type Check = (event: Event, message: string) => string | null;

const say = (ok: boolean, problem: string) => (ok ? null : problem);
const mentions = (message: string, value: unknown) => message.includes(String(value));

function attempts(event: Event): string | null {
  const attempt = payloadField(event, 'attempt');
  const max = payloadField(event, 'max_attempts');
  if (typeof attempt !== 'number' || typeof max !== 'number') return 'no attempt numbers';
  return say(attempt >= 1 && attempt <= max, `attempt ${attempt} of ${max}`);
}

/** Per type: what the payload must agree with (the message, the other fields, itself). */
const CHECKS: Readonly<Record<string, Check>> = {
  'task.failed': (event, message) => {
    const code = payloadField(event, 'exit_code');
    const reason = payloadField(event, 'reason');
    if (reason === 'WorkerLost')
      return say(
        code === null && message.startsWith('Worker lost'),
        'lost worker with an exit code',
      );
    if ((code === 137) !== (reason === 'OOMKilled'))
      return `exit code ${String(code)} with reason ${String(reason)}`;
    return (
      say(
        message.includes(`code ${String(code)}`),
        `exit code ${String(code)} not in "${message}"`,
      ) ?? attempts(event)
    );
  },
  'task.succeeded': (event) =>
    say(payloadField(event, 'exit_code') === 0, 'non-zero exit code') ?? attempts(event),
  'task.started': (event) => attempts(event),
  'task.retried': (event) =>
    say(Number(payloadField(event, 'attempt')) >= 2, 'a retry that is the first attempt') ??
    attempts(event),
  'task.timed_out': (event, message) =>
    say(
      mentions(message, `${String(payloadField(event, 'limit_s'))}s`),
      'limit not in the message',
    ),
  'access.permission_denied': (event, message) => {
    const project = payloadField(event, 'project');
    if (!mentions(message, payloadField(event, 'permission')))
      return 'permission not in the message';
    return say(project === undefined || mentions(message, project), 'project not in the message');
  },
  'access.rate_limited': (event, message) =>
    say(mentions(message, payloadField(event, 'limit')), 'limit not in the message'),
  'worker.heartbeat_missed': (event, message) => {
    const seen = Number(payloadField(event, 'last_seen_s_ago'));
    const limit = Number(payloadField(event, 'limit_s'));
    return say(
      seen > limit && mentions(message, `${seen}s`) && mentions(message, `${limit}s`),
      'silence and limit disagree',
    );
  },
  'worker.crashed': (event, message) =>
    say(mentions(message, payloadField(event, 'signal')), 'signal not in the message'),
  'node.disk_pressure': (event, message) => {
    const used = Number(payloadField(event, 'used_percent'));
    const limit = Number(payloadField(event, 'threshold_percent'));
    return say(
      used > limit && mentions(message, `${used}%`) && mentions(message, `${limit}%`),
      'usage and threshold disagree',
    );
  },
  'vm.resized': (event, message) => {
    const [from, to] = [payloadField(event, 'from_size'), payloadField(event, 'to_size')];
    if (from === to) return `a resize that changes nothing (${String(from)})`;
    return event.status === 'success'
      ? null
      : say(mentions(message, to), 'requested size not in the message');
  },
  'vm.start_failed': (event, message) => {
    const inUse = payloadField(event, 'vcpus_in_use');
    if (inUse === undefined)
      return say(
        mentions(message, payloadField(event, 'size')) || message.startsWith('Hypervisor'),
        'size not in the message',
      );
    const [quota, wanted] = [
      Number(payloadField(event, 'vcpu_quota')),
      Number(payloadField(event, 'vcpus_requested')),
    ];
    return say(
      Number(inUse) + wanted > quota && mentions(message, `${String(inUse)} of ${quota}`),
      'quota numbers disagree',
    );
  },
  'vm.migrated': (event) => {
    const [from, to] = [payloadField(event, 'from_node'), payloadField(event, 'to_node')];
    return say(
      from !== to && event.worker_id?.startsWith(`worker-${String(to)}-`) === true,
      'a migration that does not land on its target',
    );
  },
  'vm.health_check_failed': (event, message) =>
    say(
      mentions(message, payloadField(event, 'consecutive_failures')),
      'failure count not in the message',
    ),
  'user.role_changed': (event) =>
    say(
      payloadField(event, 'from') !== payloadField(event, 'to'),
      'a role change that changes nothing',
    ),
  'user.updated': (event) => {
    const changes = payloadField(event, 'changes');
    if (!isRecord(changes) || Object.keys(changes).length === 0) return 'no changes listed';
    const noOps = Object.entries(changes).filter(
      ([, change]) => !isRecord(change) || change['from'] === change['to'],
    );
    return say(
      noOps.length === 0,
      `changes without before and after values: ${noOps.map(([field]) => field).join(', ')}`,
    );
  },
  'auth.account_locked': (event, message) =>
    say(
      mentions(message, `(${String(payloadField(event, 'failed_attempts'))} in`),
      'attempts not in the message',
    ),
  'api_key.rejected': (event, message) =>
    say(
      message === `API key ${String(payloadField(event, 'reason'))}`,
      'reason and message disagree',
    ),
  'session.expired': (event) => {
    const lastSeen = payloadField(event, 'last_seen_at');
    const idle = Number(payloadField(event, 'idle_timeout_s'));
    if (typeof lastSeen !== 'string') return 'no last request';
    return say(
      instant(event.created_at) - instant(lastSeen) === idle * 1_000_000,
      'expired before its idle timeout',
    );
  },
};

export const payloadAgrees: Rule = perEvent(
  'payload-agrees',
  'The payload agrees with the message and the other fields: exit codes, permissions and projects, ' +
    'limits, signals and sizes named in the message are the ones in the payload; updates and role ' +
    'changes carry before and after values that differ (no no-op changes); resources match their ids ' +
    '(resource vm ↔ vm_id, task ↔ task_id).',
  (event) => {
    if (event.resource_type === 'vm' && event.resource_id !== event.vm_id)
      return 'resource_id is not the vm_id';
    if (event.resource_type === 'task' && event.resource_id !== String(event.task_id))
      return 'resource_id is not the task_id';
    const check = CHECKS[event.event_type];
    if (check === undefined || event.event_payload === null)
      return event.resource_type === null ? undefined : null;
    return check(event, event.error_message ?? '');
  },
);
