import { describe, expect, it } from 'vitest';
import type { MockOptions } from '../../src/config/mock-options.js';
import type { Engine } from '../../src/engine/engine.js';
import { AUTH_HEADERS } from '../helpers/credentials.js';
import { testEngine } from '../helpers/engine.js';

const EVENTS = '/v1/audit/events';
const AUTH = AUTH_HEADERS;
const engines = new Map<string, Engine>();

/** One engine per set of options (compiling the contract is the slow part). */
function engineFor(options: MockOptions = {}): Engine {
  const key = JSON.stringify(options);
  let engine = engines.get(key);
  if (!engine) {
    engine = testEngine(options);
    engines.set(key, engine);
  }
  return engine;
}

/** What the engine answers: status, headers, body text, source and the id it was for. */
function handle(
  target: string,
  headers: Readonly<Record<string, string>> = AUTH,
  method = 'GET',
  options: MockOptions = {},
) {
  const { answer, eventId, session } = engineFor(options).handle({ method, target, headers });
  return {
    status: answer.status,
    headers: answer.headers,
    body: answer.body.toString('utf8'),
    source: answer.source,
    eventId,
    session,
    delayMs: answer.delayMs,
    fault: answer.fault,
    faultDurationMs: answer.faultDurationMs,
  };
}

describe('1. a CORS preflight is answered before routing', () => {
  const preflight = {
    origin: 'http://localhost:5173',
    'access-control-request-method': 'GET',
    'access-control-request-headers': 'authorization,prefer',
  };

  it('answers 200 OK allowing every method and echoing the requested headers', () => {
    const res = handle('/anywhere', preflight, 'OPTIONS');
    expect([res.status, res.body, res.source]).toEqual([200, 'OK', 'cors']);
    expect(res.headers).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT',
      'access-control-max-age': '600',
      'access-control-allow-headers': 'authorization,prefer',
      'content-type': 'text/plain; charset=utf-8',
    });
  });

  it('is not a preflight without Access-Control-Request-Method, or without Origin', () => {
    const { origin, ...noOrigin } = preflight;
    expect(origin).toBeDefined();
    expect(handle(`${EVENTS}/e1`, { origin }, 'OPTIONS').status).toBe(405);
    expect(handle(`${EVENTS}/e1`, noOrigin, 'OPTIONS').status).toBe(405);
  });

  it('with restricted origins: echoes an allowed one with vary, refuses another with 400', () => {
    const options = { cors: { origins: ['http://localhost:5173'] } };
    const ok = handle('/x', preflight, 'OPTIONS', options);
    expect([ok.status, ok.headers['access-control-allow-origin'], ok.headers['vary']]).toEqual([
      200,
      'http://localhost:5173',
      'Origin',
    ]);
    const refused = handle('/x', { ...preflight, origin: 'http://evil.test' }, 'OPTIONS', options);
    expect([refused.status, refused.body]).toEqual([400, 'Disallowed CORS origin']);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('leaves out access-control-allow-headers when none were requested', () => {
    const { 'access-control-request-headers': requested, ...bare } = preflight;
    expect(requested).toBeDefined();
    expect(handle('/x', bare, 'OPTIONS').headers).not.toHaveProperty(
      'access-control-allow-headers',
    );
  });
});

