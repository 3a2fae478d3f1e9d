// Choosing a session without X-Mock-Session (a path prefix, a cookie), default preferences per
// session, and the one rule of which ask wins.
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAdminClient } from '../src/client/create-admin-client.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { mockUrl } from './helpers/serve-mock.js';

const app = await mockUrl();
const admin = (session?: string) =>
  createAdminClient({ url: app, ...(session === undefined ? {} : { session }) });
beforeEach(() => admin().reset());

const get = (path: string, headers: Record<string, string> = {}) =>
  request(app)
    .get(path)
    .set({ ...AUTH_HEADERS, ...headers });

describe('a request’s session', () => {
  it('comes from a /__session/<key> path prefix, taken off before routing', async () => {
    await admin('s1').addScenario({ match: { eventId: 'e1' }, steps: [{ status: 404 }] });
    expect((await get('/__session/s1/v1/audit/events/e1')).status).toBe(404);
    expect((await get('/v1/audit/events/e1')).status).toBe(200);
    const generated = await get('/__session/s2/v1/audit/events/e1');
    expect(generated.status).toBe(200);
    expect(generated.body).toEqual((await get('/v1/audit/events/e1')).body);
    const [entry] = await admin('s2').listRequests();
    expect(entry).toMatchObject({ path: '/__session/s2/v1/audit/events/e1', session: 's2' });
  });

  it('keeps the prefix in a trailing-slash redirect, and 404s what is not the API', async () => {
    const res = await get('/__session/s1/v1/audit/events/e1/');
    expect(res.status).toBe(307);
    expect(res.headers['location']).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/__session\/s1\/v1\/audit\/events\/e1$/,
    );
    expect((await get('/__session/s1/nope')).status).toBe(404);
    expect((await get('/__session//v1/audit/events/e1')).status).toBe(404);
  });

  it('comes from a mock-session cookie', async () => {
    await admin('s3').addScenario({ match: { eventId: 'e1' }, steps: [{ status: 503 }] });
    expect((await get('/v1/audit/events/e1', { cookie: 'a=1; mock-session=s3' })).status).toBe(503);
  });

  it('is X-Mock-Session first, then the path prefix, then the cookie', async () => {
    await admin('header').addScenario({ match: { eventId: 'e1' }, steps: [{ status: 401 }] });
    await admin('prefix').addScenario({ match: { eventId: 'e1' }, steps: [{ status: 403 }] });
    await admin('cookie').addScenario({ match: { eventId: 'e1' }, steps: [{ status: 404 }] });
    const all = { 'x-mock-session': 'header', cookie: 'mock-session=cookie' };
    expect((await get('/__session/prefix/v1/audit/events/e1', all)).status).toBe(401);
    expect(
      (await get('/__session/prefix/v1/audit/events/e1', { cookie: 'mock-session=cookie' })).status,
    ).toBe(403);
    expect((await get('/v1/audit/events/e1', { cookie: 'mock-session=cookie' })).status).toBe(404);
  });
});

describe('default preferences (PUT /__mock/preferences)', () => {
  it('apply to the session’s requests as if each sent them in Prefer, and say so', async () => {
    expect(await admin('d1').setPreferences({ code: 503, delay: 10 })).toEqual({
      code: 503,
      delay: 10,
    });
    expect(await admin('d1').getPreferences()).toEqual({ code: 503, delay: 10 });
    const res = await get('/__session/d1/v1/audit/events/e1');
    expect(res.status).toBe(503);
    expect(res.headers['preference-applied']).toBe('code=503, delay=10');
    expect((await get('/v1/audit/events/e1')).status).toBe(200);
    await admin('d1').clearPreferences();
    expect((await get('/__session/d1/v1/audit/events/e1')).status).toBe(200);
  });

  it('refuse a body their schema refuses, and a fixture that does not exist', async () => {
    const body = JSON.parse('{"code":418,"speed":1}') as { code: 200 };
    await expect(admin('d2').setPreferences(body)).rejects.toMatchObject({ status: 400 });
    await expect(admin('d2').setPreferences({ example: 'evt_nope' })).rejects.toThrow(
      'No fixture has the id "evt_nope"',
    );
    expect(await admin('d2').getPreferences()).toEqual({});
  });

  it('are forgotten by a reset of the session', async () => {
    await admin('d3').setPreferences({ code: 404 });
    await admin('d3').reset();
    expect(await admin('d3').getPreferences()).toEqual({});
  });
});

describe('which ask wins: one rule', () => {
  // query > Prefer > the session's default preferences > the global ones, name by name; any
  // preference > the session's scenarios > the global scenarios > chaos > the id's normal answer.
  it.each([
    ['?__code beats Prefer', '?__code=404', { prefer: 'code=503' }, 404],
    ['Prefer beats the session’s defaults', '', { prefer: 'code=429' }, 429],
    ['the session’s defaults beat its scenario', '', {}, 403],
  ])('%s', async (_, query, headers, status) => {
    await admin('r1').setPreferences({ code: 403 });
    await admin('r1').addScenario({ match: { eventId: 'e1' }, steps: [{ status: 500 }] });
    expect((await get(`/__session/r1/v1/audit/events/e1${query}`, headers)).status).toBe(status);
  });

  it('the session’s defaults beat the global ones, name by name', async () => {
    await admin().setPreferences({ code: 502, delay: 5 });
    await admin('r2').setPreferences({ code: 504 });
    const res = await get('/__session/r2/v1/audit/events/e1');
    expect(res.status).toBe(504);
    expect(res.headers['preference-applied']).toBe('code=504, delay=5');
    expect((await get('/v1/audit/events/e1')).status).toBe(502);
  });

  it('the session’s scenario beats a global one, and a global one also plays for a session', async () => {
    await admin().addScenario({ match: { eventId: 'e1' }, steps: [{ status: 500, times: 5 }] });
    await admin('r3').addScenario({ match: { eventId: 'e1' }, steps: [{ status: 404 }] });
    expect((await get('/__session/r3/v1/audit/events/e1')).status).toBe(404);
    expect((await get('/__session/r3/v1/audit/events/e1')).status).toBe(500);
    expect((await get('/__session/r4/v1/audit/events/e1')).status).toBe(500);
  });
});
