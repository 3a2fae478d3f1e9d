import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import type { MockRequest } from '../../src/core/mock-request.js';
import type { ResolvedOptions } from '../../src/config/resolve-options.js';
import { corsPreflight, withCors } from '../../src/engine/cors.js';

type Cors = ResolvedOptions['cors'];
const ANY: Cors = { origins: '*', allowCredentials: false, exposeHeaders: [] };
const ORIGIN = 'https://app.test';
const request = (method: string, headers: MockRequest['headers']): MockRequest => ({
  method,
  target: '/v1/audit/events/x',
  headers,
});
const answer: Answer = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from('{}'),
  source: 'fixture',
};

describe('which requests are answered as a preflight', () => {
  it.each([
    ['OPTIONS', { origin: ORIGIN, 'access-control-request-method': 'GET' }, true],
    ['GET', { origin: ORIGIN, 'access-control-request-method': 'GET' }, false],
    ['OPTIONS', { 'access-control-request-method': 'GET' }, false],
    ['OPTIONS', { origin: ORIGIN }, false],
  ] as const)('%s with %j: %s', (method, headers, preflight) => {
    expect(corsPreflight(request(method, headers), ANY) !== undefined).toBe(preflight);
  });

  it('with credentials allowed, says so and echoes the origin', () => {
    const preflight = request('OPTIONS', {
      origin: ORIGIN,
      'access-control-request-method': 'GET',
    });
    expect(corsPreflight(preflight, { ...ANY, allowCredentials: true })?.headers).toMatchObject({
      'access-control-allow-credentials': 'true',
      'access-control-allow-origin': ORIGIN,
      vary: 'Origin',
    });
    expect(corsPreflight(preflight, ANY)?.headers).not.toHaveProperty(
      'access-control-allow-credentials',
    );
  });
});

describe('the CORS headers of an actual answer', () => {
  it.each<[string, Cors, MockRequest['headers'], Answer['headers'], Answer['headers']]>([
    [
      'any origin',
      ANY,
      { origin: ORIGIN },
      {},
      { 'content-type': 'application/json', 'access-control-allow-origin': '*' },
    ],
    ['no origin', ANY, {}, {}, { 'content-type': 'application/json' }],
    [
      'credentials and exposed headers',
      { ...ANY, allowCredentials: true, exposeHeaders: ['retry-after', 'x-request-id'] },
      { origin: ORIGIN },
      {},
      {
        'content-type': 'application/json',
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'retry-after, x-request-id',
        'access-control-allow-origin': '*',
      },
    ],
    [
      'a cookie: the origin echoed, varying by origin',
      ANY,
      { origin: ORIGIN, cookie: 'a=b' },
      {},
      {
        'content-type': 'application/json',
        'access-control-allow-origin': ORIGIN,
        vary: 'Origin',
      },
    ],
    [
      'a cookie, on an answer that already varies',
      ANY,
      { origin: ORIGIN, cookie: 'a=b' },
      { vary: 'Accept-Encoding' },
      {
        'content-type': 'application/json',
        'access-control-allow-origin': ORIGIN,
        vary: 'Accept-Encoding, Origin',
      },
    ],
    [
      'an origin not allowed',
      { ...ANY, origins: ['https://other.test'] },
      { origin: ORIGIN },
      {},
      { 'content-type': 'application/json' },
    ],
  ])('%s', (_, options, headers, own, expected) => {
    const sent = { ...answer, headers: { ...answer.headers, ...own } };
    expect(withCors(sent, request('GET', headers), options).headers).toStrictEqual(expected);
  });
});
