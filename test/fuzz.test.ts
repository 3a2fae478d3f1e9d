import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import fc from 'fast-check';
import request from 'supertest';
import type { Response } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockUrl, serveMock } from './helpers/serve-mock.js';
import { SERVER_LIMITS } from '../src/core/limits.js';
import { createHttpServer } from '../src/server/create-http-server.js';
import { MAX_HEADER_BYTES, MAX_HEADER_COUNT, MAX_URL_LENGTH } from '../src/core/limits.js';
import { unquotePath } from '../src/wire/unquote-path.js';
import { validateEvent } from '../src/library/generate-event.js';
import type { MockLogger, MockOptions } from '../src/config/mock-options.js';
import { readPreferences } from '../src/engine/read-preferences.js';
import type { RunningServer } from '../src/library/start-server.js';
import { startServer } from '../src/library/start-server.js';
import type { Answer } from './helpers/hostile-http.js';
import {
  exactRequest,
  expectWellFormed,
  parseRawAnswers,
  rawExchange,
  rawGetRequest,
} from './helpers/hostile-http.js';
import { FIXTURES_DIR } from './helpers/paths.js';
import { AUTH } from './helpers/credentials.js';

const EVENTS = '/v1/audit/events';
const ROUTE = /^\/v1\/audit\/events\/([^/]+)$/s;
const LOGIN_FAILED = readFileSync(`${FIXTURES_DIR}/events/evt_login_failed.json`, 'utf8');
const LOGIN_FAILED_BODY: Record<string, unknown> = JSON.parse(LOGIN_FAILED);
/** Ids that answer something special (a fixture, a pinned response): the fuzzers skip them. */
const KNOWN_IDS = new Set([
  ...['evt_not_found', 'evt_unprocessable', 'evt_server_error', 'evt_rate_limited', 'evt_slow'],
  'evt_login_failed',
]);

/** A mock whose own error log is kept, so a test can say "it logged no defect". */
function recordingLogger(): { logger: MockLogger; errors: string[] } {
  const errors: string[] = [];
  return { errors, logger: { error: (message) => errors.push(message) } };
}

/** The app on the production HTTP server (its limits, its JSON answers to parser errors). */
async function serveApp(options: MockOptions): Promise<{ url: string; port: number }> {
  const { url, server } = await serveMock(options);
  return { url, port: server.port };
}

const toAnswer = (res: Response): Answer => ({
  status: res.status,
  headers: res.headers as Answer['headers'],
  body: res.text ?? '',
});

/** What the provider's router does with a decoded path: the id it serves, a redirect, or 404. */
function expectedRoute(decodedPath: string): { kind: 'event'; id: string } | { kind: 'other' } {
  const id = ROUTE.exec(decodedPath)?.[1];
  return id === undefined ? { kind: 'other' } : { kind: 'event', id };
}

/** A served event: a contract-valid `AuditEventResponse` with the requested id. */
function expectEventFor(answer: Answer, id: string): void {
  expect(answer.status, answer.body.slice(0, 200)).toBe(200);
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  expect(body['id']).toBe(id);
  expect(validateEvent(body)).toEqual([]);
}

/** A path that is not the route: the provider's 404, or its 307 to the path without slashes. */
function expectNotTheRoute(answer: Answer): void {
  if (answer.status === 307) expect(answer.headers['location']).toMatch(/^http:\/\//);
  else expect(answer.body).toBe('{"detail":"Not Found"}');
}

/** Characters a client can put in a header value: printable ASCII, tab and Latin-1. */
const headerChar = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xa0, max: 0xff }) },
  { weight: 1, arbitrary: fc.constant(0x09) },
);
const headerText = (maxLength: number) =>
  fc.string({ unit: headerChar.map((code) => String.fromCharCode(code)), maxLength });

