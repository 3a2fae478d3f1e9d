import { writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockLogger } from '../src/config/mock-options.js';
import type { RunningServer } from '../src/library/start-server.js';
import { startServer } from '../src/library/start-server.js';
import { bundledEventFixtures } from './helpers/paths.js';
import { tempDir } from './helpers/temp-dir.js';
import { AUTH } from './helpers/credentials.js';

const TEMPLATE = (() => {
  const found = bundledEventFixtures().find((fixture) => fixture.id === 'evt_login_failed');
  if (!found) throw new Error('the bundled fixture evt_login_failed is missing');
  return found;
})();

/** Two valid versions of one event, large enough (about 9 KiB) to span many socket writes. */
function version(id: string, name: 'A' | 'B'): string {
  const filler = name.repeat(8 * 1024);
  return `${JSON.stringify({ ...TEMPLATE.event, id, event_payload: { version: name, filler } }, null, 2)}\n`;
}

interface Read {
  readonly status: number;
  readonly body: Buffer;
}

/** One GET on a keep-alive agent; the exact body bytes. */
function read(port: number, path: string, agent: Agent): Promise<Read> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, agent, headers: { authorization: AUTH } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Reads `path` until `test` holds for its body (a reload or a PUT has landed), or fails. */
async function readUntil(
  port: number,
  path: string,
  agent: Agent,
  test: (body: Buffer) => boolean,
): Promise<Buffer> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const { body } = await read(port, path, agent);
    if (test(body)) return body;
    if (Date.now() > deadline) throw new Error(`${path} never changed as expected`);
    await sleep(20);
  }
}

/** Tallies reads: how many saw each accepted body, and any other (a mix, an error, a drop). */
function tally(accepted: ReadonlyMap<string, Buffer>) {
  const seen = new Map<string, number>([...accepted.keys()].map((name) => [name, 0]));
  const wrong: string[] = [];
  return {
    seen,
    wrong,
    add(result: Read) {
      const match = [...accepted].find(([, bytes]) => bytes.equals(result.body));
      if (result.status === 200 && match) seen.set(match[0], (seen.get(match[0]) ?? 0) + 1);
      else
        wrong.push(
          `${result.status} ${result.body.length} bytes: ${result.body.toString('utf8', 0, 120)}`,
        );
    },
    get total() {
      return [...seen.values()].reduce((sum, count) => sum + count, 0) + wrong.length;
    },
  };
}

