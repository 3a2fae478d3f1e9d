import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import type { Fault } from '../../src/core/fault.js';
import type { MockRequest } from '../../src/core/mock-request.js';
import type { CredentialKind } from '../../src/engine/credential-kind.js';
import {
  EXAMPLE_API_KEY,
  EXAMPLE_TOKEN,
  recordInteraction,
} from '../../src/engine/record-interaction.js';
import { MAX_INTERACTION_BODY } from '../../src/state/interaction-log.js';
import { testEngine } from '../helpers/engine.js';

const log = testEngine().interactions;
const EVENT = '/v1/audit/events/x';
const JSON_TYPE = { 'content-type': 'application/json' };
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const CREDENTIALS: readonly (CredentialKind | null)[] = [
  null,
  'unchecked',
  'bearer',
  'api-key',
  'none',
  'other-scheme',
  'empty-token',
  'expired-token',
  'rejected',
];

interface Exchange {
  readonly method?: string;
  readonly target?: string;
  readonly headers?: MockRequest['headers'];
  readonly answer?: Partial<Answer>;
  readonly credential?: CredentialKind | null;
  readonly outcomes?: readonly number[];
  readonly apiKeyHeader?: string | undefined;
}

let sessions = 0;

/** Records each exchange in one fresh session, and gives the interactions it kept. */
function kept(...exchanges: readonly Exchange[]) {
  const session = `record-${(sessions += 1)}`;
  for (const exchange of exchanges) {
    const answer: Answer = {
      status: 200,
      headers: JSON_TYPE,
      body: Buffer.from('{"id":"x"}'),
      source: 'fixture',
      ...exchange.answer,
    };
    recordInteraction(
      log,
      {
        method: exchange.method ?? 'GET',
        target: exchange.target ?? EVENT,
        headers: exchange.headers ?? {},
      },
      answer,
      {
        session,
        eventId: 'x',
        credential: exchange.credential ?? null,
        outcomes: exchange.outcomes ?? [0],
        apiKeyHeader: 'apiKeyHeader' in exchange ? exchange.apiKeyHeader : 'X-API-Key',
      },
    );
  }
  return log.list(session);
}

describe('which exchanges leave an interaction in the pact', () => {
  it.each<[string, Partial<Answer>, number]>([
    ['a fixture', {}, 1],
    ['a slow body (it arrives whole)', { fault: 'slow-body' }, 1],
    ...(['connection-reset', 'empty-response', 'malformed-body'] as Fault[]).map(
      (fault): [string, Partial<Answer>, number] => [`a ${fault}`, { fault }, 0],
    ),
    ['a bad preference', { status: 400, source: 'preferences' }, 0],
    ['a contract violation', { status: 500, source: 'contract-violation' }, 0],
    ['FastAPI’s own page', { source: 'provider-route' }, 0],
    ['the router’s JSON 500', { status: 500, source: 'router' }, 0],
    ['the router’s 307', { status: 307, source: 'router' }, 0],
    ['the router’s 404', { status: 404, source: 'router' }, 1],
    ['the router’s 405', { status: 405, source: 'router' }, 1],
    ['a 500 of a scenario', { status: 500, source: 'scenario' }, 1],
    ['a 307 of a response fixture', { status: 307, source: 'response-fixture' }, 1],
    ['a preflight', { status: 200, source: 'cors' }, 1],
  ])('%s', (_, answer, count) => {
    expect(kept({ answer })).toHaveLength(count);
  });
});

describe('what makes two exchanges distinct interactions', () => {
  it.each<[string, Exchange, Exchange, number]>([
    ['the same exchange twice', {}, {}, 1],
    ['another body', {}, { answer: { body: Buffer.from('{"id":"y"}') } }, 2],
    ['the same body in another buffer', {}, { answer: { body: Buffer.from('{"id":"x"}') } }, 1],
    [
      'two generated events',
      { answer: { covers: [], body: Buffer.from('{"id":"a"}') } },
      { answer: { covers: [], body: Buffer.from('{"id":"b"}') } },
      1,
    ],
    ['another status outcome', { outcomes: [3] }, { outcomes: [4] }, 2],
    ['no outcome and the first', { outcomes: [] }, { outcomes: [1] }, 2],
    ['the same first outcome', { outcomes: [2, 5] }, { outcomes: [2, 6] }, 1],
    ['an origin', {}, { headers: { origin: 'https://app.test' } }, 2],
    [
      'another origin',
      { headers: { origin: 'https://a.test' } },
      { headers: { origin: 'https://b.test' } },
      1,
    ],
    ['a query', {}, { target: `${EVENT}?a=1` }, 2],
    ['query values', { target: `${EVENT}?a=1&b=2` }, { target: `${EVENT}?b=3&a=4` }, 1],
    ['query names', { target: `${EVENT}?a=1` }, { target: `${EVENT}?b=1` }, 2],
    ['names run together', { target: `${EVENT}?a=1&b=2` }, { target: `${EVENT}?ab=1` }, 2],
    ['a control in the query', {}, { target: `${EVENT}?__code=404&__duration=5` }, 1],
    ['another path, same shape', {}, { target: '/v1/audit/events/y' }, 1],
    ['an unusual method', { method: 'PROPFIND' }, { method: 'MKCOL' }, 2],
  ])('%s', (_, first, second, count) => {
    expect(kept(first, second)).toHaveLength(count);
  });

  /** Every combination, as exchanges (a session keeps at most 200 interactions). */
  function combinations(
    outcomes: readonly number[],
    credentials: readonly (CredentialKind | null)[],
    methods: readonly string[],
  ): Exchange[] {
    return outcomes.flatMap((outcome) =>
      credentials.flatMap((credential) =>
        methods.flatMap((method) =>
          [{}, { origin: 'https://app.test' }].map((headers) => ({
            method,
            credential,
            outcomes: [outcome],
            headers,
          })),
        ),
      ),
    );
  }

  it.each([
    ['every outcome and credential', combinations([0, 1, 16, 17], CREDENTIALS, ['GET', 'HEAD'])],
    ['every method', combinations([0, 1], [null, 'bearer', 'rejected'], [...METHODS, 'PROPFIND'])],
  ])('%s, with and without an origin, is an interaction of its own', (_, exchanges) => {
    expect(kept(...exchanges)).toHaveLength(exchanges.length);
  });

  it('names only an unusual method in its key; a generated event is keyed as one', () => {
    const known = kept(...METHODS.map((method) => ({ method })));
    expect(known.filter(({ shapeKey }) => shapeKey.includes(' '))).toEqual([]);
    expect(kept({ method: 'PROPFIND' })[0]?.shapeKey).toMatch(/ PROPFIND$/);
    expect(kept({ answer: { covers: [] } })[0]?.shapeKey).toBe('generated');
  });
});

