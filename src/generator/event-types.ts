/** Who acted, as DOMAIN.md defines the actors. */
export type ActorType = 'user' | 'api_key' | 'service' | 'system';
/** The outcome recorded for the event. */
export type EventStatus = 'success' | 'failure' | 'denied' | 'error';
/** The platform services that emit events on their own. */
export type ServiceName = 'scheduler' | 'vm-controller' | 'task-runner' | 'node-agent';
export type ResourceType =
  'user' | 'session' | 'api_key' | 'vm' | 'task' | 'worker' | 'node' | 'audit_event';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The event types the world records, `<group>.<past tense>`. */
export type EventType =
  | 'auth.login_succeeded'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'auth.token_issued'
  | 'auth.token_refreshed'
  | 'auth.mfa_challenge_failed'
  | 'auth.password_changed'
  | 'auth.account_locked'
  | 'session.expired'
  | 'session.terminated'
  | 'user.created'
  | 'user.invited'
  | 'user.updated'
  | 'user.role_changed'
  | 'user.suspended'
  | 'api_key.created'
  | 'api_key.rotated'
  | 'api_key.revoked'
  | 'api_key.rejected'
  | 'vm.created'
  | 'vm.started'
  | 'vm.stopped'
  | 'vm.restarted'
  | 'vm.resized'
  | 'vm.snapshot_created'
  | 'vm.deleted'
  | 'vm.start_failed'
  | 'vm.health_check_failed'
  | 'vm.migrated'
  | 'task.submitted'
  | 'task.queued'
  | 'task.scheduled'
  | 'task.started'
  | 'task.succeeded'
  | 'task.failed'
  | 'task.retried'
  | 'task.cancelled'
  | 'task.timed_out'
  | 'worker.registered'
  | 'worker.heartbeat_missed'
  | 'worker.draining'
  | 'worker.deregistered'
  | 'worker.crashed'
  | 'node.joined'
  | 'node.cordoned'
  | 'node.unreachable'
  | 'node.disk_pressure'
  | 'node.left'
  | 'access.permission_denied'
  | 'access.rate_limited'
  | 'access.audit_log_viewed';

/** The endpoint behind an HTTP event type and the status it answers when it succeeds. */
export interface Route {
  readonly method: HttpMethod;
  /** `{vm_id}`, `{task_id}`, `{user_id}`, `{key_id}`, `{session_id}`, `{event_id}` are filled in. */
  readonly path: string;
  readonly success: 200 | 201 | 202 | 204;
}

const post = (path: string, success: Route['success']): Route => ({
  method: 'POST',
  path,
  success,
});

/** Routes of the types a user or an API key causes through the API. */
export const ROUTES: Readonly<Partial<Record<EventType, Route>>> = {
  'auth.login_succeeded': post('/v1/auth/token', 200),
  'auth.login_failed': post('/v1/auth/token', 200),
  'auth.logout': post('/v1/auth/logout', 204),
  'auth.token_issued': post('/v1/auth/token', 200),
  'auth.token_refreshed': post('/v1/auth/refresh', 200),
  'auth.mfa_challenge_failed': post('/v1/auth/mfa/verify', 200),
  'auth.password_changed': post('/v1/users/me/password', 204),
  'session.terminated': { method: 'DELETE', path: '/v1/sessions/{session_id}', success: 204 },
  'user.created': post('/v1/users', 201),
  'user.invited': post('/v1/users/invitations', 201),
  'user.updated': { method: 'PATCH', path: '/v1/users/{user_id}', success: 200 },
  'user.role_changed': { method: 'PUT', path: '/v1/users/{user_id}/role', success: 200 },
  'user.suspended': post('/v1/users/{user_id}/suspend', 200),
  'api_key.created': post('/v1/api-keys', 201),
  'api_key.rotated': post('/v1/api-keys/{key_id}/rotate', 200),
  'api_key.revoked': { method: 'DELETE', path: '/v1/api-keys/{key_id}', success: 204 },
  'vm.created': post('/v1/vms', 201),
  'vm.started': post('/v1/vms/{vm_id}/start', 202),
  'vm.stopped': post('/v1/vms/{vm_id}/stop', 202),
  'vm.restarted': post('/v1/vms/{vm_id}/restart', 202),
  'vm.resized': post('/v1/vms/{vm_id}/resize', 202),
  'vm.snapshot_created': post('/v1/vms/{vm_id}/snapshots', 201),
  'vm.deleted': { method: 'DELETE', path: '/v1/vms/{vm_id}', success: 204 },
  'vm.start_failed': post('/v1/vms/{vm_id}/start', 202),
  'task.submitted': post('/v1/tasks', 201),
  'task.cancelled': post('/v1/tasks/{task_id}/cancel', 202),
  'access.audit_log_viewed': { method: 'GET', path: '/v1/audit/events/{event_id}', success: 200 },
};

/** The group of a type: the part before the dot. */
export function groupOf(type: EventType): string {
  return type.slice(0, type.indexOf('.'));
}
