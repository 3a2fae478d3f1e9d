import type { EventStatus } from './event-kinds.js';
import type { FakerPools } from './create-faker-pools.js';
import type { Random } from './random.js';
import {
  API_KEY_SCOPES,
  REGIONS,
  ROLES,
  TASK_KINDS,
  VM_IMAGES,
  VM_SIZES,
} from './domain-values.js';

/** What a payload builder may read about the event being generated. */
export interface PayloadContext {
  readonly random: Random;
  readonly pools: FakerPools;
  readonly status: EventStatus;
}

type PayloadBuilder = (context: PayloadContext) => unknown;

const attempt = (random: Random) => random.int(1, 3);

/** A small object per event type, never a secret (no passwords, tokens or key material). */
const BUILDERS: Readonly<Record<string, PayloadBuilder>> = {
  'auth.login_succeeded': ({ random }) => ({
    method: random.pick(['password', 'sso', 'passkey']),
    mfa: random.chance(0.6),
  }),
  'auth.login_failed': ({ random }) => ({ method: 'password', failed_attempts: random.int(1, 5) }),
  'auth.token_issued': ({ random }) => ({
    grant_type: random.pick(['password', 'client_credentials']),
    expires_in: 3600,
  }),
  'auth.mfa_challenge_failed': ({ random }) => ({
    factor: random.pick(['totp', 'webauthn', 'sms']),
  }),
  'auth.account_locked': ({ random }) => ({
    failed_attempts: random.int(5, 10),
    locked_for_s: 900,
  }),
  'user.created': ({ random, pools }) => ({
    email: random.pick(pools.emails),
    display_name: random.pick(pools.fullNames),
    role: random.pick(ROLES),
  }),
  'user.invited': ({ random, pools }) => ({
    email: random.pick(pools.emails),
    role: random.pick(ROLES),
    expires_in_days: 7,
  }),
  'user.updated': ({ random }) => ({
    changed: random.pick([['display_name'], ['email'], ['display_name', 'timezone']]),
  }),
  'user.role_changed': ({ random }) => ({ from: random.pick(ROLES), to: random.pick(ROLES) }),
  'user.suspended': ({ random }) => ({
    reason: random.pick(['offboarding', 'security_review', 'billing']),
  }),
  'api_key.created': ({ random }) => ({
    name: random.pick(['ci-deploy', 'terraform', 'grafana-reader']),
    scopes: [random.pick(API_KEY_SCOPES), random.pick(API_KEY_SCOPES)],
    expires_in_days: random.pick([30, 90, 365]),
  }),
  'api_key.rotated': ({ random }) => ({ grace_period_s: random.pick([0, 3600, 86400]) }),
  'vm.created': ({ random }) => ({
    size: random.pick(VM_SIZES),
    image: random.pick(VM_IMAGES),
    region: random.pick(REGIONS),
    disk_gb: random.pick([20, 50, 100, 250]),
  }),
  'vm.resized': ({ random }) => ({
    from_size: random.pick(VM_SIZES),
    to_size: random.pick(VM_SIZES),
    restart_required: random.chance(0.7),
  }),
  'vm.snapshot_created': ({ random }) => ({
    snapshot_id: `snap-${random.hex(12)}`,
    size_gb: random.int(5, 250),
  }),
  'vm.migrated': ({ random }) => ({
    reason: random.pick(['maintenance', 'rebalance', 'node_drain']),
    downtime_ms: random.int(40, 900),
  }),
  'vm.stopped': ({ random }) => ({ graceful: random.chance(0.9) }),
  'vm.health_check_failed': ({ random }) => ({
    check: random.pick(['tcp:22', 'http:/healthz', 'guest-agent']),
    consecutive_failures: random.int(3, 6),
  }),
  'task.submitted': ({ random }) => ({
    kind: random.pick(TASK_KINDS),
    priority: random.pick(['low', 'normal', 'high']),
    max_attempts: 3,
  }),
  'task.queued': ({ random }) => ({
    queue: random.pick(['default', 'batch', 'interactive']),
    position: random.int(0, 40),
  }),
  'task.scheduled': ({ random }) => ({ queue_wait_ms: random.int(50, 90_000) }),
  'task.started': ({ random }) => ({ attempt: attempt(random), max_attempts: 3 }),
  'task.succeeded': ({ random }) => ({
    attempt: attempt(random),
    duration_ms: random.int(300, 900_000),
    exit_code: 0,
  }),
  'task.failed': ({ random, status }) => ({
    exit_code: status === 'error' ? 137 : random.pick([1, 2, 3]),
    attempt: attempt(random),
    max_attempts: 3,
    reason: status === 'error' ? 'OOMKilled' : 'NonZeroExit',
    duration_ms: random.int(300, 900_000),
  }),
  'task.retried': ({ random }) => ({
    attempt: random.int(2, 3),
    max_attempts: 3,
    backoff_ms: random.pick([1000, 5000, 30_000]),
  }),
  'task.timed_out': () => ({ limit_s: 3600 }),
  'worker.registered': ({ random }) => ({
    version: random.pick(['1.18.2', '1.19.0']),
    slots: random.pick([4, 8, 16]),
  }),
  'worker.heartbeat_missed': ({ random }) => ({ last_seen_s_ago: random.int(31, 300) }),
  'worker.crashed': ({ random }) => ({
    signal: random.pick(['SIGSEGV', 'SIGKILL', 'SIGABRT']),
    running_tasks: random.int(0, 8),
  }),
  'node.joined': ({ random }) => ({
    cpus: random.pick([16, 32, 64]),
    memory_gb: random.pick([64, 128, 256]),
    zone: `${random.pick(REGIONS)}${random.pick(['a', 'b', 'c'])}`,
  }),
  'node.disk_pressure': ({ random }) => ({ volume: '/', used_percent: random.int(90, 99) }),
  'access.permission_denied': ({ random, pools }) => ({
    permission: random.pick(['vm:stop', 'vm:delete', 'task:cancel']),
    project: random.pick(pools.projects),
  }),
  'access.rate_limited': () => ({ limit: 600, window_s: 60 }),
  'access.audit_log_viewed': ({ random }) => ({
    filters: random.pick([{}, { event_group: 'auth' }, { status: 'denied' }]),
  }),
};

/** For types without a builder of their own: a small object that fits the group. */
const GROUP_BUILDERS: Readonly<Record<string, PayloadBuilder>> = {
  auth: ({ random }) => ({ method: random.pick(['password', 'sso', 'refresh_token']) }),
  session: ({ random }) => ({ ttl_s: random.pick([900, 3600, 28_800]), mfa: random.chance(0.6) }),
  user: ({ random }) => ({ role: random.pick(ROLES) }),
  api_key: ({ random }) => ({ scopes: [random.pick(API_KEY_SCOPES)] }),
  vm: ({ random }) => ({ size: random.pick(VM_SIZES), region: random.pick(REGIONS) }),
  task: ({ random }) => ({ kind: random.pick(TASK_KINDS), attempt: attempt(random) }),
  worker: ({ random }) => ({ slots: random.pick([4, 8, 16]) }),
  node: ({ random }) => ({ zone: `${random.pick(REGIONS)}${random.pick(['a', 'b', 'c'])}` }),
  access: ({ random }) => ({ route: random.pick(['/v1/vms', '/v1/tasks']) }),
};

/** The payload for an event type: its own small object, else one that fits its group. */
export function buildPayload(group: string, eventType: string, context: PayloadContext): unknown {
  const builder = BUILDERS[eventType] ?? GROUP_BUILDERS[group];
  return builder ? builder(context) : null;
}
