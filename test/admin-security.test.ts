import { PassThrough } from 'node:stream';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { AdminAccess } from '../src/config/admin-access.js';
import { decideAdminAccess, describeAdminAccess, isLoopback } from '../src/config/admin-access.js';
import { createApp } from '../src/library/create-app.js';
import { serve } from '../src/cli/serve-command.js';
import { generateEvent } from '../src/library/generate-event.js';
import { startServer } from '../src/library/start-server.js';
import { admin, AUTH, EVENTS, getEvent, journal, parse } from './helpers/mock-http.js';

const TOKEN = 'adm1n-t0ken';
const NEEDS_TOKEN = /X-Mock-Admin-Token/;

describe('who may use the admin API, from the bind address', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.0.0.2', true],
    ['127.255.255.254', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['10.0.0.1', false],
    ['128.0.0.1', false],
    ['example.com', false],
    ['127.0.0.1.example.com', false],
    ['localhost.example.com', false],
  ])('isLoopback(%s) is %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });

  it.each<[string, string | undefined, boolean, AdminAccess['mode']]>([
    ['127.0.0.1', undefined, false, 'open'],
    ['::1', undefined, false, 'open'],
    ['localhost', undefined, false, 'open'],
    ['0.0.0.0', undefined, false, 'off'],
    ['192.168.1.10', undefined, false, 'off'],
    ['0.0.0.0', '', false, 'off'],
    ['0.0.0.0', TOKEN, false, 'token'],
    ['127.0.0.1', TOKEN, false, 'token'],
    ['127.0.0.1', undefined, true, 'off'],
    ['0.0.0.0', TOKEN, true, 'off'],
  ])('bound to %s with token %j and --no-admin %s, it is %s', (host, token, disabled, mode) => {
    const access = decideAdminAccess(host, token, disabled);
    expect(access.mode).toBe(mode);
    if (access.mode === 'token') expect(access.token).toBe(token);
  });

  it.each<[AdminAccess, RegExp]>([
    [{ mode: 'open' }, /^admin API at \/__mock: open \(loopback bind\)$/],
    [
      { mode: 'token', token: TOKEN },
      /^admin API at \/__mock: requires the X-Mock-Admin-Token header$/,
    ],
    [
      decideAdminAccess('0.0.0.0', undefined, false),
      /^admin API: off \(.*0\.0\.0\.0.*--admin-token\)$/,
    ],
    [decideAdminAccess('127.0.0.1', undefined, true), /^admin API: off \(.*--no-admin\)$/],
  ])('the start-up line for %j says which', (access, line) => {
    const text = describeAdminAccess(access);
    expect(text).toMatch(line);
    expect(text).not.toContain(TOKEN);
  });

  it('the server prints at start-up who may use the admin API', async () => {
    const out = new PassThrough();
    let printed = '';
    out.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const { server } = await serve(
      { port: 0, admin: { token: TOKEN }, log: { level: 'info', format: 'pretty' } },
      out,
    );
    try {
      expect(printed).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
      expect(printed).toContain('admin API at /__mock: requires the X-Mock-Admin-Token header');
      expect(printed).not.toContain(TOKEN);
    } finally {
      await server.close();
    }
  });
});

describe('createApp({ admin: { token } }) refuses admin requests without the token', () => {
  const app = createApp({ admin: { token: TOKEN } });
  const event = { ...generateEvent('evt_sneaky'), event_type: 'sneaky.added' };

  it.each<[string, 'get' | 'put' | 'post' | 'delete', string, unknown]>([
    ['health', 'get', '/health', undefined],
    ['the fixture list', 'get', '/fixtures', undefined],
    ['a fixture', 'get', '/fixtures/evt_login_failed', undefined],
    ['adding a fixture', 'put', '/fixtures/evt_sneaky', event],
    ['deleting a fixture', 'delete', '/fixtures/evt_sneaky', undefined],
    ['the scenario list', 'get', '/scenarios', undefined],
    [
      'adding a scenario',
      'post',
      '/scenarios',
      { match: { pattern: '*' }, steps: [{ status: 503 }] },
    ],
    ['deleting the scenarios', 'delete', '/scenarios', undefined],
    ['the journal', 'get', '/requests', undefined],
    ['clearing the journal', 'delete', '/requests', undefined],
    ['a reset', 'post', '/reset', undefined],
    ['an unknown endpoint', 'get', '/nope', undefined],
  ])('%s: 401 JSON without the header or with a wrong token', async (_, method, path, body) => {
    for (const headers of [
      {},
      { 'X-Mock-Admin-Token': 'wrong' },
      { 'X-Mock-Admin-Token': `${TOKEN}x` },
    ]) {
      const res = await admin(app, method, path, { headers, body });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(parse<{ detail: string }>(res.text).detail).toMatch(NEEDS_TOKEN);
      expect(res.text).not.toContain(TOKEN);
    }
  });

  it('changes nothing when refused', async () => {
    const fresh = createApp({ admin: { token: TOKEN } });
    const withToken = { headers: { 'X-Mock-Admin-Token': TOKEN } };
    await getEvent(fresh, 'e1');
    await admin(fresh, 'put', '/fixtures/evt_sneaky', { body: event });
    await admin(fresh, 'post', '/scenarios', {
      body: { match: { pattern: '*' }, steps: [{ status: 503, times: 9 }] },
    });
    await admin(fresh, 'post', '/reset');
    await admin(fresh, 'delete', '/requests');
    expect((await getEvent(fresh, 'e2')).status).toBe(200);
    expect(
      parse<{ event_type: string }>((await getEvent(fresh, 'evt_sneaky')).text).event_type,
    ).not.toBe('sneaky.added');
    const res = await admin(fresh, 'get', '/requests', withToken);
    expect(parse<{ eventId: string }[]>(res.text).map((entry) => entry.eventId)).toEqual([
      'evt_sneaky',
      'e2',
      'e1',
    ]);
  });

  it('accepts the right token', async () => {
    const withToken = { headers: { 'X-Mock-Admin-Token': TOKEN } };
    expect((await admin(app, 'get', '/health', withToken)).status).toBe(200);
    const put = await admin(app, 'put', '/fixtures/evt_allowed', {
      ...withToken,
      body: { ...generateEvent('evt_allowed'), event_type: 'allowed.added' },
    });
    expect(put.status).toBe(201);
    expect(
      parse<{ event_type: string }>((await getEvent(app, 'evt_allowed')).text).event_type,
    ).toBe('allowed.added');
  });

  it('the mocked API itself does not ask for the admin token', async () => {
    expect((await getEvent(app, 'e1')).status).toBe(200);
  });

  it('the token is checked before the body is read: a huge body without it is still a 401', async () => {
    const res = await admin(app, 'put', '/fixtures/evt_big', {
      body: { status: 404, body: { detail: 'x'.repeat(2 * 1024 * 1024) } },
    });
    expect(res.status).toBe(401);
  });
});