describe('2. routing, as the provider routes', () => {
  it.each([
    ['/v1/audit/nope', 404, '{"detail":"Not Found"}'],
    ['/', 404, '{"detail":"Not Found"}'],
    [`${EVENTS}/a%2Fb`, 404, '{"detail":"Not Found"}'],
    [`${EVENTS}`, 404, '{"detail":"Not Found"}'],
  ])('%s → %i', (target, status, body) => {
    const res = handle(target);
    expect([res.status, res.body, res.source, res.eventId]).toEqual([status, body, 'router', null]);
  });

  it('answers another method on the route with 405 and allow: GET', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']) {
      const res = handle(`${EVENTS}/e1`, AUTH, method);
      expect([res.status, res.body, res.headers['allow']]).toEqual([
        405,
        '{"detail":"Method Not Allowed"}',
        'GET',
      ]);
    }
  });

  it('redirects trailing slashes (307) to the URL without them, keeping the query', () => {
    const res = handle(`${EVENTS}/e1//?a=1`, { host: 'mock:4010' });
    expect([res.status, res.body, res.headers['location']]).toEqual([
      307,
      '',
      'http://mock:4010/v1/audit/events/e1?a=1',
    ]);
    expect(handle(`${EVENTS}/e1/?`, { host: 'h' }).headers['location']).toBe(
      'http://h/v1/audit/events/e1',
    );
    expect(handle(`${EVENTS}/e1/`, {}).headers['location']).toBe('/v1/audit/events/e1');
  });

  it('routes the percent-decoded path: escapes, lone %, and a byte-order mark kept in the id', () => {
    expect(handle(`${EVENTS}/%65%31`).eventId).toBe('e1');
    expect(handle(`${EVENTS}/%zz`).eventId).toBe('%zz');
    expect(handle(`${EVENTS}/%EF%BB%BFe1`).eventId).toBe('\ufeffe1');
    expect(JSON.parse(handle(`${EVENTS}/%EF%BB%BFe1`).body)).toHaveProperty('id', '\ufeffe1');
  });
});

describe('3. authentication comes before everything the consumer asks for', () => {
  it.each<[string, Record<string, string>, number, string]>([
    ['no credentials', {}, 401, 'Not authenticated'],
    ['another scheme', { authorization: 'Basic dXNlcg==' }, 401, 'Not authenticated'],
    [
      'a scheme that only starts with Bearer',
      { authorization: 'Bearerxyz' },
      401,
      'Not authenticated',
    ],
    ['an empty token', { authorization: 'Bearer' }, 401, 'Could not validate credentials'],
    [
      'a rejected token',
      { authorization: 'Bearer expired' },
      401,
      'Could not validate credentials',
    ],
    ['a rejected API key', { 'x-api-key': 'invalid' }, 401, 'Could not validate credentials'],
    ['an empty API key', { 'x-api-key': '' }, 401, 'Not authenticated'],
  ])('%s → %i %s, with www-authenticate: Bearer', (_, headers, status, detail) => {
    const res = handle(`${EVENTS}/e1`, { ...headers, prefer: 'code=422' });
    expect([res.status, res.body, res.headers['www-authenticate'], res.source]).toEqual([
      status,
      JSON.stringify({ detail }),
      'Bearer',
      'auth',
    ]);
    expect(res.eventId).toBe('e1');
  });

  it('takes the scheme in any case, and lets the token decide when an API key is sent too', () => {
    expect(handle(`${EVENTS}/e1`, { authorization: 'bEaReR t' }).status).toBe(200);
    expect(
      handle(`${EVENTS}/e1`, { authorization: 'Bearer expired', 'x-api-key': 'k' }).status,
    ).toBe(401);
    expect(
      handle(`${EVENTS}/e1`, { authorization: 'Bearer t', 'x-api-key': 'expired' }).status,
    ).toBe(200);
    expect(handle(`${EVENTS}/e1`, { 'x-api-key': 'k' }).status).toBe(200);
  });

  it('honours the auth modes and lists', () => {
    const bearerOnly = { auth: { mode: 'bearer-only' as const } };
    expect(handle(`${EVENTS}/e1`, { 'x-api-key': 'k' }, 'GET', bearerOnly).status).toBe(401);
    expect(handle(`${EVENTS}/e1`, {}, 'GET', { auth: { mode: 'none' as const } }).status).toBe(200);
    const listed = { auth: { accept: ['ci'], reject: ['revoked'] } };
    expect(handle(`${EVENTS}/e1`, { authorization: 'Bearer ci' }, 'GET', listed).status).toBe(200);
    expect(handle(`${EVENTS}/e1`, { authorization: 'Bearer other' }, 'GET', listed).status).toBe(
      401,
    );
    const more = { auth: { reject: ['revoked'] } };
    expect(handle(`${EVENTS}/e1`, { authorization: 'Bearer revoked' }, 'GET', more).status).toBe(
      401,
    );
    expect(handle(`${EVENTS}/e1`, { authorization: 'Bearer expired' }, 'GET', more).status).toBe(
      401,
    );
  });
});

