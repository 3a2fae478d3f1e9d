import { randomUUID } from 'node:crypto';
import type * as FsModule from 'node:fs';
import type * as FsPromisesModule from 'node:fs/promises';
import { Agent } from 'node:http';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockInstance } from 'vitest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { unquotePath } from '../src/wire/unquote-path.js';
import type { RunningServer } from '../src/library/start-server.js';
import type { Engine } from '../src/engine/engine.js';
import { startMock } from '../src/library/start-server.js';
import type { Answer } from './helpers/hostile-http.js';
import { exactRequest, expectWellFormed } from './helpers/hostile-http.js';
import { bundledEventFixtures } from './helpers/paths.js';
import { AUTH } from './helpers/credentials.js';

// The builtins' CommonJS objects: unlike ESM namespaces they can be spied on, and
// syncBuiltinESMExports() then hands the spies to every `import { readFileSync } from 'node:fs'`.
const require = createRequire(import.meta.url);
const fs = require('node:fs') as typeof FsModule;
const fsp = require('node:fs/promises') as typeof FsPromisesModule;

const TOKEN = `canary-${randomUUID()}`;
const TEMPLATE = (() => {
  const found = bundledEventFixtures().find((fixture) => fixture.id === 'evt_login_failed');
  if (!found) throw new Error('the bundled fixture evt_login_failed is missing');
  return found;
})();
const eventWith = (id: string, payload: unknown) =>
  JSON.stringify({ ...TEMPLATE.event, id, event_payload: payload });

/**
 * A canary layout: `<root>/secret.txt` and `<root>/fixtures/secret.json` (a valid event, right
 * next to `events/`, so `events/../secret.json` names it) both hold a unique token; the mock
 * serves `<root>/fixtures`. No answer may ever contain the token.
 */
let root: string;
let secretTxt: string;
let secretJson: string;
let mock: RunningServer;
let engine: Engine;
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

beforeAll(async () => {
  root = fs.mkdtempSync(join(tmpdir(), 'audit-events-mock-traversal-'));
  secretTxt = join(root, 'secret.txt');
  secretJson = join(root, 'fixtures', 'secret.json');
  fs.mkdirSync(join(root, 'fixtures', 'events'), { recursive: true });
  fs.mkdirSync(join(root, 'fixtures', 'responses'), { recursive: true });
  fs.writeFileSync(secretTxt, `${TOKEN}\n`);
  fs.writeFileSync(secretJson, eventWith('secret', { token: TOKEN }));
  fs.writeFileSync(join(root, 'fixtures', 'events', 'evt_safe.json'), eventWith('evt_safe', null));
  fs.writeFileSync(join(root, 'fixtures', 'events', 'secret.txt'), TOKEN);
  ({ server: mock, engine } = await startMock({
    port: 0,
    fixtures: join(root, 'fixtures'),
    logger: { error: () => undefined },
  }));
});