describe('createApp({ admin: { enabled: false } })', () => {
  it('has no admin API: /__mock answers as the provider answers an unknown path', async () => {
    const app = createApp({ admin: { enabled: false } });
    const res = await admin(app, 'get', '/health');
    expect([res.status, res.text]).toEqual([404, '{"detail":"Not Found"}']);
    expect((await admin(app, 'post', '/reset')).status).toBe(404);
  });
});

describe('startServer and the admin API', () => {
  it("startServer({ host: '127.0.0.1', admin: { token } }) requires the token and reports it", async () => {
    const server = await startServer({
      host: '127.0.0.1',
      port: 0,
      admin: { token: TOKEN },
      log: { level: 'silent' },
    });
    try {
      expect(server.admin).toEqual({ mode: 'token', token: TOKEN });
      const refused = await fetch(`${server.url}/__mock/health`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await refused.json()) as { detail: string }).detail).toMatch(NEEDS_TOKEN);
      const reset = await fetch(`${server.url}/__mock/reset`, { method: 'POST' });
      expect(reset.status).toBe(401);
      const allowed = await fetch(`${server.url}/__mock/health`, {
        headers: { 'X-Mock-Admin-Token': TOKEN },
      });
      expect(allowed.status).toBe(200);
      expect(((await allowed.json()) as { status: string }).status).toBe('ok');
      const api = await fetch(`${server.url}${EVENTS}/e1`, { headers: { authorization: AUTH } });
      expect(api.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('a loopback bind without a token leaves the admin API open', async () => {
    const server = await startServer({ host: '127.0.0.1', port: 0, log: { level: 'silent' } });
    try {
      expect(server.admin).toEqual({ mode: 'open' });
      expect((await fetch(`${server.url}/__mock/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('admin: { enabled: false } turns it off: /__mock is an unknown path of the provider', async () => {
    const server = await startServer({
      host: '127.0.0.1',
      port: 0,
      admin: { enabled: false },
      log: { level: 'silent' },
    });
    try {
      expect(server.admin.mode).toBe('off');
      const res = await fetch(`${server.url}/__mock/health`);
      expect([res.status, await res.text()]).toEqual([404, '{"detail":"Not Found"}']);
    } finally {
      await server.close();
    }
  });
});

describe('admin request bodies are limited', () => {
  /** A response fixture body of about `bytes` bytes (valid but for its size). */
  const sized = (bytes: number) => ({ status: 404, body: { detail: 'x'.repeat(bytes) } });

  it('refuses a body over 1 MB by default with 413 and a JSON detail', async () => {
    const app = createApp();
    const res = await admin(app, 'put', '/fixtures/evt_big', { body: sized(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(parse<{ detail: string }>(res.text).detail).toMatch(/too large/);
    expect((await admin(app, 'get', '/fixtures/evt_big')).status).toBe(404);
  });

  it('accepts a body just under 1 MB by default', async () => {
    const res = await admin(createApp(), 'put', '/fixtures/evt_big', {
      body: sized(1024 * 1024 - 100),
    });
    expect(res.status).toBe(201);
  });

  it('admin.bodyLimit sets the limit', async () => {
    const app = createApp({ admin: { bodyLimit: 1024 } });
    const over = await admin(app, 'post', '/scenarios', {
      body: {
        match: { eventId: 'e1' },
        steps: [{ status: 404, body: { detail: 'y'.repeat(2000) } }],
      },
    });
    expect(over.status).toBe(413);
    expect(parse<{ detail: string }>(over.text).detail).toEqual(expect.any(String));
    expect(parse((await admin(app, 'get', '/scenarios')).text)).toEqual([]);
    const under = await admin(app, 'post', '/scenarios', {
      body: { match: { eventId: 'e1' }, steps: [{ status: 404, body: { detail: 'small' } }] },
    });
    expect(under.status).toBe(201);
    expect((await getEvent(app, 'e1')).status).toBe(404);
  });

  it('the mocked API is not affected by the admin body limit', async () => {
    const app = createApp({ admin: { bodyLimit: 10 } });
    const res = await request(app)
      .get(`${EVENTS}/e1`)
      .set('Authorization', AUTH)
      .set('Content-Type', 'application/json')
      .send({ padding: 'z'.repeat(100) });
    expect(res.status).toBe(200);
    expect((await journal(app)).length).toBe(1);
  });
});
