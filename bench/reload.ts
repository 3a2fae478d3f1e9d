// Reload of a large fixtures folder under --watch: how long until an edit is served, and what the
// requests answered meanwhile saw. See bench/README.md.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HOST } from './http-probe.js';
import { stopChild } from './processes.js';
import { ROOT, startServer } from './servers.js';
import { renderTable } from './table.js';

/** Concurrent keep-alive clients asking for fixtures while the folder reloads. */
const CLIENTS = 8;
const BASELINE_MS = 2_000;
const AUTH = { authorization: 'Bearer any-token' };

/** What requests answered in one window saw. */
export interface WindowFigures {
  readonly answered: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** the longest time between two answers: how long the server answered nothing */
  readonly longestGapMs: number;
}

/** One change to the folder and how it went. */
export interface ReloadCase {
  readonly change: string;
  /** from the change on disk to the changed answer served */
  readonly servedAfterMs: number;
  readonly during: WindowFigures;
}

export interface ReloadResult {
  readonly fixtures: number;
  /** spawn to the first 200 with the folder loaded */
  readonly startMs: number;
  readonly baseline: WindowFigures;
  readonly cases: ReloadCase[];
}

const idOf = (index: number) => `evt_reload_${index}`;

function writeFolder(dir: string, count: number, template: Record<string, unknown>): void {
  mkdirSync(join(dir, 'events'), { recursive: true });
  for (let index = 0; index < count; index += 1) writeFixture(dir, index, template, null);
}

function writeFixture(
  dir: string,
  index: number,
  template: Record<string, unknown>,
  payload: unknown,
): void {
  const event = { ...template, id: idOf(index), event_payload: payload };
  writeFileSync(join(dir, 'events', `${idOf(index)}.json`), `${JSON.stringify(event, null, 2)}\n`);
}

interface Sample {
  readonly sent: number;
  readonly done: number;
  readonly ok: boolean;
}

function get(
  port: number,
  path: string,
  agent: Agent | false,
): Promise<{ ok: boolean; body: string }> {
  return new Promise((resolve) => {
    const req = request({ host: HOST, port, path, agent, headers: AUTH }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ ok: res.statusCode === 200, body }));
      res.on('error', () => resolve({ ok: false, body }));
    });
    req.on('error', () => resolve({ ok: false, body: '' }));
    req.end();
  });
}

