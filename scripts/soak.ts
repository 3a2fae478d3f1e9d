/**
 * Soak test: starts the mock on 127.0.0.1 (journal on), sends many requests of mixed outcomes with
 * a bounded number in flight, and reports errors and memory at intervals. Exits 1 on any error
 * (an unexpected status or body, a transport error, a defect the mock logs) or if RSS grew more
 * than 10% from the first report after warm-up to the end.
 *
 *   npx tsx scripts/soak.ts [--requests 1000000] [--connections 50] [--report-every 100000]
 *
 * With --hostile, normal clients run alone, then while hostile clients run (scripts/soak-hostile.ts).
 *
 *   npx tsx scripts/soak.ts --hostile [--seconds 30] [--connections 20]
 */
import { Agent, request as httpRequest } from 'node:http';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startServer } from '../src/library/start-server.js';
import type { Kind, Reply } from './soak-kinds.js';
import { AUTH, fixtureBodies, fixtureIds, kindOf } from './soak-kinds.js';

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
  'usage: npx tsx scripts/soak.ts [--requests 1000000] [--connections 50] [--report-every 100000]\n' +
  '       npx tsx scripts/soak.ts --hostile [--seconds 30] [--connections 20]';

function readFlags() {
  try {
    return parseArgs({
      options: {
        requests: { type: 'string', default: '1000000' },
        connections: { type: 'string' },
        'report-every': { type: 'string', default: '100000' },
        hostile: { type: 'boolean', default: false },
        seconds: { type: 'string', default: '30' },
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
if (values.hostile) {
  const { runHostileSoak } = await import('./soak-hostile.js');
  process.exit(
    await runHostileSoak({
      seconds: positiveInt('seconds', values.seconds),
      connections: positiveInt('connections', values.connections ?? '20'),
    }),
  );
}
const total = positiveInt('requests', values.requests);
const connections = positiveInt('connections', values.connections ?? '50');
const reportEvery = positiveInt('report-every', values['report-every']);

// A full collection before each memory sample keeps garbage not yet collected out of the numbers.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

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