describe('fuzzing the mocked API through supertest', () => {
  const { logger, errors } = recordingLogger();
  let url: string;
  const api = () => request(url);

  beforeAll(async () => {
    ({ url } = await serveApp({ logger }));
  });

  it('answers any Unicode id, percent-encoded, with its event, a 307 or a JSON 404', async () => {
    const awkward = fc.string({
      unit: fc.constantFrom('.', '/', '%', '\\', '\u0000', '\n', ' ', 'é', '東', '😀', 'a', '?'),
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), awkward),
        async (id) => {
          fc.pre(!KNOWN_IDS.has(id));
          const res = await api()
            .get(`${EVENTS}/${encodeURIComponent(id)}`)
            .set('Authorization', AUTH)
            .redirects(0);
          const answer = toAnswer(res);
          expectWellFormed(answer);
          const route = expectedRoute(`${EVENTS}/${id}`);
          if (route.kind === 'event') expectEventFor(answer, route.id);
          else expectNotTheRoute(answer);
        },
      ),
      { seed: 0x7a11, numRuns: 300 },
    );
    expect(errors).toEqual([]);
  });

  it('answers very long ids with the event up to the URL limit and a JSON 414 past it', async () => {
    const longId = fc
      .constantFrom('a', 'é', '東')
      .chain((char) =>
        fc
          .oneof(
            fc.integer({ min: 1, max: Math.floor(8_200 / encodeURIComponent(char).length) }),
            fc.integer({ min: 1, max: Math.floor(60_000 / encodeURIComponent(char).length) }),
          )
          .map((count) => char.repeat(count)),
      );
    await fc.assert(
      fc.asyncProperty(longId, async (id) => {
        const target = `${EVENTS}/${encodeURIComponent(id)}`;
        const answer = toAnswer(await api().get(target).set('Authorization', AUTH));
        expectWellFormed(answer);
        if (target.length > MAX_URL_LENGTH) expect(answer.status).toBe(414);
        else expectEventFor(answer, id);
      }),
      { seed: 0x10e6, numRuns: 200 },
    );
    expect(errors).toEqual([]);
  });

  it('answers many and large headers with the event, or a JSON 431 past the header limit', async () => {
    // Lengths are drawn uniformly (not biased small), so totals land on both sides of 16 KiB.
    const value = fc
      .tuple(fc.integer({ min: 0, max: 400 }), headerText(8))
      .map(([length, pattern]) => (pattern || 'v').repeat(length).slice(0, length));
    const fuzzHeaders = fc.integer({ min: 0, max: 120 }).chain((count) =>
      fc.dictionary(
        fc.stringMatching(/^[a-z0-9-]{1,24}$/).map((name) => `x-fuzz-${name}`),
        value,
        { minKeys: count, maxKeys: count },
      ),
    );
    await fc.assert(
      fc.asyncProperty(fuzzHeaders, async (headers) => {
        let req = api().get(`${EVENTS}/fuzz-headers`).set('Authorization', AUTH);
        for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
        const answer = toAnswer(await req);
        expectWellFormed(answer);
        const bytes = Object.entries(headers).reduce(
          // The parser drops leading and trailing blanks of a value before the app counts it.
          (sum, [name, value]) =>
            sum + name.length + value.replace(/^[ \t]+|[ \t]+$/g, '').length + 4,
          0,
        );
        // The client adds Host, Authorization, Accept-Encoding, Connection: under 300 bytes and
        // a handful of fields.
        const fields = Object.keys(headers).length;
        if (bytes > MAX_HEADER_BYTES || fields > MAX_HEADER_COUNT) expect(answer.status).toBe(431);
        else if (bytes + 300 < MAX_HEADER_BYTES && fields + 8 <= MAX_HEADER_COUNT)
          expectEventFor(answer, 'fuzz-headers');
        else expect([200, 431]).toContain(answer.status);
      }),
      { seed: 0x4ead, numRuns: 200 },
    );
    expect(errors).toEqual([]);
  });

  it('answers odd Prefer values with an event, a forced status or a JSON 400', async () => {
    const names = fc.oneof(
      fc.constantFrom(
        ...['code', 'example', 'dynamic', 'delay', 'fault', 'duration', 'CODE', ' Code '],
        ...['respond-async', 'return', 'wait', '__proto__', 'constructor', '', '=', ';'],
      ),
      fc.stringMatching(/^[a-z_-]{1,12}$/),
    );
    const values = fc.oneof(
      fc.constantFrom(
        ...['200', '401', '403', '404', '422', '429', '500', '502', '503', '504'],
        ...['299', '600', '000', '-1', '1e3', '0x1f4', '4.22e2', '', ' ', '"422"', '"a,b;c"'],
        ...[
          '"unterminated',
          '\\"',
          'true',
          'false',
          'TRUE',
          'evt_login_failed',
          'EVT_LOGIN_FAILED',
        ],
        ...['600001', '99999999', '1.5', 'connection_reset', 'Slow-Body', 'none', '%34%32%32'],
      ),
      fc.integer({ min: -1000, max: 1000 }).map(String),
      headerText(30),
    );
    const preference = fc
      .tuple(
        names,
        fc.option(values),
        fc.array(fc.tuple(names, fc.option(values)), { maxLength: 2 }),
      )
      .map(([name, value, params]) =>
        [[name, value], ...params]
          .map(([key, text]) => (text === null ? key : `${key}=${text}`))
          .join('; '),
      );
    const prefer = fc.oneof(
      { weight: 1, arbitrary: headerText(200) },
      {
        weight: 3,
        arbitrary: fc
          .array(preference, { minLength: 1, maxLength: 4 })
          .map((parts) => parts.join(', ')),
      },
    );
    await fc.assert(
      fc.asyncProperty(prefer, async (value) => {
        const read = readPreferences(value, new URLSearchParams(), () => [...KNOWN_IDS]);
        // Real faults and long delays are covered elsewhere; here every answer must be complete.
        fc.pre(!read.ok || (read.preferences.fault === undefined && !read.preferences.delay));
        const res = await api()
          .get(`${EVENTS}/fuzz-prefer`)
          .set('Authorization', AUTH)
          .set('Prefer', value);
        const answer = toAnswer(res);
        const applied = String(res.headers['preference-applied'] ?? '');
        expectWellFormed(answer, { forced5xx: applied.includes(`code=${answer.status}`) });
        expect([200, 400, 401, 403, 404, 422, 429, 500, 502, 503, 504]).toContain(answer.status);
        if (answer.status === 400) expect(JSON.parse(answer.body)).toHaveProperty('detail');
      }),
      { seed: 0x9e4, numRuns: 300 },
    );
    expect(errors).toEqual([]);
  });

  it('still serves fixtures and generated events after the fuzzing', async () => {
    const fixture = await api().get(`${EVENTS}/evt_login_failed`).set('Authorization', AUTH);
    expect(fixture.status).toBe(200);
    expect(JSON.parse(fixture.text)).toEqual(LOGIN_FAILED_BODY);
    expectEventFor(
      toAnswer(await api().get(`${EVENTS}/after`).set('Authorization', AUTH)),
      'after',
    );
  });
});

