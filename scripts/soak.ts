/**
 * Soak test: starts the mock on 127.0.0.1 (journal on), sends many requests of mixed outcomes with
 * a bounded number in flight, and reports errors and memory at intervals. Exits 1 on any error
 * (an unexpected status or body, a transport error, a defect the mock logs) or if RSS grew more
 * than 10% from the first report after warm-up to the end.
 *
 *   npx tsx scripts/soak.ts [--requests 1000000] [--connections 50] [--report-every 100000]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BUNDLED_FIXTURES_DIR } from '../src/config/resolve-options.js';
import { startServer } from '../src/library/start-server.js';

const HOST = '127.0.0.1';
const MAX_RSS_GROWTH = 0.1;
const REQUEST_TIMEOUT_MS = 10_000;
const MiB = 1024 * 1024;

function positiveInt(name: string, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    console.error(`--${name} must be a whole number of at least 1, got "${text}"`);
    process.exit(2);
  }
  return Number(text);
}

const USAGE =
  'usage: npx tsx scripts/soak.ts [--requests 1000000] [--connections 50] [--report-every 100000]';

function readFlags() {
  try {
    return parseArgs({
      options: {
        requests: { type: 'string', default: '1000000' },
        connections: { type: 'string', default: '50' },
        'report-every': { type: 'string', default: '100000' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}
const values = readFlags();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const total = positiveInt('requests', values.requests);
const connections = positiveInt('connections', values.connections);
const reportEvery = positiveInt('report-every', values['report-every']);

// A full collection before each memory sample keeps garbage not yet collected out of the numbers.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

interface Kind {
  readonly name: string;
  readonly path: (index: number) => string;
  readonly headers: Readonly<Record<string, string>>;
  /** `undefined` when the reply is what this kind must get, else what is wrong with it. */
  readonly check: (reply: Reply, index: number) => string | undefined;
}

const AUTH = { authorization: 'Bearer soak-token' };
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

const fixtureIds = readdirSync(`${BUNDLED_FIXTURES_DIR}/events`)
  .filter((name) => name.endsWith('.json'))
  .map(
    (name) =>
      (JSON.parse(readFileSync(`${BUNDLED_FIXTURES_DIR}/events/${name}`, 'utf8')) as { id: string })
        .id,
  );
/** Fixture bodies as first served; every later answer must be byte-equal. */
const fixtureBodies = new Map<string, Buffer>();
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
function kindOf(index: number): Kind {
  let slot = (index * 7) % 1_000;
  for (const [share, kind] of MIX) {
    if (slot < share) return kind;
    slot -= share;
  }
  throw new Error('the mix does not add up to 1000');
}

let mockDefects = 0;
const server = await startServer({
  host: HOST,
  port: 0,
  logger: {
    error: (message, fields) => {
      mockDefects += 1;
      if (mockDefects <= 5)
        console.error(`[soak] the mock logged: ${message} ${JSON.stringify(fields)}`);
    },
  },
});
const agent = new Agent({ keepAlive: true, maxSockets: connections });

function send(path: string, headers: Readonly<Record<string, string>>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: HOST, port: server.port, path, headers, agent }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
      );
      res.on('error', reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end();
  });
}

const errors = new Map<string, number>();
let errorCount = 0;
function recordError(kind: Kind, problem: string): void {
  errorCount += 1;
  const key = `${kind.name}: ${problem}`;
  errors.set(key, (errors.get(key) ?? 0) + 1);
  if (errorCount <= 10) console.error(`[soak] error: ${key}`);
}

interface Sample {
  readonly done: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly at: number;
}
const samples: Sample[] = [];
const started = performance.now();
function sample(done: number): Sample {
  collectGarbage();
  const { rss, heapUsed } = process.memoryUsage();
  const taken = { done, rss, heapUsed, at: performance.now() };
  const previous = samples.at(-1) ?? { done: 0, at: started };
  const rate = ((done - previous.done) / (taken.at - previous.at)) * 1_000;
  samples.push(taken);
  const memory = `rss ${(rss / MiB).toFixed(1)} MiB, heapUsed ${(heapUsed / MiB).toFixed(1)} MiB`;
  console.log(
    done === 0
      ? `[soak] start: ${memory}`
      : `[soak] ${done}/${total} requests, ${Math.round(rate)} req/s, errors ${errorCount}, ${memory}`,
  );
  return taken;
}

console.log(
  `[soak] mock at ${server.url}; ${total} requests over ${connections} connections, ` +
    `a report every ${reportEvery}`,
);
for (const id of fixtureIds)
  fixtureBodies.set(id, (await send(`/v1/audit/events/${id}`, AUTH)).body);
sample(0);

let next = 0;
let done = 0;
async function worker(): Promise<void> {
  while (next < total) {
    const index = next;
    next += 1;
    const kind = kindOf(index);
    try {
      const problem = kind.check(await send(kind.path(index), kind.headers), index);
      if (problem !== undefined) recordError(kind, problem);
    } catch (error) {
      recordError(kind, `transport: ${error instanceof Error ? error.message : String(error)}`);
    }
    done += 1;
    if (done % reportEvery === 0 || done === total) sample(done);
  }
}
await Promise.all(Array.from({ length: Math.min(connections, total) }, worker));

agent.destroy();
await server.close();

// The first report after warm-up (the first interval) is the baseline; the last is the end.
const baseline = samples[1];
const end = samples.at(-1);
const growth = baseline && end && end !== baseline ? (end.rss - baseline.rss) / baseline.rss : 0;
const seconds = (performance.now() - started) / 1_000;
console.log(
  `[soak] done: ${done} requests in ${seconds.toFixed(1)} s (${Math.round(done / seconds)} req/s), ` +
    `errors ${errorCount}, mock defects logged ${mockDefects}, ` +
    `rss ${baseline ? (baseline.rss / MiB).toFixed(1) : '?'} → ${end ? (end.rss / MiB).toFixed(1) : '?'} MiB ` +
    `(${(growth * 100).toFixed(1)}% after warm-up)`,
);
for (const [key, count] of errors) console.log(`[soak]   ${count} × ${key}`);
if (baseline === undefined || end === baseline)
  console.log('[soak] note: fewer than two reports after warm-up; RSS growth not measured');

const failed = errorCount > 0 || mockDefects > 0 || growth > MAX_RSS_GROWTH;
console.log(`[soak] ${failed ? 'FAIL' : 'PASS'}`);
process.exit(failed ? 1 : 0);
