import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'vitest';
import { describe, it } from 'vitest';
import type { MockLogger } from '../src/config/mock-options.js';
import type { RunningServer } from '../src/library/start-server.js';
import { startServer } from '../src/library/start-server.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { FIXTURES_DIR } from './helpers/paths.js';
import { tempDir } from './helpers/temp-dir.js';
import { sleep, waitFor } from './helpers/wait-for.js';

const ORIGINAL = JSON.parse(
  readFileSync(`${FIXTURES_DIR}/events/evt_login_failed.json`, 'utf8'),
) as Record<string, unknown>;
const FILE = 'events/evt_login_failed.json';
const GONE =
  'fixtures folder is gone (deleted or renamed); still serving the last good set, and watching for the folder to come back';
const BACK = 'fixtures folder is back; reloading it';

/** The folder's files with the fixture's error message set to `message`. */
const files = (message: string) => ({
  [FILE]: `${JSON.stringify({ ...ORIGINAL, error_message: message }, null, 2)}\n`,
  'events/evt_other.json': `${JSON.stringify({ ...ORIGINAL, id: 'evt_other' })}\n`,
  'responses/evt_gone.json': JSON.stringify({ id: 'evt_gone', status: 404, body: { detail: 'x' } }),
});

function write(dir: string, message: string): void {
  for (const [path, text] of Object.entries(files(message))) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

function recordingLogger() {
  const logged: { level: 'error' | 'info'; message: string; fields?: unknown }[] = [];
  const logger: MockLogger = {
    error: (message, fields) => logged.push({ level: 'error', message, fields }),
    info: (message) => logged.push({ level: 'info', message }),
  };
  return {
    logged,
    logger,
    count: (message: string) => logged.filter((entry) => entry.message === message).length,
  };
}

async function errorMessage(url: string): Promise<unknown> {
  const res = await fetch(`${url}/v1/audit/events/evt_login_failed`, { headers: AUTH_HEADERS });
  return ((await res.json()) as { error_message?: unknown }).error_message;
}

async function watched(context: TestContext) {
  const dir = tempDir(files('first'), context.onTestFinished);
  const record = recordingLogger();
  const server: RunningServer = await startServer({
    fixtures: dir,
    watch: true,
    port: 0,
    logger: record.logger,
  });
  context.onTestFinished(() => server.close());
  return { dir, server, ...record };
}

describe.concurrent('--watch when the fixtures folder goes away', () => {
  it('keeps serving the last good set when the folder is deleted, says so once, and reloads it once it is back', async (context) => {
    const { expect } = context;
    const { dir, server, count } = await watched(context);
    expect(await errorMessage(server.url)).toBe('first');

    rmSync(dir, { recursive: true, force: true });
    await waitFor('the folder to be reported gone', () => (count(GONE) > 0 ? true : undefined));
    await sleep(1_500);
    expect(count(GONE)).toBe(1);
    expect(await errorMessage(server.url)).toBe('first');
    const other = await fetch(`${server.url}/v1/audit/events/evt_gone`, { headers: AUTH_HEADERS });
    expect(other.status).toBe(404);

    write(dir, 'second');
    await waitFor('the folder to be served again', async () =>
      (await errorMessage(server.url)) === 'second' ? true : undefined,
    );
    expect(count(BACK)).toBe(1);
    // Watched again: the next edit is served too.
    write(dir, 'third');
    await waitFor('the next edit', async () =>
      (await errorMessage(server.url)) === 'third' ? true : undefined,
    );
    expect(count(GONE)).toBe(1);
  });

  it('keeps serving when the folder is renamed away, and follows it when it is renamed back', async (context) => {
    const { expect } = context;
    const { dir, server, count } = await watched(context);
    renameSync(dir, `${dir}.moved`);
    context.onTestFinished(() => rmSync(`${dir}.moved`, { recursive: true, force: true }));
    await waitFor('the folder to be reported gone', () => (count(GONE) > 0 ? true : undefined));
    write(`${dir}.moved`, 'edited while away');
    await sleep(400);
    expect(await errorMessage(server.url)).toBe('first');
    renameSync(`${dir}.moved`, dir);
    await waitFor('the folder to be served again', async () =>
      (await errorMessage(server.url)) === 'edited while away' ? true : undefined,
    );
    expect([count(GONE), count(BACK)]).toEqual([1, 1]);
  });

  it('survives the folder deleted and recreated 25 times in a row, then serves the last version', async (context) => {
    const { expect } = context;
    const { dir, server, logged } = await watched(context);
    for (let round = 1; round <= 25; round += 1) {
      rmSync(dir, { recursive: true, force: true });
      await sleep(round % 5);
      write(dir, `round ${round}`);
      await sleep(round % 3 === 0 ? 30 : 5);
    }
    await waitFor('the last version', async () =>
      (await errorMessage(server.url)) === 'round 25' ? true : undefined,
    );
    // Whatever was said, nothing failed: the served set was always whole (no crash, no reload error).
    expect(logged.filter((entry) => entry.message.startsWith('fixture reload failed'))).toEqual([]);
  });
});

describe('--watch with several fixture folders', () => {
  it('reloads the folder that changed, the later folder still winning, and says so when one goes away', async (context) => {
    const { expect } = context;
    const first = tempDir(files('first'), context.onTestFinished);
    const second = tempDir(
      { 'events/evt_other.json': `${JSON.stringify({ ...ORIGINAL, id: 'evt_other' })}\n` },
      context.onTestFinished,
    );
    const record = recordingLogger();
    const server = await startServer({
      fixtures: [first, second],
      watch: true,
      port: 0,
      logger: record.logger,
    });
    context.onTestFinished(() => server.close());
    expect(await errorMessage(server.url)).toBe('first');

    // An edit in the first folder is served.
    write(first, 'edited in the first');
    await waitFor('the first folder reloaded', async () =>
      (await errorMessage(server.url)) === 'edited in the first' ? true : undefined,
    );

    // The same id in the second folder wins over the first's.
    writeFileSync(
      join(second, FILE),
      `${JSON.stringify({ ...ORIGINAL, error_message: 'from the second' })}\n`,
    );
    await waitFor('the second folder reloaded', async () =>
      (await errorMessage(server.url)) === 'from the second' ? true : undefined,
    );

    // The second folder goes away: said once, the last good set keeps serving.
    rmSync(second, { recursive: true, force: true });
    await waitFor('the folder to be reported gone', () =>
      record.count(GONE) > 0 ? true : undefined,
    );
    expect(await errorMessage(server.url)).toBe('from the second');
    expect(record.logged.find((entry) => entry.message === GONE)?.fields).toMatchObject({
      folder: second,
    });
  });
});