describe('fuzzing raw paths on the wire (no client-side URL normalisation)', () => {
  const { logger, errors } = recordingLogger();
  let mock: RunningServer;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });

  beforeAll(async () => {
    mock = await startServer({ port: 0, logger });
  });
  afterAll(async () => {
    agent.destroy();
    await mock.close();
  });

  const TOKENS = [
    ...['a', 'evt_', '.', '..', '/', '%2f', '%2F', '%2e', '%2E', '%252e', '%252f', '%25'],
    ...['%', '%00', '%zz', '%c0%ae', '%e0%80%ae', '%ff', '%C3%A9', '\\', '%5c', ';', ':', '@'],
    ...['~', '%20', '+', '%0d%0a', '#', '..%2f', '%2e%2e%2f', '%252e%252e%252f', 'secret'],
  ];

  it('routes encoded slashes, dots, double encodings and NULs as the provider decodes them', async () => {
    const rawSegment = fc
      .array(fc.constantFrom(...TOKENS), { minLength: 0, maxLength: 10 })
      .map((parts) => parts.join(''));
    const query = fc.option(fc.constantFrom('?', '?a=%00', '?x=..%2f..%2f', '?%zz'));
    await fc.assert(
      fc.asyncProperty(rawSegment, query, async (segment, search) => {
        const path = `${EVENTS}/${segment}${search ?? ''}`;
        const answer = await exactRequest(mock.port, path, {
          headers: { authorization: AUTH },
          agent,
        });
        expectWellFormed(answer);
        const rawPath = path.slice(0, path.includes('?') ? path.indexOf('?') : undefined);
        const route = expectedRoute(unquotePath(rawPath));
        if (route.kind === 'event' && !KNOWN_IDS.has(route.id)) expectEventFor(answer, route.id);
        if (route.kind === 'other') expectNotTheRoute(answer);
      }),
      { seed: 0x2f2e, numRuns: 300 },
    );
    expect(errors).toEqual([]);
  });

  it('answers any garbage request with a well-formed JSON answer and closes cleanly', async () => {
    const line = fc.string({ unit: 'binary-ascii', maxLength: 80 });
    const garbage = fc.oneof(
      fc.array(line, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\r\n')),
      fc
        .tuple(fc.constantFrom('GET', 'POST', 'PUT', 'G\u0000T', 'BREW', ''), line, line)
        .map(
          ([method, target, header]) =>
            `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${header}`,
        ),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (text) => {
        const reply = await rawExchange(mock.port, `${text}\r\n\r\n`);
        expect(reply.ended).not.toBe('timeout');
        for (const answer of parseRawAnswers(reply.bytes)) expectWellFormed(answer);
      }),
      { seed: 0x6a5b, numRuns: 200 },
    );
  });

  it.each([
    ['a NUL in the path', 400, `GET ${EVENTS}/a\u0000b HTTP/1.1\r\nHost: x\r\n\r\n`],
    [
      'a NUL in a header value',
      400,
      `GET ${EVENTS}/a HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n`,
    ],
    ['a NUL in a header name', 400, `GET ${EVENTS}/a HTTP/1.1\r\nHost: x\r\nX\u0000A: b\r\n\r\n`],
    ['a NUL as the method', 400, `\u0000 ${EVENTS}/a HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['bare LF line ends', 400, `GET ${EVENTS}/a HTTP/1.1\nHost: x\n\n`],
    ['an HTTP/2 preface', 400, 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['an unknown HTTP version', 400, `GET ${EVENTS}/a HTTP/9.9\r\nHost: x\r\n\r\n`],
    [
      'both Content-Length and chunked',
      400,
      'POST /__mock/scenarios HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    [
      'a body cut short',
      400,
      'PUT /__mock/fixtures/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 50\r\n\r\n{"a"',
    ],
    ['headers over 32 KiB', 431, rawGetRequest(`${EVENTS}/a`, { 'X-Big': 'a'.repeat(70_000) })],
    [
      'headers between 16 and 32 KiB',
      431,
      rawGetRequest(`${EVENTS}/a`, { 'X-Big': 'a'.repeat(20_000) }),
    ],
    [
      '500 headers of 100 bytes',
      431,
      rawGetRequest(
        `${EVENTS}/a`,
        Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`X-H${i}`, 'v'.repeat(100)])),
      ),
    ],
    ['a 9,000-character URL', 414, rawGetRequest(`${EVENTS}/${'a'.repeat(9_000)}`)],
    ['a 70,000-character URL', 414, rawGetRequest(`${EVENTS}/${'a'.repeat(70_000)}`)],
    [
      'an HTTP/1.1 request without Host',
      400,
      rawGetRequest(`${EVENTS}/a`, { Authorization: AUTH }, null),
    ],
    [
      'an unknown Expect',
      417,
      'PUT /__mock/fixtures/x HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: bogus\r\nContent-Length: 2\r\n\r\n{}',
    ],
    ['a CONNECT request', 405, 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n'],
  ])('answers %s with a JSON %i', async (_name, status, bytes) => {
    const reply = await rawExchange(mock.port, bytes);
    const [answer] = parseRawAnswers(reply.bytes);
    expect(
      answer,
      `reply: ${JSON.stringify(reply.bytes.toString('latin1').slice(0, 200))}`,
    ).toBeDefined();
    if (!answer) return;
    expect(answer.status).toBe(status);
    expectWellFormed(answer);
  });

  it('keeps answering on the same server after all of that', async () => {
    const answer = await exactRequest(mock.port, `${EVENTS}/still-alive`, {
      headers: { authorization: AUTH },
    });
    expectEventFor(answer, 'still-alive');
  });
});

describe('fuzzing the admin API with malformed and hostile JSON', () => {
  const { logger, errors } = recordingLogger();
  let url: string;
  let port: number;
  const api = () => request(url);
  const reset = async () => expect((await api().post('/__mock/reset?all=true')).status).toBe(204);

  beforeAll(async () => {
    ({ url, port } = await serveApp({ logger }));
  });

  /** Text that is JSON, almost JSON (cut short, one character changed) or not JSON at all. */
  const almostJson = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc
      .tuple(fc.jsonValue({ maxDepth: 4 }), fc.nat())
      .map(([value, cut]) =>
        JSON.stringify(value).slice(0, cut % (JSON.stringify(value).length + 1)),
      ),
    fc
      .tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }))
      .map(([at, text]) => {
        const index = at % LOGIN_FAILED.length;
        return LOGIN_FAILED.slice(0, index) + text + LOGIN_FAILED.slice(index + 1);
      }),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
  const contentType = fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/json; charset=utf-16',
  );
  const fixtureId = fc.oneof(
    fc.constantFrom('fuzz', 'evt_login_failed', '__proto__', 'constructor', '..', '%2e%2e'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
  );

  it('answers any PUT /__mock/fixtures/{id} body with 2xx or a JSON 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fixtureId, almostJson, contentType, async (id, body, type) => {
        const res = await api()
          .put(`/__mock/fixtures/${encodeURIComponent(id)}`)
          .set('content-type', type)
          .send(body);
        const answer = toAnswer(res);
        expectWellFormed(answer);
        expect([200, 201, 400, 413, 415]).toContain(answer.status);
        if (answer.status < 300) await reset();
      }),
      { seed: 0xf1c5, numRuns: 200 },
    );
    expect(errors).toEqual([]);
  });

  it('accepts a mutated event only when it is valid, and then serves exactly it', async () => {
    const fields = Object.keys(LOGIN_FAILED_BODY);
    const mutation = fc.tuple(
      fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 12 })),
      fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (changes) => {
        const fieldsSent = new Map<string, unknown>(
          Object.entries({ ...LOGIN_FAILED_BODY, id: 'fuzz_evt' }),
        );
        for (const [field, value] of changes) {
          if (field === 'id') continue;
          if (value === undefined) fieldsSent.delete(field);
          else fieldsSent.set(field, value);
        }
        const event: Record<string, unknown> = Object.fromEntries(fieldsSent);
        await reset();
        const put = toAnswer(await api().put('/__mock/fixtures/fuzz_evt').send(event));
        expectWellFormed(put);
        expect([201, 400]).toContain(put.status);
        if (put.status === 400) return;
        const served = toAnswer(await api().get(`${EVENTS}/fuzz_evt`).set('Authorization', AUTH));
        expectEventFor(served, 'fuzz_evt');
        // Absent optional fields are served as null, as the provider serializes its model.
        const nulls = Object.fromEntries(fields.map((field) => [field, null]));
        expect(JSON.parse(served.body)).toEqual({ ...nulls, ...JSON.parse(JSON.stringify(event)) });
      }),
      { seed: 0xe7e7, numRuns: 150 },
    );
    expect(errors).toEqual([]);
  });

  it('answers any POST /__mock/scenarios body with 201 or a JSON 400 listing violations', async () => {
    const odd = fc.jsonValue({ maxDepth: 2 });
    /** Mostly valid values, sometimes anything: so both 201s and 400s come out. */
    const mostly = <T>(valid: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 19, arbitrary: valid }, { weight: 1, arbitrary: odd });
    const wildStep = fc.record(
      {
        status: mostly(fc.constantFrom(200, 404, 422, 429, 503, 299, 600)),
        body: mostly(fc.constantFrom({ detail: 'x' }, 'plain text')),
        fixture: mostly(fc.constantFrom('evt_login_failed', 'evt_not_found', 'nope')),
        headers: mostly(
          fc.dictionary(fc.stringMatching(/^[a-z-]{1,8}$/), fc.string({ maxLength: 8 })),
        ),
        delayMs: mostly(fc.constantFrom(0, 10, -1, 600_001)),
        fault: mostly(fc.constantFrom('connection-reset', 'slow-body', 'bogus')),
        durationMs: mostly(fc.constantFrom(0, 100, -5)),
        times: mostly(fc.constantFrom(1, 3, 0, 1_000_001)),
      },
      { requiredKeys: [] },
    );
    const validStep = fc.oneof(
      fc.record({
        status: fc.constantFrom(401, 404, 429, 503),
        times: fc.integer({ min: 1, max: 5 }),
      }),
      fc.record({ fixture: fc.constantFrom('evt_login_failed', 'evt_not_found') }),
      fc.record({ status: fc.constant(404), body: fc.constant({ detail: 'x' }) }),
      fc.record({ status: fc.constant(503), delayMs: fc.integer({ min: 0, max: 50 }) }),
    );
    const step = fc.oneof({ weight: 19, arbitrary: validStep }, { weight: 1, arbitrary: wildStep });
    const scenario = fc
      .tuple(
        fc.record(
          {
            name: mostly(fc.string({ maxLength: 20 })),
            match: mostly(
              fc.oneof(
                {
                  weight: 4,
                  arbitrary: fc.record({ eventId: fc.string({ minLength: 1, maxLength: 20 }) }),
                },
                {
                  weight: 4,
                  arbitrary: fc.record({ pattern: fc.string({ minLength: 1, maxLength: 20 }) }),
                },
                { weight: 1, arbitrary: fc.record({ eventId: fc.string(), pattern: fc.string() }) },
              ),
            ),
            session: mostly(fc.string({ minLength: 1, maxLength: 10 })),
            steps: mostly(fc.array(step, { minLength: 1, maxLength: 3 })),
          },
          { requiredKeys: ['match', 'steps'] },
        ),
        fc.oneof(
          { weight: 9, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), odd) },
        ),
      )
      .map(([body, extra]) => (extra === null ? body : { ...body, [extra[0]]: extra[1] }));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 3, arbitrary: scenario }, { weight: 1, arbitrary: almostJson }),
        async (body) => {
          const res = await api()
            .post('/__mock/scenarios')
            .set('content-type', 'application/json')
            .send(typeof body === 'string' ? body : JSON.stringify(body));
          const answer = toAnswer(res);
          expectWellFormed(answer);
          expect([201, 400]).toContain(answer.status);
          if (answer.status === 400) {
            const { detail } = JSON.parse(answer.body) as { detail: unknown };
            expect(typeof detail === 'string' || Array.isArray(detail)).toBe(true);
          } else await reset();
        },
      ),
      { seed: 0x5ce7, numRuns: 200 },
    );
    expect(errors).toEqual([]);
  });

  it('answers a body over 1 MiB with a JSON 413 and takes one just under it', async () => {
    const tooBig = JSON.stringify({
      ...LOGIN_FAILED_BODY,
      id: 'big',
      event_payload: 'x'.repeat(1_048_576),
    });
    for (const [method, path] of [
      ['put', '/__mock/fixtures/big'],
      ['post', '/__mock/scenarios'],
    ] as const) {
      const answer = toAnswer(
        await api()[method](path).set('content-type', 'application/json').send(tooBig),
      );
      expect(answer.status).toBe(413);
      expectWellFormed(answer);
    }
    const fits = { ...LOGIN_FAILED_BODY, id: 'big', event_payload: 'x'.repeat(1_000_000) };
    expect((await api().put('/__mock/fixtures/big').send(fits)).status).toBe(201);
    const served = toAnswer(await api().get(`${EVENTS}/big`).set('Authorization', AUTH));
    expectEventFor(served, 'big');
    await reset();
  });

  it.each([1_000, 10_000, 100_000])(
    'answers an admin body nested %i levels deep with a JSON 4xx or a success, never a 5xx',
    async (depth) => {
      const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const event = LOGIN_FAILED.replace('"evt_login_failed"', '"deep"').replace(
        /"event_payload": \{[^}]*\}/,
        `"event_payload": ${nested}`,
      );
      const scenario = `{"match":{"eventId":"deep"},"steps":[{"status":404,"body":{"detail":${nested}}}]}`;
      for (const [method, path, body] of [
        ['put', '/__mock/fixtures/deep', event],
        ['post', '/__mock/scenarios', scenario],
        ['post', '/__mock/scenarios', nested],
      ] as const) {
        const answer = toAnswer(
          await api()[method](path).set('content-type', 'application/json').send(body),
        );
        expectWellFormed(answer);
      }
      await reset();
    },
  );

  it.each([
    ['GET', '/__mock/fixtures/%zz'],
    ['GET', '/__mock/fixtures/%E0%A4%A'],
    ['PUT', '/__mock/fixtures/%'],
    ['DELETE', '/__mock/fixtures/%zz'],
    ['DELETE', '/__mock/scenarios/%C0%zz'],
  ])(
    'answers %s %s (a malformed percent-escape in the id) with a JSON 4xx',
    async (method, path) => {
      const client = request(url);
      const res = await client[method.toLowerCase() as 'get' | 'put' | 'delete'](path)
        .set('content-type', 'application/json')
        .send(method === 'PUT' ? LOGIN_FAILED : '');
      const answer = toAnswer(res);
      expectWellFormed(answer);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    },
  );

  it.each(['gzip', 'deflate', 'br'])(
    'answers a body declared %s that is not, with a JSON 4xx',
    async (encoding) => {
      const answer = toAnswer(
        await api()
          .post('/__mock/scenarios')
          .set('content-type', 'application/json')
          .set('content-encoding', encoding)
          .send('{"match":{"eventId":"x"},"steps":[{"status":503}]}'),
      );
      expectWellFormed(answer);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    },
  );

  it('serves back any run-time fixture id named in __example (preference-applied echoes it)', async () => {
    const event = { ...LOGIN_FAILED_BODY };
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), async (id) => {
        fc.pre(!id.includes('/'));
        await reset();
        const put = await api()
          .put(`/__mock/fixtures/${encodeURIComponent(id)}`)
          .send({ ...event, id });
        expect(put.status).toBe(201);
        const answer = toAnswer(
          await api()
            .get(`${EVENTS}/any?__example=${encodeURIComponent(id)}`)
            .set('Authorization', AUTH),
        );
        expectWellFormed(answer);
        expectEventFor(answer, id);
      }),
      { seed: 0xe8a, numRuns: 100 },
    );
  });

  it('serves a response fixture with any header value it accepted, or refuses the header', async () => {
    const value = fc.oneof(
      fc.constantFrom('東', 'a\u0000b', 'a\u007fb', 'é', 'plain'),
      fc.string({ unit: 'binary', maxLength: 10 }).filter((text) => !/[\r\n]/.test(text)),
    );
    const name = fc.constantFrom('x-custom', 'x-trace', 'warning');
    await fc.assert(
      fc.asyncProperty(name, value, async (header, text) => {
        await reset();
        const put = toAnswer(
          await api()
            .put('/__mock/fixtures/with-header')
            .send({ status: 404, body: { detail: 'gone' }, headers: { [header]: text } }),
        );
        expectWellFormed(put);
        if (put.status === 400) return;
        const answer = await exactRequest(port, `${EVENTS}/with-header`, {
          headers: { authorization: AUTH },
        });
        expectWellFormed(answer);
        expect(answer.status).toBe(404);
        expect(JSON.parse(answer.body)).toEqual({ detail: 'gone' });
        expect(answer.headers[header]).toBe(text.replace(/^[ \t]+|[ \t]+$/g, ''));
      }),
      { seed: 0x4ea0, numRuns: 100 },
    );
  });

  it.each([
    ['transfer-encoding', 'chunked'],
    ['content-length', '1'],
    ['connection', 'close'],
    ['content-type', 'text/plain'],
  ])(
    'keeps the answer well framed for a response fixture that sets %s: %s (or refuses it)',
    async (header, text) => {
      await reset();
      const put = toAnswer(
        await api()
          .put('/__mock/fixtures/framing')
          .send({ status: 404, body: { detail: 'gone' }, headers: { [header]: text } }),
      );
      expectWellFormed(put);
      if (put.status === 400) return;
      const reply = await rawExchange(
        port,
        rawGetRequest(`${EVENTS}/framing`, { Authorization: AUTH }),
      );
      const raw = reply.bytes.toString('latin1');
      const framing = [/\r\ncontent-length:/i.test(raw), /\r\ntransfer-encoding:/i.test(raw)];
      expect(framing, raw.slice(0, 300)).not.toEqual([true, true]);
      const [answer] = parseRawAnswers(reply.bytes);
      expect(answer?.status).toBe(404);
      expect(answer?.body).toBe('{"detail":"gone"}');
    },
  );
});

describe('limits answer in JSON', () => {
  const { logger } = recordingLogger();

  it('answers a URL of exactly the limit, and a JSON 414 one character past it', async () => {
    const app = await mockUrl({ logger });
    const prefix = `${EVENTS}/`;
    const at = `${prefix}${'u'.repeat(MAX_URL_LENGTH - prefix.length)}`;
    const fits = await request(app).get(at).set('Authorization', AUTH);
    expect(fits.status).toBe(200);
    const over = toAnswer(await request(app).get(`${at}u`).set('Authorization', AUTH));
    expect(over.status).toBe(414);
    expectWellFormed(over);
  });

  it('answers headers over 16 KiB with a JSON 431 (the app) and over 32 KiB too (the parser)', async () => {
    const { port } = await serveApp({ logger });
    for (const size of [MAX_HEADER_BYTES + 100, SERVER_LIMITS.parserHeaderBytes + 100]) {
      const reply = await rawExchange(
        port,
        rawGetRequest(`${EVENTS}/x`, { 'X-Big': 'h'.repeat(size) }),
      );
      const [answer] = parseRawAnswers(reply.bytes);
      expect(answer?.status).toBe(431);
      if (answer) expectWellFormed(answer);
    }
  });

  it('answers admin bodies over the configured admin.bodyLimit with a JSON 413', async () => {
    const app = await mockUrl({ logger, admin: { bodyLimit: 256 } });
    const answer = toAnswer(
      await request(app)
        .put('/__mock/fixtures/x')
        .send({ ...LOGIN_FAILED_BODY, id: 'x' }),
    );
    expect(answer.status).toBe(413);
    expectWellFormed(answer);
  });

  describe('run-time state bounded by limits: { fixtures: 3, scenarios: 2, sessions: 2 }', () => {
    const limited = () => mockUrl({ logger, limits: { fixtures: 3, scenarios: 2, sessions: 2 } });
    const put = (app: string, id: string, session?: string) => {
      const req = request(app).put(`/__mock/fixtures/${id}`);
      return (session === undefined ? req : req.set('X-Mock-Session', session)).send({
        ...LOGIN_FAILED_BODY,
        id,
      });
    };
    const scenario = (app: string, session?: string) => {
      const req = request(app).post('/__mock/scenarios');
      return (session === undefined ? req : req.set('X-Mock-Session', session)).send({
        match: { eventId: 'x' },
        steps: [{ status: 503 }],
      });
    };
    const expect429 = (res: Response) => {
      expect(res.status).toBe(429);
      expectWellFormed(toAnswer(res));
    };

    it('takes 3 run-time fixtures per session, then answers a JSON 429 (replacing one still works)', async () => {
      const app = await limited();
      for (const id of ['f1', 'f2', 'f3']) expect((await put(app, id)).status).toBe(201);
      expect429(await put(app, 'f4'));
      expect((await put(app, 'f2')).status).toBe(200);
      for (const id of ['f1', 'f2', 'f3']) expect((await put(app, id, 's1')).status).toBe(201);
      expect429(await put(app, 'f4', 's1'));
      const notStored = await request(app).get(`${EVENTS}/f4`).set('Authorization', AUTH);
      expect(JSON.parse(notStored.text)).toHaveProperty('id', 'f4');
    });

    it('takes 2 scenarios per session, then answers a JSON 429', async () => {
      const app = await limited();
      expect((await scenario(app)).status).toBe(201);
      expect((await scenario(app)).status).toBe(201);
      expect429(await scenario(app));
      expect((await scenario(app, 's1')).status).toBe(201);
      expect((await scenario(app, 's1')).status).toBe(201);
      expect429(await scenario(app, 's1'));
    });

    it('takes 2 sessions, answers a JSON 429 for a third, and takes it once one is reset', async () => {
      const app = await limited();
      expect((await put(app, 'f1', 's1')).status).toBe(201);
      expect((await scenario(app, 's2')).status).toBe(201);
      expect429(await scenario(app, 's3'));
      expect429(await put(app, 'f1', 's3'));
      const reset = await request(app).post('/__mock/reset').set('X-Mock-Session', 's1');
      expect(reset.status).toBe(204);
      expect((await put(app, 'f1', 's3')).status).toBe(201);
    });

    it('does not count the global (session-less) run-time state as one of the 2 sessions', async () => {
      const app = await limited();
      expect((await put(app, 'global')).status).toBe(201);
      expect((await put(app, 'f1', 's1')).status).toBe(201);
      expect((await put(app, 'f1', 's2')).status).toBe(201);
      expect429(await put(app, 'f1', 's3'));
    });
  });

  it('keeps a journal of at most limits.journal entries', async () => {
    const app = await mockUrl({ logger, limits: { journal: 5 } });
    for (let index = 0; index < 12; index += 1)
      await request(app).get(`${EVENTS}/j${index}`).set('Authorization', AUTH);
    const entries = JSON.parse((await request(app).get('/__mock/requests')).text) as unknown[];
    expect(entries).toHaveLength(5);
  });

  it('sets header, request and keep-alive timeouts on the HTTP server', async () => {
    const server = createHttpServer((_req, res) => res.end());
    expect(SERVER_LIMITS).toEqual({
      parserHeaderBytes: 32_768,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      timeoutCheckMs: 500,
    });
    expect(server.headersTimeout).toBe(SERVER_LIMITS.headersTimeoutMs);
    expect(server.requestTimeout).toBe(SERVER_LIMITS.requestTimeoutMs);
    expect(server.keepAliveTimeout).toBe(SERVER_LIMITS.keepAliveTimeoutMs);
    expect(server.listenerCount('clientError')).toBe(1);
    // startServer uses that server: its keep-alive answers announce the 5 s idle limit.
    const mock = await startServer({ port: 0, logger });
    try {
      const reply = await rawExchange(
        mock.port,
        `GET ${EVENTS}/k HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${AUTH}\r\n\r\n`,
      );
      expect(reply.bytes.toString('latin1')).toMatch(/\r\nKeep-Alive: timeout=5\r\n/i);
    } finally {
      await mock.close();
    }
  });
});
