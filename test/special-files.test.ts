import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FixtureLoadError } from '../src/fixture-files/fixture-problem.js';
import { startServer } from '../src/library/start-server.js';
import { runCli } from './helpers/cli-process.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { FIXTURES_DIR, SPEC_FILE } from './helpers/paths.js';
import { serveMock } from './helpers/serve-mock.js';
import { tempDir } from './helpers/temp-dir.js';
import { waitFor } from './helpers/wait-for.js';

const TEXT = readFileSync(`${FIXTURES_DIR}/events/evt_login_failed.json`, 'utf8');
const event = (changes: Record<string, unknown>) =>
  JSON.stringify({ ...(JSON.parse(TEXT) as object), ...changes });

/** A fixtures folder with one good fixture, and a FIFO named `events/pipe.json`. */
function folderWithFifo(): string {
  const dir = tempDir({ 'events/evt_login_failed.json': TEXT });
  execFileSync('mkfifo', [join(dir, 'events', 'pipe.json')]);
  return dir;
}

const FIFO_LINE =
  'events/pipe.json: is a FIFO (named pipe), not a regular file, so it was not opened; remove it or give it another name (rule: file)';

async function loadProblems(dir: string): Promise<string[]> {
  try {
    await serveMock({ fixtures: dir });
  } catch (error) {
    if (error instanceof FixtureLoadError)
      return error.problems.map((problem) => `${problem.file}: ${problem.message}`);
    throw error;
  }
  throw new Error('start-up did not fail');
}

describe('files that are not regular files are never read', () => {
  it('validate reports a FIFO named *.json as one problem line instead of hanging', async () => {
    const result = await runCli(['validate', folderWithFifo()], { timeoutMs: 10_000 });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      FIFO_LINE,
      `1 problem in ${result.stderr.split(' in ')[1]?.trimEnd() ?? ''}`,
    ]);
  });

  it('start-up stops with the FIFO as a problem instead of hanging', async () => {
    const result = await runCli(['--port', '0', '--fixtures', folderWithFifo()], {
      timeoutMs: 10_000,
    });
    expect([result.code, result.signal]).toEqual([1, null]);
    expect(result.stderr).toContain(FIFO_LINE);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('--spec pointing at a FIFO stops start-up with one line instead of hanging', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'spec.json')]);
    const result = await runCli(['--port', '0', '--spec', join(dir, 'spec.json')], {
      timeoutMs: 10_000,
    });
    expect([result.code, result.signal]).toEqual([1, null]);
    expect(result.stderr.trim()).toBe(
      `audit-events-mock: Cannot read the spec file ${join(dir, 'spec.json')}: it is a FIFO (named pipe), not a regular file, so it was not opened; remove it or give it another name. Pass --spec <file> with an OpenAPI 3.1 JSON document.`,
    );
  });

  it('names a socket, a device and a folder named *.json, each on one line', async () => {
    const dir = tempDir({ 'events/evt_login_failed.json': TEXT });
    const socket = createServer();
    await new Promise<void>((resolve) =>
      socket.listen(join(dir, 'events', 'socket.json'), resolve),
    );
    try {
      symlinkSync('/dev/zero', join(dir, 'events', 'zero.json'));
      mkdirSync(join(dir, 'events', 'folder.json'));
      expect(await loadProblems(dir)).toEqual([
        'events/folder.json: is a folder, not a regular file, so it was not opened; remove it or give it another name',
        'events/socket.json: is a socket, not a regular file, so it was not opened; remove it or give it another name',
        'events/zero.json: is a character device, not a regular file, so it was not opened; remove it or give it another name',
      ]);
    } finally {
      socket.close();
    }
  });

  it('a reload that meets a new FIFO reports it and keeps serving the last good set', async () => {
    const dir = tempDir({ 'events/evt_login_failed.json': TEXT });
    const problems: string[] = [];
    const server = await startServer({
      fixtures: dir,
      watch: true,
      port: 0,
      logger: { error: (_message, fields) => problems.push(String(fields?.['problems'])) },
    });
    try {
      execFileSync('mkfifo', [join(dir, 'events', 'pipe.json')]);
      await waitFor('the reload to fail', () => (problems.length > 0 ? true : undefined));
      expect(problems[0]).toContain(FIFO_LINE);
      const res = await fetch(`${server.url}/v1/audit/events/evt_login_failed`, {
        headers: AUTH_HEADERS,
      });
      expect(await res.text()).toBe(JSON.stringify(JSON.parse(TEXT)));
    } finally {
      await server.close();
    }
  });
});

