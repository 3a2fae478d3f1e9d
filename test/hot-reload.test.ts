import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'vitest';
import { describe, it } from 'vitest';
import type { MockLogger } from '../src/config/mock-options.js';
import type { RunningServer } from '../src/library/start-server.js';
import { startServer } from '../src/library/start-server.js';
import { startCli } from './helpers/cli-process.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { FIXTURES_DIR } from './helpers/paths.js';
import { tempDir } from './helpers/temp-dir.js';
import { sleep, waitFor } from './helpers/wait-for.js';

const ORIGINAL_TEXT = readFileSync(`${FIXTURES_DIR}/events/evt_login_failed.json`, 'utf8');
const original = JSON.parse(ORIGINAL_TEXT) as Record<string, unknown>;
const FILE = 'events/evt_login_failed.json';
const fixture = (changes: Record<string, unknown>) =>
  `${JSON.stringify({ ...original, ...changes }, null, 2)}\n`;
const BROKEN = '{\n  "id": "evt_login_failed",\n  "error_message": "half-writ';

/** A fixtures folder holding one copy of a bundled fixture, removed after the test. */
const fixturesFolder = ({ onTestFinished }: TestContext) =>
  tempDir({ [FILE]: ORIGINAL_TEXT }, onTestFinished);

interface Logged {
  readonly level: 'error' | 'info';
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>> | undefined;
}

function recordingLogger(): { logger: MockLogger; logged: Logged[] } {
  const logged: Logged[] = [];
  return {
    logged,
    logger: {
      error: (message, fields) => logged.push({ level: 'error', message, fields }),
      info: (message, fields) => logged.push({ level: 'info', message, fields }),
    },
  };
}

