import type { CompleteAuditEvent } from '../audit-event.js';
import type { Client } from '../cast/cast.js';
import { groupOf, ROUTES } from '../event-types.js';
import type { Route } from '../event-types.js';
import type { Random } from '../random.js';
import type { Actor, Beat } from '../story/beat.js';
import { formatInstant } from '../time.js';
import { latencyMs } from './latency.js';

function clientOf(actor: Actor): Client | null {
  switch (actor.type) {
    case 'user':
      return actor.client;
    case 'api_key':
      return actor.key.client;
    case 'service':
    case 'system':
      return null;
    default:
      throw new Error(`Unknown actor "${String(actor)}".`);
  }
}

function who(
  actor: Actor,
): Pick<CompleteAuditEvent, 'user_id' | 'actor_id' | 'source' | 'session_id'> {
  switch (actor.type) {
    case 'user':
      return {
        user_id: actor.user.id,
        actor_id: String(actor.user.id),
        source: actor.client.source,
        session_id: actor.session?.id ?? null,
      };
    case 'api_key':
      return {
        user_id: actor.key.owner.id,
        actor_id: actor.key.id,
        source: actor.key.client.source,
        session_id: null,
      };
    case 'service':
      return {
        user_id: null,
        actor_id: actor.name,
        source: actor.name === 'scheduler' ? 'scheduler' : 'worker',
        session_id: null,
      };
    case 'system':
      return { user_id: null, actor_id: actor.id, source: actor.source, session_id: null };
    default:
      throw new Error(`Unknown actor "${String(actor)}".`);
  }
}

function fillPath(route: Route, beat: Beat): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value =
      name === 'vm_id' ? beat.vmId : name === 'task_id' ? String(beat.taskId) : beat.resourceId;
    if (value === null)
      throw new Error(`${beat.type} has no value for {${name}} in ${route.path}.`);
    return value;
  });
}

function request(beat: Beat, client: Client, random: Random) {
  const route = beat.route ?? ROUTES[beat.type];
  if (route === undefined || beat.code === null)
    throw new Error(`${beat.type} by a ${beat.actor.type} needs a route and an HTTP status.`);
  return {
    request_id: random.hex(32),
    http_method: route.method,
    path: fillPath(route, beat),
    http_status: beat.code,
    latency_ms: latencyMs(random, beat.type, route.method, beat.code, beat.waitedS),
    ip_address: client.ip,
    user_agent: client.agent,
  };
}

const NO_REQUEST = {
  request_id: null,
  http_method: null,
  path: null,
  http_status: null,
  latency_ms: null,
  ip_address: null,
  user_agent: null,
};

/** The event a beat stands for, under `id`; `random` draws its request id and latency. */
export function renderEvent(beat: Beat, id: string, random: Random): CompleteAuditEvent {
  const client = clientOf(beat.actor);
  const http = client === null ? NO_REQUEST : request(beat, client, random);
  const actor = who(beat.actor);
  // Written out field by field (no spreads): this runs for every generated answer.
  return {
    id,
    created_at: formatInstant(beat.at),
    user_id: actor.user_id,
    actor_type: beat.actor.type,
    actor_id: actor.actor_id,
    source: actor.source,
    event_group: groupOf(beat.type),
    event_type: beat.type,
    status: beat.status,
    resource_type: beat.resource,
    resource_id: beat.resourceId,
    session_id: actor.session_id,
    vm_id: beat.vmId,
    task_id: beat.taskId,
    request_id: http.request_id,
    correlation_id: beat.correlation ?? (client === null ? null : random.hex(32)),
    http_method: http.http_method,
    path: http.path,
    http_status: http.http_status,
    latency_ms: http.latency_ms,
    ip_address: http.ip_address,
    user_agent: http.user_agent,
    node_ip: beat.node?.ip ?? null,
    worker_id: beat.worker,
    event_payload: beat.payload,
    error_message: beat.message,
  };
}
