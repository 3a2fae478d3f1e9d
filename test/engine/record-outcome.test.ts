import { describe, expect, it } from 'vitest';
import type { MockOptions } from '../../src/config/mock-options.js';
import { outcomeCatalog } from '../../src/contract/outcome-catalog.js';
import type { Answer } from '../../src/core/answer.js';
import type { MockRequest } from '../../src/core/mock-request.js';
import { classifyAnswer } from '../../src/engine/classify-answer.js';
import type { CredentialKind } from '../../src/engine/credential-kind.js';
import { credentialKind } from '../../src/engine/credential-kind.js';
import type { Engine } from '../../src/engine/engine.js';
import { recordOutcome } from '../../src/engine/record-outcome.js';
import { testEngine } from '../helpers/engine.js';

const EVENTS = '/v1/audit/events';
const AUTH = { authorization: 'Bearer any-token' };
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

let sessions = 0;

/** Answers one request, records it in a session of its own, and gives what that session met. */
function met(
  target: string,
  headers: Readonly<Record<string, string>> = AUTH,
  method: string = 'GET',
  options: MockOptions = {},
) {
  const engine = engineFor(options);
  const session = `s${(sessions += 1)}`;
  const request: MockRequest = {
    method,
    target,
    headers: { host: 'mock.test', 'x-mock-session': session, ...headers },
  };
  recordOutcome(engine, request, engine.handle(request), new Date(0));
  const catalog = outcomeCatalog(engine.contract);
  const counts = engine.coverage.tally(session)?.counts ?? [];
  const ids = catalog.outcomes.filter((_, index) => (counts[index] ?? 0) > 0).map((o) => o.id);
  return {
    ids: ids.filter((id) => !id.startsWith('field-')),
    fields: ids.filter((id) => id.startsWith('field-')),
    interactions: engine.interactions.list(session),
  };
}

/** A request (path, headers, method) and the outcomes other than fields it must meet, exactly. */
type Row = [
  name: string,
  target: string,
  headers: Readonly<Record<string, string>>,
  outcomes: readonly string[],
  method?: string,
];

describe('what an answered request is counted as', () => {
  it.each([
    [
      'a fixture',
      `${EVENTS}/evt_minimal_system`,
      AUTH,
      ['200-event', 'auth-bearer', 'mock-fixture'],
    ],
    ['a generated event', `${EVENTS}/gen-1`, AUTH, ['200-event', 'auth-bearer', 'mock-generated']],
    [
      'an API key',
      `${EVENTS}/gen-1`,
      { 'x-api-key': 'k' },
      ['200-event', 'auth-api-key', 'mock-generated'],
    ],
    [
      'a rejected API key',
      `${EVENTS}/x`,
      { 'x-api-key': 'invalid' },
      ['401-invalid-credentials', 'auth-rejected-credentials'],
    ],
    [
      'another scheme with an API key',
      `${EVENTS}/gen-1`,
      { authorization: 'Basic x', 'x-api-key': 'k' },
      ['200-event', 'auth-api-key', 'mock-generated'],
    ],
    [
      'an empty API key',
      `${EVENTS}/x`,
      { 'x-api-key': '' },
      ['401-not-authenticated', 'auth-no-credentials'],
    ],
    [
      'a pinned 500',
      `${EVENTS}/evt_server_error`,
      AUTH,
      ['500-internal-error', 'auth-bearer', 'mock-response-fixture'],
    ],
    [
      'a pinned 422',
      `${EVENTS}/evt_unprocessable`,
      AUTH,
      ['422-validation-error', 'auth-bearer', 'mock-response-fixture'],
    ],
    [
      'a pinned delay',
      `${EVENTS}/evt_slow`,
      AUTH,
      ['200-event', 'auth-bearer', 'mock-response-fixture', 'mock-delay'],
    ],
    [
      'a named example',
      `${EVENTS}/x?__example=evt_login_failed`,
      AUTH,
      ['200-event', 'auth-bearer', 'mock-fixture', 'mock-preference'],
    ],
    [
      'a forced 401 with a token',
      `${EVENTS}/x`,
      { ...AUTH, prefer: 'code=401' },
      ['401-not-authenticated', 'auth-bearer', 'mock-preference'],
    ],
    [
      'a malformed body',
      `${EVENTS}/x`,
      { ...AUTH, prefer: 'fault=malformed-body' },
      ['mock-preference', 'fault-malformed-body'],
    ],
    [
      'an empty response',
      `${EVENTS}/x`,
      { ...AUTH, prefer: 'fault=empty-response' },
      ['mock-preference', 'fault-empty-response'],
    ],
    [
      'a slow body (the consumer gets it all)',
      `${EVENTS}/evt_login_failed`,
      { ...AUTH, prefer: 'fault=slow-body' },
      ['200-event', 'auth-bearer', 'mock-fixture', 'mock-preference', 'fault-slow-body'],
    ],
    [
      'a browser origin',
      `${EVENTS}/evt_login_failed`,
      { ...AUTH, origin: 'http://localhost:5173' },
      ['200-event', 'auth-bearer', 'cors-actual-response', 'mock-fixture'],
    ],
    ['HEAD on the route', `${EVENTS}/x`, AUTH, ['405-method-not-allowed'], 'HEAD'],
  ] satisfies Row[])('%s', (_, target, headers, expected, method?: string) => {
    expect(met(target, headers, method).ids).toEqual(expected);
  });

  it('a fixture counts each nullable field as it is, and its payload kind', () => {
    expect(met(`${EVENTS}/evt_payload_string`).fields).toContain('field-event_payload-scalar');
    const all = met(`${EVENTS}/evt_all_fields_set`).fields;
    expect(all.filter((id) => id.endsWith('-null'))).toEqual([]);
    expect(all).toHaveLength(19);
  });

  it('a chaos failure counts as chaos, with what it answered', () => {
    const { ids } = met(`${EVENTS}/gen-2`, AUTH, 'GET', { chaos: 1 });
    expect(ids).toContain('mock-chaos');
    expect(ids.filter((id) => id.startsWith('mock-') || id.startsWith('fault-'))).not.toContain(
      'mock-generated',
    );
  });

  it('without credential checks (--auth none) no authentication outcome counts', () => {
    expect(met(`${EVENTS}/gen-1`, {}, 'GET', { auth: { mode: 'none' } }).ids).toEqual([
      '200-event',
      'mock-generated',
    ]);
  });

  it('FastAPI’s built-in pages are requests, but no outcome of the operation nor of the pact', () => {
    const engine = engineFor();
    const before = engine.coverage.tally()?.requests ?? 0;
    const { ids, interactions } = met('/openapi.json', {});
    expect([ids, interactions]).toEqual([[], []]);
    expect(engine.coverage.tally()?.requests).toBe(before + 1);
  });

  it('a refused preflight counts as one', () => {
    const preflight = { origin: 'http://evil.example', 'access-control-request-method': 'GET' };
    expect(
      met(`${EVENTS}/x`, preflight, 'OPTIONS', { cors: { origins: ['http://ok.example'] } }).ids,
    ).toEqual(['cors-preflight-refused']);
  });
});

