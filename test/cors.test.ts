import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { mockUrl } from './helpers/serve-mock.js';

const ORIGIN = 'http://localhost:5173';
const any = await mockUrl();
const restricted = await mockUrl({ cors: { origins: [ORIGIN] } });

const preflight = (app: string, origin: string, path = '/v1/audit/events/e1') =>
  request(app)
    .options(path)
    .set('Origin', origin)
    .set('Access-Control-Request-Method', 'GET')
    .set('Access-Control-Request-Headers', 'authorization,prefer,x-api-key');

describe('CORS, as Starlette’s CORSMiddleware', () => {
  it('answers a preflight before routing and authentication, echoing the requested headers', async () => {
    for (const path of ['/v1/audit/events/e1', '/v1/unknown']) {
      const res = await preflight(any, ORIGIN, path);
      expect(res.status).toBe(200);
      expect(res.text).toBe('OK');
      expect(res.headers).toMatchObject({
        'content-type': 'text/plain; charset=utf-8',
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT',
        'access-control-allow-headers': 'authorization,prefer,x-api-key',
        'access-control-max-age': '600',
      });
    }
  });

  it.each([
    ['a 200', { Authorization: 'Bearer t' }, '/v1/audit/events/e1', 200],
    ['a 401', {}, '/v1/audit/events/e1', 401],
    ['a 404', {}, '/v1/nope', 404],
    ['a 422', { Authorization: 'Bearer t', Prefer: 'code=422' }, '/v1/audit/events/e1', 422],
    ['a 429', { Authorization: 'Bearer t' }, '/v1/audit/events/evt_rate_limited', 429],
  ])('puts access-control-allow-origin on %s', async (_, headers, path, status) => {
    const res = await request(any).get(path).set('Origin', ORIGIN).set(headers);
    expect(res.status).toBe(status);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('puts it on a 405 too', async () => {
    const res = await request(any).post('/v1/audit/events/e1').set('Origin', ORIGIN);
    expect([res.status, res.headers['access-control-allow-origin']]).toEqual([405, '*']);
  });

  it('sends none on Starlette’s own 500', async () => {
    const res = await request(any)
      .get('/v1/audit/events/e1')
      .set({ Origin: ORIGIN, Authorization: 'Bearer t', Prefer: 'code=500' });
    expect(res.status).toBe(500);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes the origin with vary: Origin when the request carries a cookie', async () => {
    const res = await request(any)
      .get('/v1/audit/events/e1')
      .set({ Origin: ORIGIN, Authorization: 'Bearer t', Cookie: 'a=b' });
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(res.headers['vary']).toBe('Origin');
  });

  it('with restricted origins: echoes an allowed origin and refuses another preflight', async () => {
    const ok = await preflight(restricted, ORIGIN);
    expect([ok.status, ok.headers['access-control-allow-origin'], ok.headers['vary']]).toEqual([
      200,
      ORIGIN,
      'Origin',
    ]);
    const refused = await preflight(restricted, 'http://evil.example');
    expect([refused.status, refused.text]).toEqual([400, 'Disallowed CORS origin']);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const actual = await request(restricted)
      .get('/v1/audit/events/e1')
      .set({ Origin: 'http://evil.example', Authorization: 'Bearer t' });
    expect(actual.status).toBe(200);
    expect(actual.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await request(restricted)
      .get('/v1/audit/events/e1')
      .set({ Origin: ORIGIN, Authorization: 'Bearer t' });
    expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('sends no CORS headers to requests without an Origin', async () => {
    const res = await request(any).get('/v1/audit/events/e1').set('Authorization', 'Bearer t');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
