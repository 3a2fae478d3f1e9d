import { describe, expect, it } from 'vitest';
import type { MockRequest } from '../../src/core/mock-request.js';
import { requestSession } from '../../src/engine/request-session.js';

const EVENT = '/v1/audit/events/x';
const at = (target: string, headers: MockRequest['headers'] = {}) =>
  requestSession({ method: 'GET', target, headers });
const long = (length: number) => 'k'.repeat(length);

describe('which session a request lands in', () => {
  it.each([
    ['a path prefix', `/__session/blue${EVENT}`, 'blue', EVENT, '/__session/blue'],
    [
      'a percent-encoded prefix',
      `/__session/a%20b${EVENT}?x=1`,
      'a b',
      `${EVENT}?x=1`,
      '/__session/a%20b',
    ],
    [
      'a prefix of 256 characters',
      `/__session/${long(256)}${EVENT}`,
      long(256),
      EVENT,
      `/__session/${long(256)}`,
    ],
    ['a malformed escape, as sent', `/__session/%zz${EVENT}`, '%zz', EVENT, '/__session/%zz'],
    ['no key in the prefix', `/__session//v1${EVENT}`, null, `/__session//v1${EVENT}`, undefined],
    [
      'a key of 257 characters',
      `/__session/${long(257)}${EVENT}`,
      null,
      `/__session/${long(257)}${EVENT}`,
      undefined,
    ],
    ['a prefix with nothing after it', '/__session/blue', null, '/__session/blue', undefined],
    ['no prefix', EVENT, null, EVENT, undefined],
  ] as const)('%s', (_, target, session, routed, prefix) => {
    expect(at(target)).toStrictEqual({ session, target: routed, prefix });
  });

  it.each([
    ['its cookie', 'mock-session=blue', 'blue'],
    ['its cookie among others, spaced', 'theme=dark;  mock-session= blue ; x=1', 'blue'],
    ['its percent-encoded cookie', 'mock-session=a%20b', 'a b'],
    ['a cookie of 256 characters', `mock-session=${long(256)}`, long(256)],
    ['a malformed escape in the cookie, as sent', 'mock-session=%E0', '%E0'],
    ['an empty cookie: none', 'mock-session=', null],
    ['a cookie of 257 characters: none', `mock-session=${long(257)}`, null],
    ['a pair without a value does not name it', 'mock-sessionx; mock-session=blue', 'blue'],
    ['another cookie: none', 'session=blue', null],
  ] as const)('%s', (_, cookie, session) => {
    expect(at(EVENT, { cookie })).toStrictEqual({ session, target: EVENT, prefix: undefined });
  });

  it('the header first, then the prefix, then the cookie', () => {
    const cookie = 'mock-session=cookie';
    expect(at(`/__session/path${EVENT}`, { 'x-mock-session': 'header', cookie }).session).toBe(
      'header',
    );
    expect(at(`/__session/path${EVENT}`, { cookie }).session).toBe('path');
    expect(at(EVENT, { cookie }).session).toBe('cookie');
  });
});
