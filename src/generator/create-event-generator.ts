import type { CompleteAuditEvent } from './audit-event.js';
import { buildPayload } from './build-payload.js';
import type { FakerPools } from './create-faker-pools.js';
import { createFakerPools } from './create-faker-pools.js';
import { createdAt } from './created-at.js';
import { NODE_IPS } from './domain-values.js';
import { errorMessagesFor } from './error-messages.js';
import type { ActorType, EventKind, EventStatus, ResourceType } from './event-kinds.js';
import type { HttpSource } from './http-details.js';
import { httpDetails } from './http-details.js';
import { pickEventKind } from './pick-event-kind.js';
import type { Random } from './random.js';
import { createRandom } from './random.js';

/** Makes the event for an id; the same seed and id always give the same event. */
export interface EventGenerator {
  (eventId: string): CompleteAuditEvent;
  /** Does the one-time set-up now (loading faker), rather than on the first event. */
  warm(): void;
}

interface Actor {
  readonly type: ActorType;
  readonly id: string | null;
  readonly userId: number | null;
  readonly source: string;
}

const STATUS_WEIGHTS: Readonly<Record<EventStatus, number>> = {
  success: 85,
  failure: 8,
  denied: 4,
  error: 3,
};
const ACTOR_WEIGHTS: Readonly<Record<ActorType, number>> = {
  user: 55,
  api_key: 15,
  service: 20,
  system: 10,
};
const USER_SOURCES = { web: 55, cli: 25, api: 20 } as const;
const API_KEY_SOURCES = { api: 80, cli: 20 } as const;

const userNumber = (random: Random) => random.int(1001, 48_000);

function pickActor(random: Random, type: ActorType, kind: EventKind): Actor {
  switch (type) {
    case 'user': {
      const userId = userNumber(random);
      const source = random.weighted(USER_SOURCES);
      return { type, id: String(userId), userId, source };
    }
    case 'api_key':
      return {
        type,
        id: `key_${random.hex(16)}`,
        userId: userNumber(random),
        source: random.weighted(API_KEY_SOURCES),
      };
    case 'service': {
      const service = random.pick((kind.emitters ?? []).filter((emitter) => emitter !== 'system'));
      return {
        type,
        id: service,
        userId: null,
        source: service === 'scheduler' ? 'scheduler' : 'worker',
      };
    }
    case 'system':
      return {
        type,
        id: random.chance(0.7) ? 'system' : null,
        userId: null,
        source: random.pick(['scheduler', 'worker']),
      };
    default:
      throw new Error(
        `Unknown actor type "${String(type)}"; expected user, api_key, service or system.`,
      );
  }
}

interface Context {
  readonly vm_id: string | null;
  readonly task_id: number | null;
  readonly session_id: string | null;
  readonly node_ip: string | null;
  readonly worker_id: string | null;
  readonly nodeName: string | null;
}

function pickContext(random: Random, kind: EventKind, actor: Actor): Context {
  const node = kind.runtime ? random.int(0, NODE_IPS.length - 1) : null;
  const nodeName = node === null ? null : `node-${String(node + 1).padStart(2, '0')}`;
  const isTask = kind.resource === 'task';
  return {
    vm_id: kind.resource === 'vm' ? random.uuid() : null,
    task_id: isTask ? random.int(100_000, 999_999) : null,
    session_id: actor.type === 'user' && actor.source !== 'api' ? random.uuid() : null,
    node_ip: node === null ? null : (NODE_IPS[node] ?? null),
    worker_id: nodeName === null ? null : `worker-${nodeName}-${random.int(1, 4)}`,
    nodeName,
  };
}

function resourceId(
  random: Random,
  type: ResourceType | null,
  kind: EventKind,
  actor: Actor,
  context: Context,
): string | null {
  switch (type) {
    case null:
      return null;
    case 'vm':
      return context.vm_id;
    case 'task':
      return String(context.task_id);
    case 'user':
      return kind.group === 'auth' && actor.userId !== null
        ? String(actor.userId)
        : String(userNumber(random));
    case 'session':
      return context.session_id ?? random.uuid();
    case 'api_key':
      return actor.type === 'api_key' && kind.action !== 'created'
        ? actor.id
        : `key_${random.hex(16)}`;
    case 'worker':
      return context.worker_id;
    case 'node':
      return context.nodeName;
    case 'audit_event':
      return random.uuid();
    default:
      throw new Error(`Unknown resource type "${String(type)}".`);
  }
}

function correlationId(
  random: Random,
  seed: string,
  context: Context,
  fromHttp: boolean,
): string | null {
  // Events of one task share its trace id, so a chain (submitted → ... → failed) can be followed.
  if (context.task_id !== null)
    return createRandom('task-chain', seed, String(context.task_id)).hex(32);
  return fromHttp || random.chance(0.5) ? random.hex(32) : null;
}

function errorMessage(random: Random, eventType: string, status: EventStatus): string | null {
  return status === 'success' ? null : random.pick(errorMessagesFor(eventType, status));
}

function generate(seed: string, pools: FakerPools, eventId: string): CompleteAuditEvent {
  const random = createRandom('event', seed, eventId);
  const status = random.weighted(STATUS_WEIGHTS);
  const actorType = random.weighted(ACTOR_WEIGHTS);
  const kind = pickEventKind(random, actorType, status);
  const actor = pickActor(random, actorType, kind);
  const context = pickContext(random, kind, actor);
  const resource_id = resourceId(random, kind.resource, kind, actor, context);
  const eventType = `${kind.group}.${kind.action}`;
  const http =
    kind.http && isHttpSource(actor.source)
      ? httpDetails(random, pools, { ...kind, http: kind.http }, actor.source, status, {
          vm_id: context.vm_id ?? '',
          task_id: String(context.task_id),
          session_id: resource_id ?? '',
          target_user_id: resource_id ?? '',
          key_id: resource_id ?? '',
          audit_event_id: resource_id ?? '',
        })
      : null;
  return {
    id: eventId,
    created_at: createdAt(random, actor.type === 'user'),
    user_id: actor.userId,
    actor_type: actor.type,
    actor_id: actor.id,
    source: actor.source,
    event_group: kind.group,
    event_type: eventType,
    status,
    resource_type: kind.resource,
    resource_id,
    session_id: context.session_id,
    vm_id: context.vm_id,
    task_id: context.task_id,
    request_id: http?.request_id ?? null,
    correlation_id: correlationId(random, seed, context, http !== null),
    http_method: http?.http_method ?? null,
    path: http?.path ?? null,
    http_status: http?.http_status ?? null,
    latency_ms: http?.latency_ms ?? null,
    ip_address: http?.ip_address ?? null,
    user_agent: http?.user_agent ?? null,
    node_ip: context.node_ip,
    worker_id: context.worker_id,
    event_payload: random.chance(0.1)
      ? null
      : buildPayload(kind.group, eventType, { random, pools, status }),
    error_message: errorMessage(random, eventType, status),
  };
}

function isHttpSource(source: string): source is HttpSource {
  return source === 'web' || source === 'api' || source === 'cli';
}

/**
 * Creates a generator of realistic audit events (DOMAIN.md) for one seed. Each event draws from a
 * random source of its own, seeded by (seed, id): no clock, no global state.
 */
export function createEventGenerator(seed: string): EventGenerator {
  let pools: FakerPools | undefined;
  const poolsNow = () => (pools ??= createFakerPools(seed));
  // Built on first use (or by warm()), so start-up does not wait for faker.
  return Object.assign((eventId: string) => generate(seed, poolsNow(), eventId), {
    warm: () => void poolsNow(),
  });
}