describe('4. preferences: Prefer (RFC 7240) and query parameters', () => {
  const prefer = (value: string, target = `${EVENTS}/e1`) =>
    handle(target, { ...AUTH, prefer: value });

  it('reads quoted values, and the first of repeated preferences', () => {
    expect(prefer('code="404"').status).toBe(404);
    expect(prefer('code=404, code=503').status).toBe(404);
    expect(prefer('CODE=404').status).toBe(404);
    expect(prefer('code=404').headers['preference-applied']).toBe('code=404');
  });

  it('lets a query parameter win over the header', () => {
    const res = handle(`${EVENTS}/e1?__code=503`, { ...AUTH, prefer: 'code=404' });
    expect([res.status, res.headers['preference-applied']]).toEqual([503, 'code=503']);
  });

  it('ignores unknown preferences: no 400, nothing applied', () => {
    const res = prefer('respond-async, return=minimal');
    expect([res.status, res.headers['preference-applied']]).toEqual([200, undefined]);
  });

  it.each([
    ['code=299', /code can be one of 200, 401, 403, 404, 422, 429, 500, 502, 503, 504/],
    ['code=4040', /not supported/],
    ['example=nope', /names no fixture; example can be one of/],
    ['dynamic=maybe', /dynamic can be true or false/],
    ['delay=-1', /delay is a whole number of milliseconds from 0 to 600000/],
    ['delay=600001', /delay is a whole number/],
    [
      'fault=explode',
      /fault can be one of connection-reset, empty-response, malformed-body, slow-body/,
    ],
    ['fault=slow-body; duration=soon', /duration=soon is not supported/],
  ])('refuses %s with 400 naming what is supported', (value, message) => {
    const res = prefer(value);
    expect([res.status, res.source]).toEqual([400, 'preferences']);
    expect((JSON.parse(res.body) as { detail: string }).detail).toMatch(message);
  });

  it('applies delay and fault, with a duration for slow-body', () => {
    expect(prefer('delay=0').delayMs).toBe(0);
    expect(prefer('delay=600000').delayMs).toBe(600_000);
    const slow = prefer('fault=slow-body; duration=300');
    expect([slow.fault, slow.faultDurationMs]).toEqual(['slow-body', 300]);
    expect(slow.headers['preference-applied']).toBe('fault=slow-body');
    expect(prefer('fault=empty-response').faultDurationMs).toBeUndefined();
  });

  it('echoes an applied value that is not a token as a quoted string', () => {
    const res = handle(`${EVENTS}/e1?__example=evt_login_failed&__dynamic=true`);
    expect(res.headers['preference-applied']).toBe('example=evt_login_failed, dynamic=true');
  });
});

