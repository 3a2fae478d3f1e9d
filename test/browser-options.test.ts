// The options for browser apps, over HTTP: what Starlette's expose_headers and allow_credentials
// add, CORS on the admin API for --admin-origin, and choosing a session without a custom header.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { optionsFromFlags } from '../src/cli/serve-flags.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { mockUrl } from './helpers/serve-mock.js';

const ORIGIN = 'http://localhost:5173';
const EXPOSED = ['retry-after', 'preference-applied'];

const preflight = (app: string, path = '/v1/audit/events/e1', origin = ORIGIN) =>
  request(app)
    .options(path)
    .set('Origin', origin)
    .set('Access-Control-Request-Method', 'GET')
    .set('Access-Control-Request-Headers', 'authorization');

describe('--cors-expose-headers and --cors-allow-credentials, as Starlette', () => {
  it('add nothing by default', async () => {
    const app = await mockUrl();
    const res = await request(app).get('/v1/audit/events/e1?__code=429').set('Origin', ORIGIN);
    expect(res.headers['access-control-expose-headers']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect((await preflight(app)).headers['access-control-allow-origin']).toBe('*');
  });

  it('list the exposed headers on every answer to a page, not on preflights', async () => {
    const app = await mockUrl({ cors: { exposeHeaders: EXPOSED } });
    for (const path of ['/v1/audit/events/e1?__code=429', '/v1/nope']) {
      const res = await request(app).get(path).set('Origin', ORIGIN).set(AUTH_HEADERS);
      expect(res.headers['access-control-expose-headers']).toBe('retry-after, preference-applied');
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
    expect((await preflight(app)).headers['access-control-expose-headers']).toBeUndefined();
    const noPage = await request(app).get('/v1/audit/events/e1').set(AUTH_HEADERS);
    expect(noPage.headers['access-control-expose-headers']).toBeUndefined();
  });

  it('allow credentials: preflights echo the origin, answers echo it for a cookie or a listed origin', async () => {
    const any = await mockUrl({ cors: { allowCredentials: true } });
    const pre = await preflight(any);
    expect(pre.status).toBe(200);
    expect(pre.headers).toMatchObject({
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
    const plain = await request(any).get('/v1/audit/events/e1').set('Origin', ORIGIN);
    expect(plain.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-credentials': 'true',
    });
    const withCookie = await request(any)
      .get('/v1/audit/events/e1')
      .set('Origin', ORIGIN)
      .set('Cookie', 'a=b');
    expect(withCookie.headers).toMatchObject({
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    });
    const listed = await mockUrl({ cors: { origins: [ORIGIN], allowCredentials: true } });
    const res = await request(listed).get('/v1/audit/events/e1').set('Origin', ORIGIN);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    const other = await request(listed)
      .get('/v1/audit/events/e1')
      .set('Origin', 'http://evil.test');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('are set by flags: names repeated or comma-separated', () => {
    expect(
      optionsFromFlags({
        'cors-expose-headers': ['retry-after, preference-applied', 'x-request-id'],
        'cors-allow-credentials': true,
      }),
    ).toEqual({
      cors: {
        exposeHeaders: ['retry-after', 'preference-applied', 'x-request-id'],
        allowCredentials: true,
      },
    });
  });
});

describe('CORS on /__mock for the origins of --admin-origin', () => {
  it('answers their preflight before the token check, and lets them read the answers', async () => {
    const app = await mockUrl({ admin: { origins: [ORIGIN], token: 's3cret' } });
    const pre = await request(app)
      .options('/__mock/scenarios')
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-mock-admin-token,x-mock-session');
    expect(pre.status).toBe(204);
    expect(pre.headers).toMatchObject({
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
      'access-control-allow-headers': 'content-type,x-mock-admin-token,x-mock-session',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    const res = await request(app)
      .post('/__mock/scenarios')
      .set('Origin', ORIGIN)
      .set('X-Mock-Admin-Token', 's3cret')
      .send({ match: { eventId: 'e1' }, steps: [{ status: 503 }] });
    expect(res.status).toBe(201);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    const refused = await request(app).get('/__mock/health').set('Origin', ORIGIN);
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('gives any other origin no CORS header, so its page cannot read the admin API', async () => {
    const app = await mockUrl({ admin: { origins: [ORIGIN] } });
    const pre = await request(app)
      .options('/__mock/scenarios')
      .set('Origin', 'http://evil.test')
      .set('Access-Control-Request-Method', 'POST');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const read = await request(app).get('/__mock/requests').set('Origin', 'http://evil.test');
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    const none = await mockUrl();
    const res = await request(none).get('/__mock/health').set('Origin', ORIGIN);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
