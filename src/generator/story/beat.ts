import type { ApiKey, Client, Node, User } from '../cast/cast.js';
import type { EventStatus, EventType, ResourceType, Route, ServiceName } from '../event-types.js';
import type { Session } from '../plan/session.js';

/** Who caused an event: a person on a client (in a session or not), a key, a service, the system. */
export type Actor =
  | {
      readonly type: 'user';
      readonly user: User;
      readonly client: Client;
      readonly session: Session | null;
    }
  | { readonly type: 'api_key'; readonly key: ApiKey }
  | { readonly type: 'service'; readonly name: ServiceName }
  | {
      readonly type: 'system';
      readonly id: 'system' | null;
      readonly source: 'scheduler' | 'worker';
    };

/** One event of a story, with everything but the details drawn when it is rendered. */
export interface Beat {
  /** Microseconds since 1970. */
  readonly at: number;
  readonly type: EventType;
  readonly status: EventStatus;
  readonly actor: Actor;
  /** The HTTP status answered, for events caused through the API; else null. */
  readonly code: number | null;
  /** The endpoint called, when it is not the type's own route (a refused call). */
  readonly route: Route | null;
  readonly resource: ResourceType | null;
  readonly resourceId: string | null;
  readonly vmId: string | null;
  readonly taskId: number | null;
  readonly node: Node | null;
  readonly worker: string | null;
  readonly correlation: string | null;
  readonly payload: unknown;
  readonly message: string | null;
  /** For a request that timed out: the limit it waited for, in seconds. */
  readonly waitedS: number | null;
}

type Optional =
  | 'code'
  | 'route'
  | 'resource'
  | 'resourceId'
  | 'vmId'
  | 'taskId'
  | 'node'
  | 'worker'
  | 'correlation'
  | 'payload'
  | 'message'
  | 'waitedS';

/** What a story says about an event; the fields it leaves out are null. */
export type BeatInput = Omit<Beat, Optional> & { readonly [K in Optional]?: Beat[K] };

/** Fields a group of beats shares (a task's ids and trace), used where a beat does not set them. */
export type BeatDefaults = { readonly [K in Optional]?: Beat[K] };
const NO_DEFAULTS: BeatDefaults = {};

/**
 * A beat with every field it does not set (nor `defaults`) null. Written out field by field: all
 * beats share one object shape, which keeps building them cheap.
 */
export function beat(input: BeatInput, defaults: BeatDefaults = NO_DEFAULTS): Beat {
  return {
    at: input.at,
    type: input.type,
    status: input.status,
    actor: input.actor,
    code: input.code !== undefined ? input.code : (defaults.code ?? null),
    route: input.route !== undefined ? input.route : (defaults.route ?? null),
    resource: input.resource !== undefined ? input.resource : (defaults.resource ?? null),
    resourceId: input.resourceId !== undefined ? input.resourceId : (defaults.resourceId ?? null),
    vmId: input.vmId !== undefined ? input.vmId : (defaults.vmId ?? null),
    taskId: input.taskId !== undefined ? input.taskId : (defaults.taskId ?? null),
    node: input.node !== undefined ? input.node : (defaults.node ?? null),
    worker: input.worker !== undefined ? input.worker : (defaults.worker ?? null),
    correlation:
      input.correlation !== undefined ? input.correlation : (defaults.correlation ?? null),
    payload: input.payload !== undefined ? input.payload : (defaults.payload ?? null),
    message: input.message !== undefined ? input.message : (defaults.message ?? null),
    waitedS: input.waitedS !== undefined ? input.waitedS : (defaults.waitedS ?? null),
  };
}

/** The actor for a user acting in a session. */
export function inSession(session: Session): Actor {
  return { type: 'user', user: session.user, client: session.client, session };
}

export function service(name: ServiceName): Actor {
  return { type: 'service', name };
}

export function keyActor(key: ApiKey): Actor {
  return { type: 'api_key', key };
}