describe('classifyAnswer, on answers the mock rarely gives', () => {
  const engine = engineFor();
  const catalog = outcomeCatalog(engine.contract);
  const ids = (answer: Answer, credential: CredentialKind | null = null) =>
    classifyAnswer({ method: 'GET', target: '/', headers: {} }, answer, credential, catalog).map(
      (index) => catalog.outcomes[index]?.id,
    );
  const json = { 'content-type': 'application/json' };

  it.each([
    ['the router’s own 500 is a defect', { status: 500, source: 'router' }, ['mock-defect']],
    [
      'a contract violation is a defect',
      { status: 500, source: 'contract-violation' },
      ['mock-defect'],
    ],
    ['a JSON 500 of a scenario', { status: 500, source: 'scenario' }, ['other-status']],
    ['a 409 of a scenario', { status: 409, source: 'scenario' }, ['other-status']],
    ['a 502', { status: 502, source: 'forced' }, ['502-bad-gateway']],
    ['a 504', { status: 504, source: 'forced' }, ['504-gateway-timeout']],
  ] as const)('%s', (_, shape, expected) => {
    expect(ids({ ...shape, headers: json, body: Buffer.from('{"detail":"x"}') })).toEqual(expected);
  });

  it('a 200 body that is not an event covers no field', () => {
    const answer: Answer = {
      status: 200,
      source: 'scenario',
      headers: json,
      body: Buffer.from('['),
    };
    expect(ids(answer, 'bearer')).toEqual(['200-event', 'auth-bearer']);
  });

  it('reads a body once per buffer', () => {
    const body = Buffer.from(JSON.stringify({ id: 'x', vm_id: null }));
    const answer: Answer = { status: 200, source: 'fixture', headers: json, body };
    const first = ids(answer);
    body.write('[', 0);
    expect(ids(answer)).toEqual(first);
    expect(first).toContain('field-vm_id-null');
  });
});

