/** Who acted, as DOMAIN.md defines the actors. */
export type ActorType = 'user' | 'api_key' | 'service' | 'system';
/** The outcome recorded for the event. */
export type EventStatus = 'success' | 'failure' | 'denied' | 'error';
/** The platform services that emit events on their own. */
export type ServiceName = 'scheduler' | 'vm-controller' | 'task-runner' | 'node-agent';
export type ResourceType =
  'user' | 'session' | 'api_key' | 'vm' | 'task' | 'worker' | 'node' | 'audit_event';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One kind of audit event: `<group>.<action>`, who can cause it and what it touches. */
export interface EventKind {
  readonly group: string;
  readonly action: string;
  /** The endpoint a user or API key called; absent for events the platform emits itself. */
  readonly http?: { readonly method: HttpMethod; readonly path: string };
  /** For HTTP events: whether API keys may cause it too (logins and sessions are users only). */
  readonly apiKeys?: boolean;
  /** For platform events: who emits them. */
  readonly emitters?: readonly (ServiceName | 'system')[];
  readonly resource: ResourceType | null;
  /** Failure-named kinds: the only statuses they can have. */
  readonly statuses?: readonly Exclude<EventStatus, 'success'>[];
  /** Runs on a node: sets `node_ip` and `worker_id`. */
  readonly runtime?: boolean;
}

const post = (path: string) => ({ method: 'POST', path }) as const;
const del = (path: string) => ({ method: 'DELETE', path }) as const;