describe('a fixture that cannot be read is one problem line', () => {
  it('validate names a broken link with one line and no stack trace', async () => {
    const dir = tempDir({ 'events/evt_login_failed.json': TEXT });
    symlinkSync(join(dir, 'nowhere.json'), join(dir, 'events', 'broken.json'));
    const result = await runCli(['validate', dir], { timeoutMs: 10_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(result.stderr.trimEnd().split('\n')[0]).toBe(
      'events/broken.json: does not exist (or is a broken link) (rule: file)',
    );
  });

  it('start-up names a link loop with one line', async () => {
    const dir = tempDir({ 'events/evt_login_failed.json': TEXT });
    symlinkSync(join(dir, 'events', 'loop.json'), join(dir, 'events', 'loop.json'));
    expect(await loadProblems(dir)).toEqual([
      'events/loop.json: cannot be read (ELOOP); check that it exists and that this user may read it',
    ]);
  });
});

describe('fixture ids that no request can reach are refused', () => {
  it('refuses a file fixture whose id holds "/" at load, pointing at the file and its id', async () => {
    const dir = tempDir({ 'events/slash.json': event({ id: 'evt/with/slash' }) });
    try {
      await serveMock({ fixtures: dir });
      throw new Error('start-up did not fail');
    } catch (error) {
      expect(error).toBeInstanceOf(FixtureLoadError);
      expect((error as FixtureLoadError).problems).toEqual([
        {
          file: 'events/slash.json',
          pointer: '/id',
          message: expect.stringMatching(
            /^"evt\/with\/slash" contains "\/".*no request can ever reach it/,
          ),
          rule: 'servable-id',
        },
      ]);
    }
  });

  it('refuses a response fixture whose id, percent-encoded, is too long for any URL', async () => {
    // 1,000 characters, but 9,000 once each is written %E6%9D%B1 in a URL.
    const id = '東'.repeat(1_000);
    const dir = tempDir({
      'responses/long.json': JSON.stringify({ id, status: 404, body: { detail: 'no' } }),
    });
    expect(await loadProblems(dir)).toEqual([
      expect.stringMatching(
        /^responses\/long.json: "東+" is too long: its URL would pass the 8192-character limit/,
      ),
    ]);
  });

  it('refuses PUT /__mock/fixtures/{id} with an id holding "/" (sent as %2F) with 400', async () => {
    const { url } = await serveMock();
    const res = await fetch(`${url}/__mock/fixtures/evt%2Fslash`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: event({ id: 'evt/slash' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      detail: expect.stringMatching(/"evt\/slash" contains "\/"/),
    });
  });
});

describe('a byte-order mark is accepted wherever JSON is read', () => {
  it('serves a spec file that starts with a byte-order mark', async () => {
    const dir = tempDir({ 'openapi.json': `\uFEFF${readFileSync(SPEC_FILE, 'utf8')}` });
    const { url } = await serveMock({ spec: join(dir, 'openapi.json') });
    const res = await fetch(`${url}/v1/audit/events/e1`, { headers: AUTH_HEADERS });
    expect(res.status).toBe(200);
  });

  it('reads a fixture file and an admin body that start with a byte-order mark', async () => {
    const dir = tempDir({ 'events/bom.json': `\uFEFF${event({ id: 'evt_bom' })}` });
    const { url } = await serveMock({ fixtures: dir });
    const served = await fetch(`${url}/v1/audit/events/evt_bom`, { headers: AUTH_HEADERS });
    expect(((await served.json()) as { id: string }).id).toBe('evt_bom');
    const put = await fetch(`${url}/__mock/fixtures/evt_put`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: `\uFEFF${event({ id: 'evt_put' })}`,
    });
    expect(put.status).toBe(201);
  });

  it('reads a config file that starts with a byte-order mark', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), `\uFEFF${JSON.stringify({ seed: 'bom' })}`);
    const result = await runCli(['--config', join(dir, 'config.json'), '--help']);
    expect(result.code).toBe(0);
  });
});