/** A logger that remembers reload outcomes, so tests wait for the watcher instead of sleeping. */
function reloadLog(): { logger: MockLogger; reloaded: () => number; failed: () => number } {
  let reloaded = 0;
  let failed = 0;
  return {
    reloaded: () => reloaded,
    failed: () => failed,
    logger: {
      error: (message) => {
        if (message.startsWith('fixture reload failed')) failed += 1;
      },
      info: (message) => {
        if (message === 'fixtures reloaded') reloaded += 1;
      },
    },
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

let server: RunningServer | undefined;
let agent: Agent | undefined;
afterEach(async () => {
  agent?.destroy();
  await server?.close();
  server = undefined;
  agent = undefined;
});

/**
 * A mock watching a folder with `evt_hot` (version A) and `evt_other`, and a keep-alive agent of
 * `maxSockets`; returns what the tests read and rewrite.
 */
async function watchHotFixture(maxSockets: number) {
  const dir = tempDir({
    'events/evt_hot.json': version('evt_hot', 'A'),
    'events/evt_other.json': version('evt_other', 'A'),
  });
  const file = join(dir, 'events', 'evt_hot.json');
  const log = reloadLog();
  server = await startServer({ port: 0, fixtures: dir, watch: true, logger: log.logger });
  const keepAlive = new Agent({ keepAlive: true, maxSockets });
  agent = keepAlive;
  const { port } = server;
  const path = '/v1/audit/events/evt_hot';
  const bytesA = (await read(port, path, keepAlive)).body;
  const other = (await read(port, '/v1/audit/events/evt_other', keepAlive)).body;
  return { file, log, port, path, bytesA, other, agent: keepAlive };
}

describe('consistency under concurrency', () => {
  it('serves old or new bytes, never a mix, to 2 × 1,000 concurrent reads while PUTs replace the fixture', async () => {
    server = await startServer({ port: 0, logger: { error: () => undefined } });
    agent = new Agent({ keepAlive: true, maxSockets: 250 });
    const { port, url } = server;
    const path = '/v1/audit/events/evt_swapped';
    const put = async (name: 'A' | 'B') => {
      const res = await fetch(`${url}/__mock/fixtures/evt_swapped`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: version('evt_swapped', name),
      });
      expect([200, 201]).toContain(res.status);
    };
    await put('A');
    const bytesA = (await read(port, path, agent)).body;
    await put('B');
    const bytesB = (await read(port, path, agent)).body;
    expect(bytesA.equals(bytesB)).toBe(false);
    const reads = tally(
      new Map([
        ['A', bytesA],
        ['B', bytesB],
      ]),
    );

    let writes = 0;
    let reading = true;
    const writer = (async () => {
      while (reading) {
        await put(writes % 2 === 0 ? 'A' : 'B');
        writes += 1;
      }
    })();
    for (let round = 0; round < 2; round += 1) {
      const results = await Promise.all(
        Array.from({ length: 1_000 }, () => read(port, path, agent as Agent)),
      );
      for (const result of results) reads.add(result);
    }
    reading = false;
    await writer;

    expect(reads.wrong).toEqual([]);
    expect(reads.total).toBe(2_000);
    expect(writes).toBeGreaterThan(2);
    expect(reads.seen.get('A')).toBeGreaterThan(0);
    expect(reads.seen.get('B')).toBeGreaterThan(0);
  });

  it('serves old or new bytes to 1,000+ reads while --watch reloads a rewritten file', async () => {
    const { file, log, port, path, bytesA, other, agent: hot } = await watchHotFixture(200);
    writeFileSync(file, version('evt_hot', 'B'));
    const bytesB = await readUntil(port, path, hot, (body) => !body.equals(bytesA));
    const reads = tally(
      new Map([
        ['A', bytesA],
        ['B', bytesB],
      ]),
    );
    const others = tally(new Map([['other', other]]));

    let rewriting = true;
    const writer = (async () => {
      for (let index = 0; index < 8; index += 1) {
        const before = log.reloaded() + log.failed();
        writeFileSync(file, version('evt_hot', index % 2 === 0 ? 'A' : 'B'));
        await until(() => log.reloaded() + log.failed() > before, 'a reload');
      }
      rewriting = false;
    })();
    const reader = async () => {
      while (rewriting || reads.total < 1_000) {
        reads.add(await read(port, path, hot));
        if (reads.total % 10 === 0) others.add(await read(port, '/v1/audit/events/evt_other', hot));
      }
    };
    await Promise.all([writer, ...Array.from({ length: 100 }, reader)]);

    expect(reads.wrong).toEqual([]);
    expect(others.wrong).toEqual([]);
    expect(reads.total).toBeGreaterThanOrEqual(1_000);
    expect(log.reloaded()).toBeGreaterThanOrEqual(4);
    expect(reads.seen.get('A')).toBeGreaterThan(0);
    expect(reads.seen.get('B')).toBeGreaterThan(0);
  });

  it('keeps serving the last good set while --watch sees a half-written file, then the completed one', async () => {
    const { file, log, port, path, bytesA, other, agent: hot } = await watchHotFixture(100);
    const textB = version('evt_hot', 'B');

    let phase: 'half' | 'complete' | 'done' = 'half';
    const halfReads = tally(new Map([['A', bytesA]]));
    const laterReads: Read[] = [];
    const otherReads = tally(new Map([['other', other]]));
    const reader = async () => {
      while (phase !== 'done') {
        const result = await read(port, path, hot);
        if (phase === 'half') halfReads.add(result);
        else laterReads.push(result);
        otherReads.add(await read(port, '/v1/audit/events/evt_other', hot));
      }
    };
    const readers = Array.from({ length: 50 }, reader);

    const broken = ['', textB.slice(0, 10), textB.slice(0, textB.length / 2), textB.slice(0, -3)];
    for (const text of broken) {
      const failedBefore = log.failed();
      writeFileSync(file, text);
      await until(() => log.failed() > failedBefore, 'the failed reload of a half-written file');
    }
    expect(log.reloaded()).toBe(0);
    phase = 'complete';
    writeFileSync(file, textB);
    await until(() => log.reloaded() === 1, 'the reload of the completed file');
    const bytesB = await readUntil(port, path, hot, (body) => !body.equals(bytesA));
    phase = 'done';
    await Promise.all(readers);

    expect(halfReads.wrong).toEqual([]);
    expect(halfReads.total).toBeGreaterThan(100);
    expect(otherReads.wrong).toEqual([]);
    const completed = tally(
      new Map([
        ['A', bytesA],
        ['B', bytesB],
      ]),
    );
    for (const result of laterReads) completed.add(result);
    expect(completed.wrong).toEqual([]);
    expect(JSON.parse(bytesB.toString('utf8'))).toEqual({
      ...JSON.parse(textB),
    });
  });
});