afterAll(async () => {
  agent.destroy();
  await mock.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Every spelling of "go up and read that file" worth trying, as raw path segments. */
function traversalIds(): string[] {
  const absolute = [secretTxt, secretJson];
  return [
    ...['../secret.txt', '..%2fsecret.txt', '..%2Fsecret.txt', '%2e%2e%2fsecret.txt'],
    ...['%2e%2e/secret.txt', '%252e%252e%252fsecret.txt', '..\\secret.txt', '..%5csecret.txt'],
    ...['%c0%ae%c0%ae/secret.txt', '%c0%ae%c0%ae%c0%afsecret.txt', '....//secret.txt'],
    ...['..;/secret.txt', '..%2f..%2fsecret.txt', '%2e%2e%2f%2e%2e%2fsecret.txt'],
    ...['..%00/secret.txt', 'secret.txt%00.json', '%252e%252e%252f%252e%252e%252fsecret.txt'],
    ...['events/../secret', 'events%2f..%2fsecret', 'events%2F..%2Fsecret.json', '../secret.json'],
    ...['..%2fsecret.json', '..%2fsecret', 'secret', 'secret.json', 'secret.txt'],
    ...absolute,
    ...absolute.map((path) => encodeURIComponent(path)),
    ...absolute.map((path) => `file:${encodeURIComponent(`//${path}`)}`),
    ...absolute.map((path) => encodeURIComponent(encodeURIComponent(path))),
  ];
}

/** Every route a request can reach, built around one raw id. */
function routes(id: string): {
  name: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}[] {
  const json = { 'content-type': 'application/json' };
  const asciiId = /^[\x20-\x7e]*$/.test(id);
  return [
    { name: 'the API route', path: `/v1/audit/events/${id}`, headers: { authorization: AUTH } },
    {
      name: 'the API route, no credentials',
      path: `/v1/audit/events/${id}`,
    },
    {
      name: '__example',
      path: `/v1/audit/events/x?__example=${id}`,
      headers: { authorization: AUTH },
    },
    ...(asciiId
      ? [
          {
            name: 'Prefer: example',
            path: '/v1/audit/events/x',
            headers: { authorization: AUTH, prefer: `example=${id}` },
          },
          {
            name: 'X-Mock-Session',
            path: '/v1/audit/events/x',
            headers: { authorization: AUTH, 'x-mock-session': id },
          },
        ]
      : []),
    { name: 'GET admin fixture', path: `/__mock/fixtures/${id}` },
    { name: 'DELETE admin fixture', path: `/__mock/fixtures/${id}`, method: 'DELETE' },
    {
      name: 'PUT admin fixture',
      path: `/__mock/fixtures/${id}`,
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ status: 404, body: { detail: 'x' } }),
    },
    {
      name: 'POST scenario naming it',
      path: '/__mock/scenarios',
      method: 'POST',
      headers: json,
      body: JSON.stringify({ match: { eventId: 'x' }, steps: [{ fixture: id }] }),
    },
    { name: 'journal by eventId', path: `/__mock/requests?eventId=${id}` },
    { name: 'journal by session', path: `/__mock/requests?session=${id}` },
    { name: 'an unknown root path', path: `/${id}` },
    { name: 'an unknown admin path', path: `/__mock/${id}` },
    { name: 'an unknown API path', path: `/v1/audit/${id}` },
    { name: 'under an event', path: `/v1/audit/events/x/${id}`, headers: { authorization: AUTH } },
  ];
}

/**
 * No token in the body or headers, and an answer of the documented kinds. (Unforced 5xx are
 * policed by fuzz.test.ts; here they are tolerated so this file checks one thing: no file leaks.)
 */
function expectNoCanary(answer: Answer, where: string): void {
  expect(answer.body, where).not.toContain(TOKEN);
  expect(JSON.stringify(answer.headers), where).not.toContain(TOKEN);
  expectWellFormed(answer, { forced5xx: true });
}

async function sendAll(): Promise<number> {
  let sent = 0;
  for (const id of traversalIds()) {
    for (const route of routes(id)) {
      const answer = await exactRequest(mock.port, route.path, {
        method: route.method ?? 'GET',
        headers: route.headers ?? {},
        ...(route.body === undefined ? {} : { body: route.body }),
        agent,
      });
      expectNoCanary(answer, `${route.name}: ${route.method ?? 'GET'} ${route.path}`);
      sent += 1;
    }
  }
  // The PUTs above set run-time fixtures under those ids: forget them.
  const reset = await exactRequest(mock.port, '/__mock/reset', { method: 'POST', agent });
  expect(reset.status).toBe(204);
  return sent;
}

describe('no file is ever read because of a request', () => {
  it('plants canaries the mock could reach only through a path', () => {
    expect(fs.readFileSync(secretTxt, 'utf8')).toContain(TOKEN);
    expect(fs.readFileSync(secretJson, 'utf8')).toContain(TOKEN);
    expect(fs.existsSync(join(root, 'fixtures', 'events', '..', 'secret.json'))).toBe(true);
    expect(traversalIds().length).toBeGreaterThan(30);
  });

  it('never answers the canary token, on any route, for any traversal spelling', async () => {
    expect(await sendAll()).toBeGreaterThan(400);
  });

  it('serves ids that look like paths as generated events with that id, not as files', async () => {
    const ids = ['secret', 'secret.json', '..\\secret.txt', '..%5csecret.txt', '..;', '....'];
    ids.push('%252e%252e%252fsecret.txt', 'secret.txt%00.json', '%c0%ae%c0%ae%c0%afsecret.txt');
    for (const id of ids) {
      const answer = await exactRequest(mock.port, `/v1/audit/events/${id}`, {
        headers: { authorization: AUTH },
        agent,
      });
      expect(answer.status).toBe(200);
      const body = JSON.parse(answer.body) as { id: string; event_payload: unknown };
      expect(body.id).toBe(unquotePath(id));
      expect(JSON.stringify(body.event_payload) ?? '').not.toContain(TOKEN);
    }
    const safe = await exactRequest(mock.port, '/v1/audit/events/evt_safe', {
      headers: { authorization: AUTH },
      agent,
    });
    expect(JSON.parse(safe.body)).toEqual(JSON.parse(eventWith('evt_safe', null)));
  });

  it('does not call any fs function that opens, reads or lists a file while answering', async () => {
    // ESM namespaces cannot be spied on, but node:fs's default export can; syncing the builtin
    // exports then makes every `import { readFileSync } from 'node:fs'` in src see the spy.
    const names = [
      ...['readFileSync', 'readFile', 'openSync', 'open', 'createReadStream', 'statSync'],
      ...['stat', 'lstatSync', 'readdirSync', 'readdir', 'existsSync', 'accessSync'],
      ...['realpathSync', 'opendirSync'],
    ] as const;
    const spied = [
      ...names.map((name) => ({ name, spy: vi.spyOn(fs, name) as MockInstance })),
      ...(['readFile', 'open', 'stat', 'readdir', 'access', 'opendir'] as const).map((name) => ({
        name: `promises.${name}`,
        spy: vi.spyOn(fsp, name) as MockInstance,
      })),
    ];
    syncBuiltinESMExports();
    try {
      // The spies do see src's own calls: a reload looks at every fixture file through them.
      await engine.reloadFixtures();
      const seen = spied.flatMap(({ spy }) => spy.mock.calls.map((args) => String(args[0])));
      expect(seen).toContain(join(root, 'fixtures', 'events', 'evt_safe.json'));
      for (const { spy } of spied) spy.mockClear();

      await sendAll();

      const calls = spied.flatMap(({ name, spy }) =>
        spy.mock.calls.map((args) => `${name}(${String(args[0])})`),
      );
      expect(calls).toEqual([]);
    } finally {
      for (const { spy } of spied) spy.mockRestore();
      syncBuiltinESMExports();
    }
  });
});