/** The realistic domain of DOMAIN.md: every group and type the provider records. */
export const EVENT_KINDS: readonly EventKind[] = [
  { group: 'auth', action: 'login_succeeded', http: post('/v1/auth/token'), resource: 'user' },
  {
    group: 'auth',
    action: 'login_failed',
    http: post('/v1/auth/token'),
    resource: 'user',
    statuses: ['denied', 'failure'],
  },
  { group: 'auth', action: 'logout', http: post('/v1/auth/logout'), resource: 'session' },
  {
    group: 'auth',
    action: 'token_issued',
    http: post('/v1/auth/token'),
    resource: 'user',
    apiKeys: true,
  },
  { group: 'auth', action: 'token_refreshed', http: post('/v1/auth/refresh'), resource: 'session' },
  {
    group: 'auth',
    action: 'token_revoked',
    http: post('/v1/auth/revoke'),
    resource: 'session',
    apiKeys: true,
  },
  {
    group: 'auth',
    action: 'mfa_challenge_failed',
    http: post('/v1/auth/mfa/verify'),
    resource: 'user',
    statuses: ['denied'],
  },
  {
    group: 'auth',
    action: 'password_changed',
    http: post('/v1/users/me/password'),
    resource: 'user',
  },
  {
    group: 'auth',
    action: 'account_locked',
    emitters: ['system'],
    resource: 'user',
    statuses: ['denied'],
  },
  { group: 'session', action: 'created', http: post('/v1/sessions'), resource: 'session' },
  {
    group: 'session',
    action: 'refreshed',
    http: post('/v1/sessions/{session_id}/refresh'),
    resource: 'session',
  },
  { group: 'session', action: 'expired', emitters: ['system', 'scheduler'], resource: 'session' },
  {
    group: 'session',
    action: 'terminated',
    http: del('/v1/sessions/{session_id}'),
    resource: 'session',
  },
  { group: 'user', action: 'created', http: post('/v1/users'), resource: 'user', apiKeys: true },
  {
    group: 'user',
    action: 'invited',
    http: post('/v1/users/invitations'),
    resource: 'user',
    apiKeys: true,
  },
  {
    group: 'user',
    action: 'updated',
    http: { method: 'PATCH', path: '/v1/users/{target_user_id}' },
    resource: 'user',
    apiKeys: true,
  },
  {
    group: 'user',
    action: 'role_changed',
    http: { method: 'PUT', path: '/v1/users/{target_user_id}/role' },
    resource: 'user',
  },
  {
    group: 'user',
    action: 'suspended',
    http: post('/v1/users/{target_user_id}/suspend'),
    resource: 'user',
  },
  {
    group: 'user',
    action: 'deleted',
    http: del('/v1/users/{target_user_id}'),
    resource: 'user',
    apiKeys: true,
  },
  { group: 'api_key', action: 'created', http: post('/v1/api-keys'), resource: 'api_key' },
  {
    group: 'api_key',
    action: 'rotated',
    http: post('/v1/api-keys/{key_id}/rotate'),
    resource: 'api_key',
    apiKeys: true,
  },
  { group: 'api_key', action: 'revoked', http: del('/v1/api-keys/{key_id}'), resource: 'api_key' },
  {
    group: 'api_key',
    action: 'rejected',
    http: { method: 'GET', path: '/v1/vms' },
    resource: 'api_key',
    apiKeys: true,
    statuses: ['denied'],
  },
  {
    group: 'vm',
    action: 'created',
    http: post('/v1/vms'),
    resource: 'vm',
    apiKeys: true,
    runtime: true,
  },
  {
    group: 'vm',
    action: 'started',
    http: post('/v1/vms/{vm_id}/start'),
    resource: 'vm',
    apiKeys: true,
    runtime: true,
  },
  {
    group: 'vm',
    action: 'stopped',
    http: post('/v1/vms/{vm_id}/stop'),
    resource: 'vm',
    apiKeys: true,
    runtime: true,
  },
  {
    group: 'vm',
    action: 'restarted',
    http: post('/v1/vms/{vm_id}/restart'),
    resource: 'vm',
    apiKeys: true,
    runtime: true,
  },
  { group: 'vm', action: 'restarted', emitters: ['vm-controller'], resource: 'vm', runtime: true },
  {
    group: 'vm',
    action: 'resized',
    http: post('/v1/vms/{vm_id}/resize'),
    resource: 'vm',
    apiKeys: true,
    runtime: true,
  },
  {
    group: 'vm',
    action: 'snapshot_created',
    http: post('/v1/vms/{vm_id}/snapshots'),
    resource: 'vm',
    apiKeys: true,
    runtime: true,
  },
  { group: 'vm', action: 'deleted', http: del('/v1/vms/{vm_id}'), resource: 'vm', apiKeys: true },
  {
    group: 'vm',
    action: 'start_failed',
    http: post('/v1/vms/{vm_id}/start'),
    resource: 'vm',
    apiKeys: true,
    runtime: true,
    statuses: ['failure', 'error'],
  },
  {
    group: 'vm',
    action: 'start_failed',
    emitters: ['vm-controller'],
    resource: 'vm',
    runtime: true,
    statuses: ['error'],
  },
  {
    group: 'vm',
    action: 'health_check_failed',
    emitters: ['vm-controller'],
    resource: 'vm',
    runtime: true,
    statuses: ['error', 'failure'],
  },
  {
    group: 'vm',
    action: 'migrated',
    emitters: ['vm-controller', 'system'],
    resource: 'vm',
    runtime: true,
  },
  { group: 'task', action: 'submitted', http: post('/v1/tasks'), resource: 'task', apiKeys: true },
  { group: 'task', action: 'queued', emitters: ['scheduler'], resource: 'task' },
  { group: 'task', action: 'scheduled', emitters: ['scheduler'], resource: 'task', runtime: true },
  { group: 'task', action: 'started', emitters: ['task-runner'], resource: 'task', runtime: true },
  {
    group: 'task',
    action: 'succeeded',
    emitters: ['task-runner'],
    resource: 'task',
    runtime: true,
  },
  {
    group: 'task',
    action: 'failed',
    emitters: ['task-runner'],
    resource: 'task',
    runtime: true,
    statuses: ['failure', 'error'],
  },
  { group: 'task', action: 'retried', emitters: ['scheduler'], resource: 'task', runtime: true },
  {
    group: 'task',
    action: 'retried',
    http: post('/v1/tasks/{task_id}/retry'),
    resource: 'task',
    apiKeys: true,
  },
  {
    group: 'task',
    action: 'cancelled',
    http: post('/v1/tasks/{task_id}/cancel'),
    resource: 'task',
    apiKeys: true,
  },
  {
    group: 'task',
    action: 'timed_out',
    emitters: ['scheduler'],
    resource: 'task',
    runtime: true,
    statuses: ['error'],
  },
  {
    group: 'worker',
    action: 'registered',
    emitters: ['node-agent'],
    resource: 'worker',
    runtime: true,
  },
  {
    group: 'worker',
    action: 'heartbeat_missed',
    emitters: ['scheduler'],
    resource: 'worker',
    runtime: true,
    statuses: ['error'],
  },
  {
    group: 'worker',
    action: 'draining',
    emitters: ['node-agent', 'system'],
    resource: 'worker',
    runtime: true,
  },
  {
    group: 'worker',
    action: 'deregistered',
    emitters: ['node-agent'],
    resource: 'worker',
    runtime: true,
  },
  {
    group: 'worker',
    action: 'crashed',
    emitters: ['node-agent'],
    resource: 'worker',
    runtime: true,
    statuses: ['error'],
  },
  { group: 'node', action: 'joined', emitters: ['node-agent'], resource: 'node', runtime: true },
  { group: 'node', action: 'cordoned', emitters: ['system'], resource: 'node', runtime: true },
  {
    group: 'node',
    action: 'unreachable',
    emitters: ['scheduler', 'system'],
    resource: 'node',
    runtime: true,
    statuses: ['error'],
  },
  {
    group: 'node',
    action: 'disk_pressure',
    emitters: ['node-agent'],
    resource: 'node',
    runtime: true,
    statuses: ['error', 'failure'],
  },
  {
    group: 'node',
    action: 'left',
    emitters: ['node-agent', 'system'],
    resource: 'node',
    runtime: true,
  },
  {
    group: 'access',
    action: 'permission_denied',
    http: post('/v1/vms/{vm_id}/stop'),
    resource: 'vm',
    apiKeys: true,
    statuses: ['denied'],
  },
  {
    group: 'access',
    action: 'rate_limited',
    http: { method: 'GET', path: '/v1/tasks' },
    resource: null,
    apiKeys: true,
    statuses: ['denied'],
  },
  {
    group: 'access',
    action: 'audit_log_viewed',
    http: { method: 'GET', path: '/v1/audit/events/{audit_event_id}' },
    resource: 'audit_event',
    apiKeys: true,
  },
];