/** Clients asking for fixtures (never the ones changed) until stopped, every answer timed. */
function steadyLoad(port: number, fixtures: number) {
  const samples: Sample[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  let running = true;
  const clients = Array.from({ length: CLIENTS }, async (_, client) => {
    for (let n = 0; running; n += 1) {
      const index = fixtures - 1 - ((n * CLIENTS + client) % Math.floor(fixtures / 2));
      const sent = performance.now();
      const { ok } = await get(port, `/v1/audit/events/${idOf(index)}`, agent);
      samples.push({ sent, done: performance.now(), ok });
    }
  });
  return {
    samples,
    stop: async () => {
      running = false;
      await Promise.all(clients);
      agent.destroy();
    },
  };
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN;
}

function figures(samples: readonly Sample[], from: number, to: number): WindowFigures {
  const inside = samples.filter((sample) => sample.done >= from && sample.sent <= to);
  const latencies = inside.map((sample) => sample.done - sample.sent).sort((a, b) => a - b);
  const ends = inside.map((sample) => sample.done).sort((a, b) => a - b);
  let longestGapMs = 0;
  for (let index = 1; index < ends.length; index += 1)
    longestGapMs = Math.max(longestGapMs, (ends[index] ?? 0) - (ends[index - 1] ?? 0));
  return {
    answered: inside.length,
    errors: inside.filter((sample) => !sample.ok).length,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    longestGapMs,
  };
}

/** Polls a fixture until its answer holds `marker`; resolves with when it first did. */
async function servedWith(port: number, index: number, marker: string): Promise<number> {
  const deadline = performance.now() + 60_000;
  for (;;) {
    const { body } = await get(port, `/v1/audit/events/${idOf(index)}`, false);
    if (body.includes(marker)) return performance.now();
    if (performance.now() > deadline) throw new Error(`${idOf(index)} never served ${marker}`);
    await sleep(5);
  }
}

/**
 * Starts the mock on a folder of `count` fixtures with --watch, keeps {@link CLIENTS} clients
 * asking for fixtures, and changes the folder three ways: one file edited, 1,000 files edited, the
 * folder renamed away, edited and renamed back (every file looked at again).
 */
export async function measureReload(count: number, pinned: boolean, log: (line: string) => void) {
  const template = JSON.parse(
    readFileSync(join(ROOT, 'fixtures/events/evt_all_fields_set.json'), 'utf8'),
  ) as Record<string, unknown>;
  const parent = mkdtempSync(join(tmpdir(), 'audit-events-mock-bench-'));
  const dir = join(parent, 'fixtures');
  try {
    log(`reload: writing ${count.toLocaleString('en')} fixtures`);
    writeFolder(dir, count, template);
    const server = await startServer('ours', pinned, ['--fixtures', dir, '--watch']);
    try {
      const load = steadyLoad(server.port, count);
      await sleep(BASELINE_MS);
      const baseline = figures(load.samples, performance.now() - BASELINE_MS, performance.now());
      const cases: ReloadCase[] = [];
      const measure = async (change: string, apply: (marker: string) => void, index: number) => {
        log(`reload: ${change}`);
        const marker = `reload-${cases.length}`;
        const changed = performance.now();
        apply(marker);
        const served = await servedWith(server.port, index, marker);
        await sleep(250);
        cases.push({
          change,
          servedAfterMs: served - changed,
          during: figures(load.samples, changed, served + 250),
        });
        await sleep(1_000);
      };
      await measure('1 file edited', (marker) => writeFixture(dir, 0, template, marker), 0);
      const thousand = Math.min(1_000, count);
      await measure(
        `${thousand.toLocaleString('en')} files edited`,
        (marker) => {
          for (let index = 0; index < thousand; index += 1)
            writeFixture(dir, index, template, marker);
        },
        thousand - 1,
      );
      await measure(
        'folder renamed away, 1 file edited, renamed back',
        (marker) => {
          renameSync(dir, `${dir}.away`);
          writeFixture(`${dir}.away`, 1, template, marker);
          renameSync(`${dir}.away`, dir);
        },
        1,
      );
      await load.stop();
      return { fixtures: count, startMs: server.startMs, baseline, cases };
    } finally {
      await stopChild(server.child.process);
    }
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

const ms = (value: number) => (Number.isNaN(value) ? 'n/a' : value.toFixed(0));

/** The reload figures as a table. */
export function reloadTable(result: ReloadResult): string {
  const row = (name: string, served: string, window: WindowFigures) => [
    name,
    served,
    String(window.answered),
    String(window.errors),
    ms(window.p50Ms),
    ms(window.p99Ms),
    ms(window.maxMs),
    ms(window.longestGapMs),
  ];
  return [
    `== --watch reload of ${result.fixtures.toLocaleString('en')} fixtures, ${CLIENTS} clients asking for fixtures meanwhile (start-up: ${ms(result.startMs)} ms to the first 200)`,
    renderTable(
      [
        'change',
        'served after ms',
        'answers',
        'errors',
        'p50 ms',
        'p99 ms',
        'max ms',
        'longest gap ms',
      ],
      [
        row(`no change (${BASELINE_MS / 1_000} s)`, '', result.baseline),
        ...result.cases.map((one) => row(one.change, ms(one.servedAfterMs), one.during)),
      ],
    ),
    '   answers, latencies and gap: requests answered from the change until 250 ms after it was served',
  ].join('\n');
}
