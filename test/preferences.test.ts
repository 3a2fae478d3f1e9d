import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { mockUrl } from './helpers/serve-mock.js';
import { parsePreferHeader } from '../src/engine/parse-prefer-header.js';
import { bundledEventFixtures } from './helpers/paths.js';

const app = await mockUrl();
const get = (path: string, prefer?: string) => {
  const req = request(app).get(path).set('Authorization', 'Bearer any-token');
  return prefer === undefined ? req : req.set('Prefer', prefer);
};
const fixture = (id: string) =>
  JSON.stringify(bundledEventFixtures().find((entry) => entry.id === id)?.event);

describe('forcing an outcome with Prefer or query parameters', () => {
  it.each([
    ['code=401', 401, '{"detail":"Not authenticated"}', { 'www-authenticate': 'Bearer' }],
    ['code=403', 403, '{"detail":"Not enough permissions"}', {}],
    ['code=404', 404, '{"detail":"Audit event not found"}', {}],
    ['code=429', 429, '{"detail":"Too Many Requests"}', { 'retry-after': '30' }],
    ['code=502', 502, '{"detail":"Bad Gateway"}', {}],
    ['code=503', 503, '{"detail":"Service Unavailable"}', { 'retry-after': '30' }],
    ['code=504', 504, '{"detail":"Gateway Timeout"}', {}],
  ])('Prefer: %s → %i', async (prefer, status, body, headers) => {
    const res = await get('/v1/audit/events/e1', prefer);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.text).toBe(body);
    expect(res.headers).toMatchObject({ ...headers, 'preference-applied': prefer });
  });

  it('code=500 answers as Starlette: plain text Internal Server Error', async () => {
    const res = await get('/v1/audit/events/e1', 'code=500');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe('Internal Server Error');
  });

  it('code=422 answers a pydantic-v2 validation error about this request', async () => {
    const res = await get('/v1/audit/events/not-a-uuid', 'code=422');
    expect(res.status).toBe(422);
    expect(res.text).toBe(
      '{"detail":[{"type":"uuid_parsing","loc":["path","event_id"],"msg":"Input should be a valid UUID, invalid character: found `n` at 1","input":"not-a-uuid","ctx":{"error":"invalid character: found `n` at 1"}}]}',
    );
  });

  it('code=200 answers normally, even for an id pinned to an error', async () => {
    const res = await get('/v1/audit/events/evt_not_found', 'code=200');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).id).toBe('evt_not_found');
  });

  it('example=<fixture id> answers that fixture', async () => {
    const res = await get('/v1/audit/events/anything', 'example=evt_login_failed');
    expect(res.text).toBe(fixture('evt_login_failed'));
    expect(res.headers['preference-applied']).toBe('example=evt_login_failed');
    expect((await get('/v1/audit/events/anything', 'example=evt_rate_limited')).status).toBe(429);
  });

  it('dynamic=true generates an event even where a fixture exists', async () => {
    const res = await get('/v1/audit/events/evt_login_failed', 'dynamic=true');
    expect(res.status).toBe(200);
    expect(res.text).not.toBe(fixture('evt_login_failed'));
    expect(JSON.parse(res.text).id).toBe('evt_login_failed');
  });

  it('takes several preferences in one header and ignores the ones it does not know', async () => {
    const res = await get(
      '/v1/audit/events/e1',
      'return=minimal, respond-async, code=404; foo=bar, wait=10',
    );
    expect(res.status).toBe(404);
    expect(res.headers['preference-applied']).toBe('code=404');
    const plain = await get('/v1/audit/events/e1', 'return=minimal, respond-async');
    expect(plain.status).toBe(200);
    expect(plain.headers['preference-applied']).toBeUndefined();
  });

  it.each([
    ['/v1/audit/events/e1?__code=422', 422, 'code=422'],
    ['/v1/audit/events/e1?__example=evt_login_failed', 200, 'example=evt_login_failed'],
    ['/v1/audit/events/evt_login_failed?__dynamic=true', 200, 'dynamic=true'],
  ])('the query %s works for clients that cannot set headers', async (path, status, applied) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.headers['preference-applied']).toBe(applied);
  });

  it.each([
    [
      'code=abc',
      /Prefer: code=abc is not supported; code can be one of 200, 401, 403, 404, 422, 429, 500, 502, 503, 504/,
    ],
    ['code=299', /code=299 is not supported/],
    ['dynamic=maybe', /dynamic=maybe is not supported; dynamic can be true or false/],
    [
      'example=evt_nope',
      /example=evt_nope names no fixture; example can be one of .*evt_login_failed/,
    ],
  ])(
    'refuses the malformed %s with 400 naming it and listing what is supported',
    async (prefer, detail) => {
      const res = await get('/v1/audit/events/e1', prefer);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/json');
      expect(JSON.parse(res.text).detail).toMatch(detail);
    },
  );

  it('refuses a malformed query parameter too', async () => {
    const res = await get('/v1/audit/events/e1?__code=999');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).detail).toMatch(/query parameter __code=999 is not supported/);
  });
});

describe('responses pinned to ids', () => {
  it.each([
    ['evt_not_found', 404, 'application/json', '{"detail":"Audit event not found"}'],
    ['evt_rate_limited', 429, 'application/json', '{"detail":"Too Many Requests"}'],
    ['evt_server_error', 500, 'text/plain; charset=utf-8', 'Internal Server Error'],
  ])('%s → %i', async (id, status, type, body) => {
    const res = await get(`/v1/audit/events/${id}`);
    expect([res.status, res.headers['content-type'], res.text]).toEqual([status, type, body]);
  });

  it('evt_unprocessable → 422 about the path parameter', async () => {
    const res = await get('/v1/audit/events/evt_unprocessable');
    expect(res.status).toBe(422);
    expect(JSON.parse(res.text).detail[0]).toMatchObject({
      loc: ['path', 'event_id'],
      input: 'evt_unprocessable',
    });
  });

  it('evt_slow → 200 after 2 seconds', async () => {
    const started = Date.now();
    const res = await get('/v1/audit/events/evt_slow');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(JSON.parse(res.text).id).toBe('evt_slow');
  });
});

describe('parsePreferHeader', () => {
  it('reads RFC 7240 preferences: case-insensitive names, quoted values, parameters, first wins', () => {
    const parsed = parsePreferHeader(
      'CODE=404, example="a,b;c"; x=1, respond-async, code=500, fault=slow-body; Duration=300',
    );
    expect(
      [...parsed].map(([name, { value, params }]) => [name, value, Object.fromEntries(params)]),
    ).toEqual([
      ['code', '404', {}],
      ['example', 'a,b;c', { x: '1' }],
      ['respond-async', '', {}],
      ['fault', 'slow-body', { duration: '300' }],
    ]);
  });
});
