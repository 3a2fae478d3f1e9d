// The normal clients' requests of the soak test: a mix of outcomes, each checked exactly.
import { readdirSync, readFileSync } from 'node:fs';
import { BUNDLED_FIXTURES_DIR } from '../src/config/resolve-options.js';

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface Kind {
  readonly name: string;
  readonly path: (index: number) => string;
  readonly headers: Readonly<Record<string, string>>;
  /** `undefined` when the reply is what this kind must get, else what is wrong with it. */
  readonly check: (reply: Reply, index: number) => string | undefined;
}

export const AUTH = { authorization: 'Bearer soak-token' };
const json = (reply: Reply) =>
  String(reply.headers['content-type']).startsWith('application/json')
    ? undefined
    : `content-type ${String(reply.headers['content-type'])}`;
const exactly = (status: number, body: string) => (reply: Reply) =>
  reply.status !== status
    ? `status ${reply.status}`
    : reply.body.toString('utf8') !== body
      ? `body ${reply.body.toString('utf8', 0, 120)}`
      : json(reply);

export const fixtureIds = readdirSync(`${BUNDLED_FIXTURES_DIR}/events`)
  .filter((name) => name.endsWith('.json'))
  .map(
    (name) =>
      (JSON.parse(readFileSync(`${BUNDLED_FIXTURES_DIR}/events/${name}`, 'utf8')) as { id: string })
        .id,
  );
/** Fixture bodies as first served; every later answer must be byte-equal. */
export const fixtureBodies = new Map<string, Buffer>();
/** Ids from a space of ten million, visited in a scattered order. */
const generatedId = (index: number) => `soak_${(index * 7_919) % 10_000_000}`;

const KINDS: readonly Kind[] = [
  {
    name: 'fixture',
    path: (index) => `/v1/audit/events/${fixtureIds[index % fixtureIds.length] ?? ''}`,
    headers: AUTH,
    check: (reply, index) => {
      const expected = fixtureBodies.get(fixtureIds[index % fixtureIds.length] ?? '');
      if (reply.status !== 200) return `status ${reply.status}`;
      if (expected && !expected.equals(reply.body)) return 'fixture body changed';
      return json(reply);
    },
  },
  {
    name: 'generated',
    path: (index) => `/v1/audit/events/${generatedId(index)}`,
    headers: AUTH,
    check: (reply, index) =>
      reply.status !== 200
        ? `status ${reply.status}`
        : !reply.body.toString('utf8', 0, 40).startsWith(`{"id":"${generatedId(index)}",`)
          ? `body ${reply.body.toString('utf8', 0, 80)}`
          : json(reply),
  },
  {
    name: '401 no credentials',
    path: (index) => `/v1/audit/events/${generatedId(index)}`,
    headers: {},
    check: exactly(401, '{"detail":"Not authenticated"}'),
  },
  {
    name: '401 rejected token',
    path: (index) => `/v1/audit/events/${generatedId(index)}`,
    headers: { authorization: 'Bearer expired' },
    check: exactly(401, '{"detail":"Could not validate credentials"}'),
  },
  {
    name: 'forced 422',
    path: (index) => `/v1/audit/events/${generatedId(index)}`,
    headers: { ...AUTH, prefer: 'code=422' },
    check: (reply) =>
      reply.status !== 422
        ? `status ${reply.status}`
        : !reply.body.toString('utf8').includes('"loc":["path","event_id"]')
          ? `body ${reply.body.toString('utf8', 0, 120)}`
          : json(reply),
  },
  {
    name: 'pinned 404',
    path: () => '/v1/audit/events/evt_not_found',
    headers: AUTH,
    check: exactly(404, '{"detail":"Audit event not found"}'),
  },
  {
    name: 'pinned 429',
    path: () => '/v1/audit/events/evt_rate_limited',
    headers: AUTH,
    check: (reply) =>
      exactly(429, '{"detail":"Too Many Requests"}')(reply) ??
      (reply.headers['retry-after'] === '30' ? undefined : 'no retry-after: 30'),
  },
  {
    name: 'journal read',
    path: () => '/__mock/requests?limit=20',
    headers: {},
    check: (reply) => {
      if (reply.status !== 200) return `status ${reply.status}`;
      const entries: unknown = JSON.parse(reply.body.toString('utf8'));
      return Array.isArray(entries) && entries.length > 0 && entries.length <= 20
        ? json(reply)
        : 'not 1 to 20 journal entries';
    },
  },
];
const byName = (name: string): Kind => {
  const kind = KINDS.find((candidate) => candidate.name === name);
  if (!kind) throw new Error(`no kind ${name}`);
  return kind;
};
/** Out of every 1,000 requests: 300 fixtures, 400 generated, 60 + 40 401s, 100 forced 422s, ... */
const MIX: readonly (readonly [number, Kind])[] = [
  [300, byName('fixture')],
  [400, byName('generated')],
  [60, byName('401 no credentials')],
  [40, byName('401 rejected token')],
  [100, byName('forced 422')],
  [50, byName('pinned 404')],
  [49, byName('pinned 429')],
  [1, byName('journal read')],
];
export function kindOf(index: number): Kind {
  let slot = (index * 7) % 1_000;
  for (const [share, kind] of MIX) {
    if (slot < share) return kind;
    slot -= share;
  }
  throw new Error('the mix does not add up to 1000');
}
