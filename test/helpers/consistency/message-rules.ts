import type { Rule } from './rule.js';
import { perEvent } from './rule.js';

/** What a message for each HTTP status talks about. */
const BY_CODE: Readonly<Record<number, RegExp>> = {
  400: /^Inactive user$|invalid|malformed/i,
  401: /password|one-time code|API key|credentials|token/i,
  403: /permission|locked/i,
  404: /not found/i,
  409: /quota|already|in progress|conflict/i,
  422: /validation failed|is not offered|must/i,
  429: /rate limit/i,
  500: /internal error/i,
  502: /bad gateway|upstream/i,
  503: /capacity|unavailable/i,
  504: /did not respond within \d+s|timed out after \d+s/i,
};
/** What the platform's own failures say, by type. */
const BY_TYPE: Readonly<Record<string, RegExp>> = {
  'task.failed': /^Task exited with code \d+|^Worker lost while the task was running$/,
  'task.timed_out': /^Task exceeded its time limit of \d+s$/,
  'worker.heartbeat_missed': /^No heartbeat for \d+s \(limit \d+s\)$/,
  'worker.crashed': /^Worker process exited with signal SIG[A-Z]+$/,
  'node.unreachable': /^Node did not answer \d+ consecutive probes$/,
  'node.disk_pressure': /^Root volume at \d+% \(threshold \d+%\)$/,
  'vm.health_check_failed': /^Health check timed out after \d+s|^Guest agent reported status \w+/,
  'vm.start_failed': /capacity|Hypervisor|quota/,
  'auth.account_locked': /^Too many failed login attempts \(\d+ in \d+ minutes\)$/,
};
// Permission names such as `vm:create` name a permission, not a VM.
const VM_WORDS = /\bVMs?\b(?!:)|hypervisor|vCPU|snapshot|\bsize\b/i;
const REQUEST_WORDS = /password|one-time code|API key|credentials|token|rate limit/i;

export const messageFitsCodeAndKind: Rule = perEvent(
  'message-fits-code-and-kind',
  'error_message is set if and only if the status is not success, and is written for the event: ' +
    'for its HTTP status when it has one (404 says not found, 429 rate limit, 504 names the limit it ' +
    'waited for), else for its type (task.failed names the exit code); VM wording appears only on ' +
    'VM events (group vm or resource vm), credential and rate-limit wording only on HTTP events.',
  (event) => {
    const message = event.error_message;
    if ((message !== null) !== (event.status !== 'success'))
      return message === null ? 'no message for a failure' : 'a message on a success';
    if (message === null) return null;
    const onVm = event.event_group === 'vm' || event.resource_type === 'vm';
    if (!onVm && VM_WORDS.test(message)) return `VM wording outside VM events: "${message}"`;
    if (event.http_status === null && REQUEST_WORDS.test(message))
      return `request wording without a request: "${message}"`;
    const pattern =
      event.http_status === null ? BY_TYPE[event.event_type] : BY_CODE[event.http_status];
    if (pattern === undefined)
      return `no known message for ${event.http_status ?? event.event_type}`;
    return pattern.test(message)
      ? null
      : `"${message}" does not fit ${event.http_status ?? event.event_type}`;
  },
);
