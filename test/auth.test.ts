import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { mockUrl } from './helpers/serve-mock.js';
import type { MockOptions } from '../src/config/mock-options.js';

const NOT_AUTHENTICATED = '{"detail":"Not authenticated"}';
const INVALID = '{"detail":"Could not validate credentials"}';

async function call(headers: Record<string, string>, options: MockOptions = {}) {
  let req = request(await mockUrl(options)).get('/v1/audit/events/e1');
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  return req;
}

describe('authentication, as the provider checks it', () => {
  it.each([
    ['no credentials', {}, 401, NOT_AUTHENTICATED],
    ['a Basic scheme', { Authorization: 'Basic dXNlcjpwYXNz' }, 401, NOT_AUTHENTICATED],
    ['a scheme glued to the token', { Authorization: 'Bearerxyz' }, 401, NOT_AUTHENTICATED],
    ['an empty bearer token', { Authorization: 'Bearer' }, 401, INVALID],
    ['the rejected token "expired"', { Authorization: 'Bearer expired' }, 401, INVALID],
    ['the rejected token "invalid"', { Authorization: 'Bearer invalid' }, 401, INVALID],
    ['a lower-case scheme', { Authorization: 'bearer some-token' }, 200, undefined],
    ['an upper-case scheme', { Authorization: 'BEARER some-token' }, 200, undefined],
    ['an API key alone', { 'X-API-Key': 'k1' }, 200, undefined],
    ['a rejected API key', { 'X-API-Key': 'expired' }, 401, INVALID],
    [
      'a rejected bearer token with a good API key (the token decides)',
      { Authorization: 'Bearer expired', 'X-API-Key': 'k1' },
      401,
      INVALID,
    ],
    [
      'a good bearer token with a rejected API key (the token decides)',
      { Authorization: 'Bearer good', 'X-API-Key': 'invalid' },
      200,
      undefined,
    ],
    [
      'a Basic scheme with a good API key',
      { Authorization: 'Basic x', 'X-API-Key': 'k1' },
      200,
      undefined,
    ],
  ])('%s → %i', async (_, headers, status, body) => {
    const res = await call(headers);
    expect(res.status).toBe(status);
    if (body !== undefined) {
      expect(res.text).toBe(body);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.headers['content-type']).toBe('application/json');
    }
  });

  it('bearer-only mode does not take an API key', async () => {
    const res = await call({ 'X-API-Key': 'k1' }, { auth: { mode: 'bearer-only' } });
    expect(res.status).toBe(401);
    expect(res.text).toBe(NOT_AUTHENTICATED);
    expect(
      (await call({ Authorization: 'Bearer t' }, { auth: { mode: 'bearer-only' } })).status,
    ).toBe(200);
  });

  it('none mode answers without credentials', async () => {
    expect((await call({}, { auth: { mode: 'none' } })).status).toBe(200);
  });

  it('accepts only the listed tokens and keys when a list is given', async () => {
    const options: MockOptions = { auth: { accept: ['ci-token', 'ci-key'] } };
    expect((await call({ Authorization: 'Bearer ci-token' }, options)).status).toBe(200);
    expect((await call({ 'X-API-Key': 'ci-key' }, options)).status).toBe(200);
    const other = await call({ Authorization: 'Bearer other' }, options);
    expect([other.status, other.text]).toEqual([401, INVALID]);
  });

  it('rejects more tokens when configured, keeping expired and invalid rejected', async () => {
    const options: MockOptions = { auth: { reject: ['expired', 'invalid', 'revoked'] } };
    expect((await call({ Authorization: 'Bearer revoked' }, options)).text).toBe(INVALID);
    expect((await call({ Authorization: 'Bearer fine' }, options)).status).toBe(200);
  });

  it('comes before forced outcomes and pinned responses', async () => {
    const forced = await call({ Prefer: 'code=422' });
    expect([forced.status, forced.text]).toEqual([401, NOT_AUTHENTICATED]);
    const pinned = await request(await mockUrl()).get('/v1/audit/events/evt_not_found');
    expect([pinned.status, pinned.text]).toEqual([401, NOT_AUTHENTICATED]);
  });

  it('comes after routing: a wrong method or path is answered without credentials', async () => {
    expect((await request(await mockUrl()).post('/v1/audit/events/e1')).status).toBe(405);
    expect((await request(await mockUrl()).get('/v1/nope')).status).toBe(404);
  });
});