describe('5. choosing the answer', () => {
  it('serves a fixture, a generated event, and a pinned response by id', () => {
    expect(handle(`${EVENTS}/evt_login_failed`).source).toBe('fixture');
    expect(handle(`${EVENTS}/e-generated`).source).toBe('generated');
    const pinned = handle(`${EVENTS}/evt_not_found`);
    expect([pinned.status, pinned.source]).toEqual([404, 'response-fixture']);
  });

  it('code=200 passes over a pinned error; example= answers a named fixture for any id', () => {
    const forced = handle(`${EVENTS}/evt_not_found?__code=200`);
    expect([forced.status, forced.source]).toEqual([200, 'generated']);
    const named = handle(`${EVENTS}/any?__example=evt_login_failed`);
    expect([named.status, JSON.parse(named.body).id]).toEqual([200, 'evt_login_failed']);
    expect(handle(`${EVENTS}/evt_login_failed?__dynamic=true`).source).toBe('generated');
    expect(handle(`${EVENTS}/evt_login_failed?__dynamic=false`).source).toBe('fixture');
  });

  it('plays a scenario step after what the request asked for, and chaos after scenarios', () => {
    const engine = testEngine({ chaos: 1 });
    engine.state.addScenario(
      {
        name: undefined,
        match: { eventId: 'e1' },
        session: null,
        steps: [
          {
            status: 503,
            answer: undefined,
            fixture: undefined,
            delayMs: undefined,
            fault: undefined,
            durationMs: undefined,
            headers: undefined,
            times: 1,
          },
        ],
      },
      new Date(),
    );
    const request = (headers: Record<string, string> = AUTH) =>
      engine.handle({ method: 'GET', target: `${EVENTS}/e1`, headers }).answer;
    expect(request({ ...AUTH, prefer: 'code=404' }).status).toBe(404);
    const step = request();
    expect([step.status, step.source]).toEqual([503, 'scenario']);
    expect(request().source).toBe('chaos');
  });
});

describe('6. delay and fault', () => {
  it('draws a delay from the latency model unless the request or the answer sets one', () => {
    const options = { latency: { kind: 'fixed' as const, ms: 250 } };
    expect(handle(`${EVENTS}/e1`, AUTH, 'GET', options).delayMs).toBe(250);
    expect(handle(`${EVENTS}/e1`, { ...AUTH, prefer: 'delay=5' }, 'GET', options).delayMs).toBe(5);
    expect(handle(`${EVENTS}/evt_slow`, AUTH, 'GET', options).delayMs).toBe(2000);
    expect(handle(`${EVENTS}/e1`).delayMs).toBeUndefined();
  });
});

describe('7. CORS headers on the way out', () => {
  const origin = 'http://localhost:5173';

  it('adds * for any origin, or echoes the origin with vary when a cookie is sent', () => {
    expect(handle(`${EVENTS}/e1`, { ...AUTH, origin }).headers['access-control-allow-origin']).toBe(
      '*',
    );
    const withCookie = handle(`${EVENTS}/e1`, { ...AUTH, origin, cookie: 'a=1' });
    expect([withCookie.headers['access-control-allow-origin'], withCookie.headers['vary']]).toEqual(
      [origin, 'Origin'],
    );
    expect(handle(`${EVENTS}/e1`, AUTH).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('adds CORS headers to 401s and 404s too, but not to the plain-text 500', () => {
    expect(handle(`${EVENTS}/e1`, { origin }).headers['access-control-allow-origin']).toBe('*');
    expect(handle('/nope', { origin }).headers['access-control-allow-origin']).toBe('*');
    expect(
      handle(`${EVENTS}/e1`, { ...AUTH, origin, prefer: 'code=500' }).headers[
        'access-control-allow-origin'
      ],
    ).toBeUndefined();
  });

  it('with restricted origins: echoes an allowed one, adds nothing for another', () => {
    const options = { cors: { origins: [origin] } };
    const allowed = handle(`${EVENTS}/e1`, { ...AUTH, origin }, 'GET', options);
    expect([allowed.headers['access-control-allow-origin'], allowed.headers['vary']]).toEqual([
      origin,
      'Origin',
    ]);
    const other = handle(`${EVENTS}/e1`, { ...AUTH, origin: 'http://evil.test' }, 'GET', options);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('the session of a request', () => {
  it('is its X-Mock-Session header, else null', () => {
    expect(handle(`${EVENTS}/e1`, { ...AUTH, 'x-mock-session': 'w1' }).session).toBe('w1');
    expect(handle(`${EVENTS}/e1`).session).toBeNull();
  });
});
