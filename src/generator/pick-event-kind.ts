import type { ActorType, EventKind, EventStatus } from './event-kinds.js';
import { EVENT_KINDS } from './event-kinds.js';
import type { Random } from './random.js';

function canAct(kind: EventKind, actor: ActorType): boolean {
  switch (actor) {
    case 'user':
      return kind.http !== undefined;
    case 'api_key':
      return kind.http !== undefined && kind.apiKeys === true;
    case 'service':
      return (kind.emitters ?? []).some((emitter) => emitter !== 'system');
    case 'system':
      return (kind.emitters ?? []).includes('system');
    default:
      throw new Error(
        `Unknown actor type "${String(actor)}"; expected user, api_key, service or system.`,
      );
  }
}

function allows(kind: EventKind, status: EventStatus): boolean {
  // Failure-named kinds ("login_failed", "crashed") never succeed; the others can end any way.
  if (kind.statuses === undefined) return true;
  return status !== 'success' && kind.statuses.includes(status);
}

const ACTORS: readonly ActorType[] = ['user', 'api_key', 'service', 'system'];
const STATUSES: readonly EventStatus[] = ['success', 'failure', 'denied', 'error'];

const CANDIDATES: ReadonlyMap<string, readonly EventKind[]> = new Map(
  ACTORS.flatMap((actor) =>
    STATUSES.map((status) => [
      `${actor}/${status}`,
      EVENT_KINDS.filter((kind) => canAct(kind, actor) && allows(kind, status)),
    ]),
  ),
);

/** Picks a kind of event that this actor can cause and that can end with this status. */
export function pickEventKind(random: Random, actor: ActorType, status: EventStatus): EventKind {
  const candidates = CANDIDATES.get(`${actor}/${status}`) ?? [];
  return random.pick(candidates);
}