describe('credentialKind', () => {
  const auth = engineFor().options.auth;
  it.each([
    [{}, 'none'],
    [{ authorization: 'Bearer t' }, 'bearer'],
    [{ authorization: 'bearer t' }, 'bearer'],
    [{ authorization: 'Bearer' }, 'empty-token'],
    [{ authorization: 'Bearer expired' }, 'expired-token'],
    [{ authorization: 'Bearer invalid' }, 'rejected'],
    [{ authorization: 'Token t' }, 'other-scheme'],
    [{ authorization: 'Token t', 'x-api-key': 'k' }, 'api-key'],
    [{ 'x-api-key': 'expired' }, 'rejected'],
  ] as const)('%j is %s', (headers, kind) => {
    expect(credentialKind(headers, 'X-API-Key', auth)).toBe(kind);
  });

  it('an accept list rejects every other token', () => {
    const only = { ...auth, accept: ['ci'] };
    expect(credentialKind({ authorization: 'Bearer ci' }, 'X-API-Key', only)).toBe('bearer');
    expect(credentialKind({ authorization: 'Bearer other' }, 'X-API-Key', only)).toBe('rejected');
  });

  it('bearer-only ignores an API key; none checks nothing', () => {
    const key = { 'x-api-key': 'k' };
    expect(credentialKind(key, 'X-API-Key', { ...auth, mode: 'bearer-only' })).toBe('none');
    expect(credentialKind(key, 'X-API-Key', { ...auth, mode: 'none' })).toBe('unchecked');
    expect(credentialKind(key, undefined, auth)).toBe('none');
  });
});

describe('the interaction kept for the pact', () => {
  it('has placeholders for the credentials, and no controls', () => {
    const [kept] = met(`${EVENTS}/x?a=1&__code=404&__delay=5`, {
      authorization: 'Bearer secret',
      'x-api-key': 'secret-key',
      accept: '*/*',
    }).interactions;
    expect(kept).toMatchObject({
      method: 'GET',
      path: `${EVENTS}/x`,
      query: 'a=1',
      requestHeaders: {
        authorization: 'Bearer pact-example-token',
        'x-api-key': 'pact-example-key',
      },
      credential: 'bearer',
      eventId: 'x',
      status: 404,
      generated: false,
    });
  });

  it.each([
    [{ authorization: 'Bearer' }, { authorization: 'Bearer' }],
    [{ authorization: 'Bearer expired' }, { authorization: 'Bearer expired' }],
    [{ authorization: 'Bearer revoked-by-accept-list' }, { authorization: 'Bearer invalid' }],
    [{ 'x-api-key': 'invalid' }, { 'x-api-key': 'invalid' }],
    [{ authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Basic cGFjdDpleGFtcGxl' }],
    [{ 'x-api-key': '' }, { 'x-api-key': '' }],
    [{ accept: 'application/json' }, { accept: 'application/json' }],
  ] as const)('sends %j as %j', (sent, kept) => {
    const options = { auth: { reject: ['revoked-by-accept-list'] } };
    const [interaction] = met(`${EVENTS}/x`, sent, 'GET', options).interactions;
    expect(interaction?.requestHeaders).toEqual(kept);
  });

  it('keeps no body for HEAD, and names an unusual method in its shape', () => {
    expect(met(`${EVENTS}/x`, AUTH, 'HEAD').interactions[0]?.body).toBeUndefined();
    expect(met(`${EVENTS}/x`, AUTH, 'PROPFIND').interactions[0]?.shapeKey).toMatch(/ PROPFIND$/);
  });

  it.each([
    ['a broken connection', { ...AUTH, prefer: 'fault=connection-reset' }],
    ['a malformed preference', { ...AUTH, prefer: 'code=299' }],
  ])('leaves out %s', (_, headers) => {
    expect(met(`${EVENTS}/x`, headers).interactions).toEqual([]);
  });

  it('keeps the slow and the delayed answers (their bodies arrive whole)', () => {
    expect(met(`${EVENTS}/x`, { ...AUTH, prefer: 'fault=slow-body' }).interactions).toHaveLength(1);
  });
});

describe('a session picked without the header', () => {
  it.each([
    [
      'a /__session/<key> path prefix',
      (key: string): [string, Record<string, string>] => [
        `/__session/${key}${EVENTS}/x?limit=1`,
        {},
      ],
    ],
    [
      'a mock-session cookie',
      (key: string): [string, Record<string, string>] => [
        `${EVENTS}/x?limit=1`,
        { cookie: `a=1; mock-session=${key}` },
      ],
    ],
  ] as const)(
    'counts in that session, and the pact has the path the provider would get (%s)',
    (_, sent) => {
      const engine = engineFor();
      const session = `browser-${(sessions += 1)}`;
      const [target, headers] = sent(session);
      const request: MockRequest = {
        method: 'GET',
        target,
        headers: { host: 'mock.test', ...AUTH, ...headers },
      };
      recordOutcome(engine, request, engine.handle(request), new Date(0));
      expect(engine.coverage.tally(session)?.requests).toBe(1);
      const [interaction] = engine.interactions.list(session);
      expect(interaction).toMatchObject({
        path: `${EVENTS}/x`,
        query: 'limit=1',
        session,
        status: 200,
      });
      expect(interaction?.requestHeaders).not.toHaveProperty('cookie');
    },
  );
});