describe('the interaction kept', () => {
  it('holds the request as the provider sees it, and the contract’s response headers', () => {
    const provided = {
      accept: 'application/json',
      origin: 'https://app.test',
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization',
    };
    const response = {
      'content-type': 'application/json',
      'www-authenticate': 'Bearer',
      'retry-after': '5',
      allow: 'GET',
      location: 'http://mock.test/v1/audit/events',
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET',
      'access-control-allow-headers': 'authorization',
      'access-control-max-age': '600',
    };
    const body = Buffer.from('{"id":"x"}');
    const [interaction] = kept({
      target: `${EVENT}?b=2&__code=404&a=1&__duration=5`,
      headers: { ...provided, 'user-agent': 'test', 'x-mock-session': 'blue' },
      answer: {
        headers: { ...response, 'x-request-id': 'r', 'preference-applied': 'code=404' },
        body,
      },
    });
    expect(interaction).toMatchObject({
      method: 'GET',
      path: EVENT,
      query: 'b=2&a=1',
      credential: null,
      eventId: 'x',
      status: 200,
      generated: false,
      source: 'fixture',
      outcomes: [0],
    });
    expect(interaction?.requestHeaders).toStrictEqual(provided);
    expect(interaction?.responseHeaders).toStrictEqual(response);
    expect(interaction?.body).toEqual(body);
    expect(interaction?.body).not.toBe(body);
  });

  it('keeps the path whole without a query, and leaves out a default accept', () => {
    const [interaction] = kept({ headers: { accept: '*/*' } });
    expect([interaction?.path, interaction?.query, interaction?.requestHeaders]).toStrictEqual([
      EVENT,
      '',
      {},
    ]);
  });

  it('keeps an empty query as none', () => {
    const [interaction] = kept({ target: `${EVENT}?` });
    expect([interaction?.path, interaction?.query]).toStrictEqual([EVENT, '']);
  });

  it('keeps a generated event as generated', () => {
    expect(kept({ answer: { covers: [] } })[0]?.generated).toBe(true);
  });

  it.each([
    ['GET', 1, true],
    ['HEAD', 1, false],
    ['GET', MAX_INTERACTION_BODY, true],
    ['GET', MAX_INTERACTION_BODY + 1, false],
  ] as const)('a %s answer of %i bytes keeps its body: %s', (method, size, has) => {
    const [interaction] = kept({ method, answer: { body: Buffer.alloc(size, 0x20) } });
    expect(interaction?.body?.length).toBe(has ? size : undefined);
  });
});

describe('the credentials an interaction holds', () => {
  it.each<[string, Exchange, Record<string, string>]>([
    [
      'a bearer token as a placeholder',
      { headers: { authorization: 'Bearer secret' }, credential: 'bearer' },
      { authorization: `Bearer ${EXAMPLE_TOKEN}` },
    ],
    [
      'another scheme, its credentials as a placeholder',
      { headers: { authorization: 'Basic c2VjcmV0' }, credential: 'other-scheme' },
      { authorization: 'Basic cGFjdDpleGFtcGxl' },
    ],
    [
      'an API key as a placeholder',
      { headers: { 'x-api-key': 'secret' }, credential: 'api-key' },
      { 'x-api-key': EXAMPLE_API_KEY },
    ],
    [
      'an empty API key as it is',
      { headers: { 'x-api-key': '' }, credential: 'none' },
      { 'x-api-key': '' },
    ],
    ['no API key: none', { credential: 'none' }, {}],
    [
      'without an API key header in the contract',
      { apiKeyHeader: undefined, credential: 'none' },
      {},
    ],
    [
      'a rejected token as an invalid one',
      { headers: { authorization: 'Bearer secret' }, credential: 'rejected' },
      { authorization: 'Bearer invalid' },
    ],
    [
      'a rejected API key as an invalid one',
      { headers: { 'x-api-key': 'secret' }, credential: 'rejected' },
      { 'x-api-key': 'invalid' },
    ],
    [
      'a rejected API key, without an API key header in the contract',
      { apiKeyHeader: undefined, credential: 'rejected' },
      {},
    ],
    [
      'an empty token',
      { headers: { authorization: 'Bearer ' }, credential: 'empty-token' },
      { authorization: 'Bearer' },
    ],
    [
      'an expired token',
      { headers: { authorization: 'Bearer old' }, credential: 'expired-token' },
      { authorization: 'Bearer expired' },
    ],
  ])('%s', (_, exchange, headers) => {
    expect(kept(exchange)[0]?.requestHeaders).toStrictEqual(headers);
  });
});
