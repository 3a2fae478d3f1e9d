import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { mockUrl } from './helpers/serve-mock.js';

const app = await mockUrl();

describe("the provider's routing answers", () => {
  it.each([
    ['GET', '/v1/audit/nope', 404, '{"detail":"Not Found"}'],
    ['GET', '/v1/audit/events', 404, '{"detail":"Not Found"}'],
    ['GET', '/v1/audit/events/', 404, '{"detail":"Not Found"}'],
    ['GET', '/', 404, '{"detail":"Not Found"}'],
    ['POST', '/v1/audit/events/e1', 405, '{"detail":"Method Not Allowed"}'],
    ['PUT', '/v1/audit/events/e1', 405, '{"detail":"Method Not Allowed"}'],
    ['PATCH', '/v1/audit/events/e1', 405, '{"detail":"Method Not Allowed"}'],
    ['DELETE', '/v1/audit/events/e1', 405, '{"detail":"Method Not Allowed"}'],
  ] as const)('%s %s → %i %s', async (method, path, status, body) => {
    const res = await request(app)[method.toLowerCase() as 'get'](path);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.text).toBe(body);
    if (status === 405) expect(res.headers['allow']).toBe('GET');
  });

  it('answers HEAD on the route with 405 and no body', async () => {
    const res = await request(app).head('/v1/audit/events/e1');
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET');
    expect(res.text ?? '').toBe('');
  });

  it.each([
    ['/v1/audit/events/e1/', 'http://testserver/v1/audit/events/e1'],
    ['/v1/audit/events/e1///', 'http://testserver/v1/audit/events/e1'],
    ['/v1/audit/events/e1/?a=1', 'http://testserver/v1/audit/events/e1?a=1'],
    ['/v1/audit/events/caf%C3%A9/', 'http://testserver/v1/audit/events/caf%C3%A9'],
  ])('redirects %s to %s (307, empty body)', async (path, location) => {
    const res = await request(app).get(path).set('Host', 'testserver').redirects(0);
    expect(res.status).toBe(307);
    expect(res.headers['location']).toBe(location);
    expect(res.text ?? '').toBe('');
  });
});
