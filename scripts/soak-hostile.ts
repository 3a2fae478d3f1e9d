// `npm run soak -- --hostile`: normal clients under load, first alone, then while hostile clients
// run (scripts/hostile-clients.ts), against one mock in a process of its own on 127.0.0.1. Reports
// the normal clients' errors (expected: none), their latency in both phases, and the mock's
// resident memory over time; exits 1 on any normal error, a defect the mock logs, or RSS past 512 MB.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Reply } from './soak-kinds.js';
import { AUTH, fixtureBodies, fixtureIds, kindOf } from './soak-kinds.js';

const HOST = '127.0.0.1';
const ROOT = join(import.meta.dirname, '..');
const SESSION = { 'x-mock-session': 'soak-normal' };
const MAX_RSS_MB = 512;
const REQUEST_TIMEOUT_MS = 10_000;

type Phase = 'alone' | 'with hostile clients';

interface PhaseFigures {
  requests: number;
  errors: number;
  latencies: number[];
  started: number;
  ended: number;
}

const rssMb = (pid: number) =>
  Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) /
  1024;

/** Starts `audit-events-mock serve` from the sources; resolves with its port once it listens. */
async function startMock() {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli.ts',
      '--port',
      '0',
      '--host',
      HOST,
      '--log-level',
      'warn',
      '--log-format',
      'json',
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const logged: string[] = [];
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the mock exited (${String(code)}) before listening`)),
    );
    lines.on('line', (line) => {
      const record = JSON.parse(line) as { url?: string; level?: number; msg?: string };
      if (record.url !== undefined) resolve(record.url);
      else if ((record.level ?? 0) >= 50) logged.push(line);
    });
  });
  return { child, port: Number(new URL(url).port), logged };
}

function send(
  port: number,
  agent: Agent,
  path: string,
  headers: Record<string, string>,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: HOST, port, path, headers, agent }, (res) => {
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

/**
 * Starts the hostile clients in a process of their own for `seconds`; resolves once they run, with
 * `ended`, what they got back once they stop.
 */
async function startHostileProcess(port: number, seconds: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/hostile-process.ts', String(port), String(seconds)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  let last = '{}';
  const ended = new Promise<Record<string, Record<string, number>>>((resolve) =>
    child.once('exit', () => resolve(JSON.parse(last) as Record<string, Record<string, number>>)),
  );
  const started = new Promise<void>((resolve) =>
    lines.on('line', (line) => {
      if (line === 'started') resolve();
      else last = line;
    }),
  );
  await Promise.race([started, ended]);
  return { ended };
}

const percentile = (sorted: readonly number[], share: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? NaN;

export async function runHostileSoak(options: {
  seconds: number;
  connections: number;
}): Promise<number> {
  const mock = await startMock();
  const { port } = mock;
  const pid = mock.child.pid ?? 0;
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const started = performance.now();
  const rss: { at: number; phase: Phase; mb: number }[] = [];
  let phase: Phase = 'alone';
  const figures: Record<Phase, PhaseFigures> = {
    alone: { requests: 0, errors: 0, latencies: [], started: 0, ended: 0 },
    'with hostile clients': { requests: 0, errors: 0, latencies: [], started: 0, ended: 0 },
  };
  const problems = new Map<string, number>();
  const sampler = setInterval(() => {
    const sample = { at: (performance.now() - started) / 1_000, phase, mb: rssMb(pid) };
    rss.push(sample);
    if (rss.length % 5 === 0) {
      const now = figures[phase];
      console.log(
        `[soak] ${sample.at.toFixed(0)} s, ${phase}: ${now.requests} normal requests, ${now.errors} errors, rss ${sample.mb.toFixed(1)} MB`,
      );
    }
  }, 1_000);

  for (const id of fixtureIds)
    fixtureBodies.set(
      id,
      (await send(port, agent, `/v1/audit/events/${id}`, { ...AUTH, ...SESSION })).body,
    );

  let index = 0;
  const normalClients = async (until: number) => {
    const one = async () => {
      while (performance.now() < until) {
        const current = index;
        index += 1;
        const kind = kindOf(current);
        const at = performance.now();
        const now = figures[phase];
        let problem: string | undefined;
        try {
          problem = kind.check(
            await send(port, agent, kind.path(current), { ...kind.headers, ...SESSION }),
            current,
          );
        } catch (error) {
          problem = `transport: ${error instanceof Error ? error.message : String(error)}`;
        }
        now.requests += 1;
        now.latencies.push(performance.now() - at);
        if (problem !== undefined) {
          now.errors += 1;
          const key = `${phase} / ${kind.name}: ${problem}`;
          problems.set(key, (problems.get(key) ?? 0) + 1);
        }
      }
    };
    await Promise.all(Array.from({ length: options.connections }, one));
  };

  console.log(
    `[soak] mock pid ${pid} on port ${port}; ${options.connections} normal clients, ${options.seconds} s alone, then ${options.seconds} s with hostile clients`,
  );
  figures.alone.started = performance.now();
  await normalClients(performance.now() + options.seconds * 1_000);
  figures.alone.ended = performance.now();

  console.log(
    `[soak] ${((performance.now() - started) / 1_000).toFixed(0)} s: starting the hostile clients`,
  );
  const hostiles = await startHostileProcess(port, options.seconds);
  phase = 'with hostile clients';
  console.log(
    `[soak] ${((performance.now() - started) / 1_000).toFixed(0)} s: hostile clients running`,
  );
  figures[phase].started = performance.now();
  await normalClients(performance.now() + options.seconds * 1_000);
  figures[phase].ended = performance.now();
  const tally = await hostiles.ended;
  await sleep(1_000);
  clearInterval(sampler);
  agent.destroy();
  const alive = mock.child.exitCode === null;
  const health = alive
    ? await send(port, new Agent(), '/__mock/health', {}).then(
        (reply) => reply.body.toString(),
        () => 'no answer',
      )
    : 'exited';
  mock.child.kill('SIGTERM');
  const exit = await new Promise<unknown>((resolve) =>
    mock.child.once('exit', (code, signal) => resolve(code ?? signal)),
  );

  console.log('\n[soak] normal clients:');
  for (const [name, one] of Object.entries(figures)) {
    const sorted = [...one.latencies].sort((a, b) => a - b);
    const seconds = (one.ended - one.started) / 1_000;
    console.log(
      `[soak]   ${name}: ${one.requests} requests (${Math.round(one.requests / seconds)} req/s), errors ${one.errors}, p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`,
    );
  }
  const p99 = (name: Phase) =>
    percentile(
      [...figures[name].latencies].sort((a, b) => a - b),
      0.99,
    );
  console.log(
    `[soak]   p99 with hostile clients / alone: ${(p99('with hostile clients') / p99('alone')).toFixed(2)}×`,
  );
  for (const [key, times] of problems) console.log(`[soak]   ${times} × ${key}`);
  console.log('[soak] resident memory of the mock (MB), per second:');
  for (const name of ['alone', 'with hostile clients'] as const) {
    const mbs = rss.filter((sample) => sample.phase === name).map((sample) => sample.mb);
    console.log(`[soak]   ${name}: ${mbs.map((mb) => mb.toFixed(0)).join(' ')}`);
  }
  const peak = Math.max(...rss.map((sample) => sample.mb));
  console.log(`[soak]   peak ${peak.toFixed(1)} MB, last ${rss.at(-1)?.mb.toFixed(1) ?? '?'} MB`);
  console.log('[soak] hostile clients got:');
  for (const [client, outcomes] of Object.entries(tally).sort(([a], [b]) => a.localeCompare(b)))
    console.log(
      `[soak]   ${client}: ${Object.entries(outcomes)
        .map(([outcome, times]) => `${outcome} × ${times}`)
        .join(', ')}`,
    );
  console.log(
    `[soak] mock at the end: ${alive ? 'alive' : 'EXITED'}; health ${health}; exit on SIGTERM ${String(exit)}`,
  );
  for (const line of mock.logged.slice(0, 5)) console.log(`[soak] the mock logged: ${line}`);
  const defects = mock.logged.filter((line) => line.includes('unexpected error')).length;
  const errors = figures.alone.errors + figures['with hostile clients'].errors;
  const failed = errors > 0 || !alive || defects > 0 || peak > MAX_RSS_MB;
  console.log(
    `[soak] ${failed ? 'FAIL' : 'PASS'} (normal errors ${errors}, mock defects ${defects}, peak RSS ${peak.toFixed(0)} MB of at most ${MAX_RSS_MB})`,
  );
  return failed ? 1 : 0;
}