async function getEvent(url: string, id: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}/v1/audit/events/${id}`, { headers: AUTH_HEADERS });
  return { status: res.status, body: await res.text() };
}

/** Polls until the server answers `id` with a body that `accept` takes; returns that body. */
function waitForAnswer(
  url: string,
  id: string,
  what: string,
  accept: (event: Record<string, unknown>) => boolean,
): Promise<string> {
  return waitFor(what, async () => {
    const { status, body } = await getEvent(url, id);
    return status === 200 && accept(JSON.parse(body) as Record<string, unknown>) ? body : undefined;
  });
}

async function withServer(
  options: Parameters<typeof startServer>[0],
  run: (server: RunningServer) => Promise<void>,
): Promise<void> {
  const server = await startServer(options);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

describe.concurrent('startServer({ watch: true }) reloads fixture files', () => {
  it('reports a broken edit and keeps serving the last good set; serves the fixed file', async (context) => {
    const { expect } = context;
    const dir = fixturesFolder(context);
    const { logger, logged } = recordingLogger();
    await withServer({ fixtures: dir, watch: true, port: 0, logger }, async (server) => {
      const before = await getEvent(server.url, 'evt_login_failed');
      expect(before.status).toBe(200);
      expect(JSON.parse(before.body)).toMatchObject({ error_message: original['error_message'] });

      writeFileSync(join(dir, FILE), BROKEN);
      const report = await waitFor('the failed reload to be reported', () =>
        logged.find((entry) => entry.level === 'error'),
      );
      expect(report.message).toBe('fixture reload failed; still serving the last good set');
      expect(String(report.fields?.['problems'])).toContain(`${FILE}: `);
      expect(String(report.fields?.['problems'])).toContain('(rule: json)');
      expect(await getEvent(server.url, 'evt_login_failed')).toEqual(before);

      writeFileSync(join(dir, FILE), fixture({ error_message: 'Password expired' }));
      const after = await waitForAnswer(
        server.url,
        'evt_login_failed',
        'the fixed fixture to be served',
        (event) => event['error_message'] === 'Password expired',
      );
      expect(after).toBe(
        before.body.replace('"Invalid username or password"', '"Password expired"'),
      );
      expect(logged.at(-1)).toMatchObject({ level: 'info', message: 'fixtures reloaded' });
    });
  });

  it('keeps the last good set when an edit breaks the contract, naming the pointer', async (context) => {
    const { expect } = context;
    const dir = fixturesFolder(context);
    const { logger, logged } = recordingLogger();
    await withServer({ fixtures: dir, watch: true, port: 0, logger }, async (server) => {
      const before = await getEvent(server.url, 'evt_login_failed');
      writeFileSync(join(dir, FILE), fixture({ user_id: 'not-a-number' }));
      const report = await waitFor('the failed reload to be reported', () =>
        logged.find((entry) => entry.level === 'error'),
      );
      expect(String(report.fields?.['problems'])).toContain(
        `${FILE}: /user_id: must be integer or null (rule: anyOf)`,
      );
      expect(await getEvent(server.url, 'evt_login_failed')).toEqual(before);
    });
  });

  it('serves a fixture file added while running, and stops serving it once removed', async (context) => {
    const { expect } = context;
    const dir = fixturesFolder(context);
    await withServer({ fixtures: dir, watch: true, port: 0 }, async (server) => {
      const generated = await getEvent(server.url, 'evt_hot');
      expect(JSON.parse(generated.body)).toMatchObject({ id: 'evt_hot' });

      writeFileSync(join(dir, 'events/evt_hot.json'), fixture({ id: 'evt_hot', user_id: 4242 }));
      await waitForAnswer(server.url, 'evt_hot', 'the new fixture', (e) => e['user_id'] === 4242);

      rmSync(join(dir, 'events/evt_hot.json'));
      const back = await waitForAnswer(
        server.url,
        'evt_hot',
        'the generated event again',
        (event) => event['user_id'] !== 4242,
      );
      expect(back).toBe(generated.body);
    });
  });

  it('does not reload without watch', async (context) => {
    const { expect } = context;
    const dir = fixturesFolder(context);
    await withServer({ fixtures: dir, port: 0 }, async (server) => {
      const before = await getEvent(server.url, 'evt_login_failed');
      writeFileSync(join(dir, FILE), fixture({ error_message: 'Password expired' }));
      await sleep(500);
      expect(await getEvent(server.url, 'evt_login_failed')).toEqual(before);
    });
  });

  it('stops watching once closed', async (context) => {
    const { expect } = context;
    const dir = fixturesFolder(context);
    const { logger, logged } = recordingLogger();
    const server = await startServer({ fixtures: dir, watch: true, port: 0, logger });
    await server.close();
    writeFileSync(join(dir, FILE), BROKEN);
    await sleep(400);
    expect(logged).toEqual([]);
  });
});

describe.concurrent('audit-events-mock --watch', () => {
  it('reports a broken edit on its log, keeps serving, then serves the fixed file', async (context) => {
    const { expect } = context;
    const dir = fixturesFolder(context);
    const cli = await startCli([
      '--port',
      '0',
      '--no-pinned-responses',
      '--fixtures',
      dir,
      '--watch',
    ]);
    try {
      expect(cli.banner[0]).toMatch(/ \(1 fixtures, seed "audit-events-mock"\)$/);
      const before = await getEvent(cli.url, 'evt_login_failed');
      expect(before.status).toBe(200);

      writeFileSync(join(dir, FILE), BROKEN);
      const report = JSON.parse(
        await cli.waitForLine((line) => line.includes('fixture reload failed')),
      ) as Record<string, unknown>;
      expect(report).toMatchObject({
        level: 50,
        msg: 'fixture reload failed; still serving the last good set',
      });
      expect(String(report['problems'])).toContain(`${FILE}: `);
      expect(await getEvent(cli.url, 'evt_login_failed')).toEqual(before);

      writeFileSync(join(dir, FILE), fixture({ error_message: 'Password expired' }));
      await cli.waitForLine((line) => line.includes('"msg":"fixtures reloaded"'));
      expect(JSON.parse((await getEvent(cli.url, 'evt_login_failed')).body)).toMatchObject({
        id: 'evt_login_failed',
        error_message: 'Password expired',
      });
    } finally {
      expect(await cli.stop()).toEqual({ code: 0, signal: null });
    }
  });
});
