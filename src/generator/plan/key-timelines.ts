import type { ApiKey } from '../cast/cast.js';
import type { Route } from '../event-types.js';
import type { Random } from '../random.js';
import type { Beat } from '../story/beat.js';
import { beat, inSession, keyActor } from '../story/beat.js';
import { DAY, formatInstant, MINUTE, SECOND, WORLD_END, WORLD_START } from '../time.js';
import { momentIn } from './session.js';
import type { SessionIndex } from './session-index.js';

/** When a key could be used: from its creation to its revocation. */
export interface KeyLife {
  readonly from: number;
  readonly to: number;
}

const asKey = (key: ApiKey) => ({ resource: 'api_key', resourceId: key.id }) as const;

/** What each kind of automation calls: the request a revoked key keeps making. */
const CALLS: Readonly<Record<ApiKey['name'], Route>> = {
  'ci-deploy': { method: 'POST', path: '/v1/tasks', success: 201 },
  terraform: { method: 'GET', path: '/v1/vms', success: 200 },
  'grafana-reader': { method: 'GET', path: '/v1/audit/events', success: 200 },
  'backup-cron': { method: 'POST', path: '/v1/tasks', success: 201 },
};

function created(random: Random, key: ApiKey, sessions: SessionIndex): Beat | null {
  if (key.createdAt < WORLD_START) return null;
  const session = sessions.firstAfter([key.owner], key.createdAt, key.createdAt + 7 * DAY);
  if (!session) return null;
  return beat({
    at: momentIn(random, session),
    type: 'api_key.created',
    status: 'success',
    actor: inSession(session),
    code: 201,
    ...asKey(key),
    payload: { name: key.name, scopes: key.scopes, expires_in_days: key.expiresInDays },
  });
}

function rotations(random: Random, key: ApiKey, sessions: SessionIndex, life: KeyLife): Beat[] {
  const beats: Beat[] = [];
  const until = Math.min(life.to, WORLD_END);
  for (let around = Math.max(life.from, WORLD_START) + random.int(25, 45) * DAY; around < until;) {
    const session = sessions.firstAfter([key.owner], around, Math.min(life.to, around + 5 * DAY));
    const at = session === null ? Infinity : momentIn(random, session);
    if (session && at < life.to && random.chance(0.5))
      beats.push(
        beat({
          at,
          type: 'api_key.rotated',
          status: 'success',
          actor: inSession(session),
          code: 200,
          ...asKey(key),
          payload: { grace_period_s: random.pick([3600, 86_400]) },
        }),
      );
    around += random.int(25, 45) * DAY;
  }
  return beats;
}

/** After a revocation the key's automation keeps trying for a while, and is turned away. */
function rejections(random: Random, key: ApiKey, revokedAt: number): Beat[] {
  const beats: Beat[] = [];
  let at = revokedAt;
  for (let n = random.int(2, 12); n > 0; n -= 1) {
    at += random.int(5, 600) * MINUTE + random.int(0, 59) * SECOND;
    beats.push(
      beat({
        at,
        type: 'api_key.rejected',
        status: 'denied',
        actor: keyActor(key),
        code: 401,
        route: CALLS[key.name],
        ...asKey(key),
        payload: { reason: 'revoked', revoked_at: formatInstant(revokedAt) },
        message: 'API key revoked',
      }),
    );
  }
  return beats;
}

/** One key's story: created, rotated, revoked, then its leftover automation rejected. */
export function planKeyTimeline(
  random: Random,
  key: ApiKey,
  sessions: SessionIndex,
): { readonly beats: readonly Beat[]; readonly life: KeyLife } {
  const creation = created(random, key, sessions);
  const from = creation?.at ?? Math.min(key.createdAt, WORLD_START);
  const around = key.revokedAround;
  const revokeSession =
    around === null
      ? null
      : sessions.firstAfter([key.owner], Math.max(around, from), around + 5 * DAY);
  const revokedAt = revokeSession === null ? Infinity : momentIn(random, revokeSession);
  const life = { from, to: revokedAt };
  const beats = [...(creation ? [creation] : []), ...rotations(random, key, sessions, life)];
  if (revokeSession !== null) {
    const reason = random.pick(['no longer used', 'exposed in a CI log', 'owner request']);
    beats.push(
      beat({
        at: revokedAt,
        type: 'api_key.revoked',
        status: 'success',
        actor: inSession(revokeSession),
        code: 204,
        ...asKey(key),
        payload: { reason },
      }),
      ...(reason === 'no longer used' ? [] : rejections(random, key, revokedAt)),
    );
  }
  return { beats, life };
}
