import type { EventStatus } from './event-kinds.js';

type Failure = Exclude<EventStatus, 'success'>;

/** What went wrong, by event type first and by status as a fallback. */
const BY_TYPE: Readonly<Record<string, Partial<Record<Failure, readonly string[]>>>> = {
  'auth.login_failed': {
    denied: ['Invalid username or password', 'Account is locked after 5 failed attempts'],
    failure: ['Username must not be empty', 'Password login is disabled for this organization'],
  },
  'auth.mfa_challenge_failed': { denied: ['Invalid one-time code', 'One-time code expired'] },
  'auth.account_locked': { denied: ['Too many failed login attempts (5 in 15 minutes)'] },
  'api_key.rejected': { denied: ['API key revoked', 'API key expired', 'Unknown API key'] },
  'vm.start_failed': {
    failure: ['VM quota exceeded (10/10 running)', 'VM is already running'],
    error: [
      'Hypervisor did not respond within 30s',
      'No capacity left for size standard-8 in eu-west-1',
    ],
  },
  'vm.health_check_failed': {
    error: ['Health check timed out after 10s (3 consecutive failures)'],
    failure: ['Guest agent reported status degraded'],
  },
  'task.failed': {
    failure: ['Task exited with code 1', 'Input file not found: s3://example-bucket/input.csv'],
    error: ['Task exited with code 137 (OOMKilled)', 'Worker lost while the task was running'],
  },
  'task.timed_out': { error: ['Task exceeded its time limit of 3600s'] },
  'worker.heartbeat_missed': { error: ['No heartbeat for 45s (limit 30s)'] },
  'worker.crashed': {
    error: ['Worker process exited with signal SIGSEGV', 'Worker exited with code 137 (OOMKilled)'],
  },
  'node.unreachable': { error: ['Node did not answer 3 consecutive probes'] },
  'node.disk_pressure': {
    error: ['Root volume at 94% (threshold 90%)'],
    failure: ['Image cache could not be pruned'],
  },
  'access.permission_denied': {
    denied: [
      'Missing permission vm:stop on project prj-analytics',
      'Role viewer cannot modify VMs',
    ],
  },
  'access.rate_limited': { denied: ['Rate limit exceeded: 600 requests per minute'] },
};

const BY_STATUS: Readonly<Record<Failure, readonly string[]>> = {
  failure: [
    'Request validation failed: size is not a known VM size',
    'Resource not found',
    'Conflict: resource was modified concurrently',
    'Quota exceeded for this project',
  ],
  denied: [
    'Not enough permissions',
    'Could not validate credentials',
    'Rate limit exceeded: 600 requests per minute',
  ],
  error: [
    'Internal error while processing the request',
    'Upstream service unavailable',
    'Database connection pool exhausted',
    'Gateway timeout talking to the compute API',
  ],
};

/** The error messages that fit an event type with a non-success status. */
export function errorMessagesFor(eventType: string, status: Failure): readonly string[] {
  return BY_TYPE[eventType]?.[status] ?? BY_STATUS[status];
}
