import { describe, expect, it } from 'vitest';
import { serveMock } from './helpers/serve-mock.js';

const EVENTS = '/v1/audit/events';
const TOKEN = 'Bearer consumer-secret-token';

interface Interaction {
  description: string;
  type?: string;
  pending?: boolean;
  providerStates?: { name: string; params?: Record<string, unknown> }[];
  request: {
    method: string;
    path: string;
    query?: Record<string, string[]>;
    headers: Record<string, string | string[]>;
    matchingRules?: { header?: Record<string, { matchers: Record<string, unknown>[] }> };
  };
  response: {
    status: number;
    headers: Record<string, string | string[]>;
    body?: unknown;
    matchingRules?: {
      body?: Record<string, { matchers: Record<string, unknown>[] }>;
      header?: Record<string, { matchers: Record<string, unknown>[] }>;
    };
  };
}
interface Pact {
  consumer: { name: string };
  provider: { name: string };
  interactions: Interaction[];
  metadata: { pactSpecification: { version: string } };
}

/** A fresh mock, the requests of a session sent to it, and its pact of that session. */
async function pactOf(
  requests: readonly [string, Readonly<Record<string, string>>, string?][],
  query = '',
  session = 'suite',
): Promise<{ pact: Pact; text: string; url: string }> {
  const { url } = await serveMock();
  for (const [path, headers, method = 'GET'] of requests) {
    try {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { ...headers, 'x-mock-session': session },
        redirect: 'manual',
      });
      await res.arrayBuffer();
    } catch {
      // A fault asked for.
    }
  }
  const res = await fetch(`${url}/__mock/pact${query}`, { headers: { 'x-mock-session': session } });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { pact: JSON.parse(text) as Pact, text, url };
}

describe('GET /__mock/pact', () => {
  it('writes a V3 pact between the named consumer and provider', async () => {
    const { pact } = await pactOf([[`${EVENTS}/x`, {}]], '?consumer=audit-web&provider=audit-api');
    expect(pact.consumer).toEqual({ name: 'audit-web' });
    expect(pact.provider).toEqual({ name: 'audit-api' });
    expect(pact.metadata.pactSpecification.version).toBe('3.0.0');
    expect(pact.interactions).toEqual([
      {
        description: `GET ${EVENTS}/x: 401 {"detail":"Not authenticated"}, www-authenticate: Bearer (credentials: none)`,
        request: { method: 'GET', path: `${EVENTS}/x`, headers: {} },
        response: {
          status: 401,
          headers: { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Bearer' },
          body: { detail: 'Not authenticated' },
        },
      },
    ]);
  });

  it('leaves out the mock’s own controls and never writes the credentials sent', async () => {
    const { pact, text } = await pactOf([
      [`${EVENTS}/x?include=all&__code=404`, { authorization: TOKEN, prefer: 'code=500' }],
      [`${EVENTS}/y`, { 'x-api-key': 'consumer-secret-key', prefer: 'code=503' }],
    ]);
    expect(text).not.toMatch(/consumer-secret|__code|prefer|x-mock-session|suite/i);
    const [byToken, byKey] = pact.interactions;
    expect(byToken?.request).toEqual({
      method: 'GET',
      path: `${EVENTS}/x`,
      query: { include: ['all'] },
      headers: { Authorization: 'Bearer pact-example-token' },
      matchingRules: {
        header: {
          Authorization: { combine: 'AND', matchers: [{ match: 'regex', regex: '^Bearer .+$' }] },
        },
      },
    });
    expect(byToken?.response.status).toBe(404);
    expect(byKey?.request.headers).toEqual({ 'X-API-Key': 'pact-example-key' });
    expect(byKey?.request.matchingRules?.header?.['X-API-Key']?.matchers).toEqual([
      { match: 'regex', regex: '^.+$' },
    ]);
  });

  it('names provider states after how each outcome arises', async () => {
    const bearer = { authorization: TOKEN };
    const { pact } = await pactOf([
      [`${EVENTS}/evt_login_failed`, bearer],
      [`${EVENTS}/evt_not_found`, bearer],
      [`${EVENTS}/x`, { authorization: 'Bearer expired' }],
      [`${EVENTS}/x`, { authorization: 'Bearer invalid' }],
      [`${EVENTS}/x`, { ...bearer, prefer: 'code=403' }],
      [`${EVENTS}/x`, { ...bearer, prefer: 'code=422' }],
      [`${EVENTS}/x`, { ...bearer, prefer: 'code=429' }],
      [`${EVENTS}/x`, { ...bearer, prefer: 'code=500' }],
      [`${EVENTS}/x`, { ...bearer, prefer: 'code=502' }],
      [`${EVENTS}/x`, { ...bearer, prefer: 'code=503' }],
      [`${EVENTS}/x`, { ...bearer, prefer: 'code=504' }],
      [`${EVENTS}/x`, {}],
      ['/v1/audit/nope', bearer],
    ]);
    expect(pact.interactions.map((interaction) => interaction.providerStates?.[0]?.name)).toEqual([
      'audit event evt_login_failed exists',
      'no audit event evt_not_found',
      'the token is expired',
      'the credentials are invalid',
      'the client may not read audit event x',
      'the event id x does not validate',
      'the client is rate limited',
      'the provider fails with an unhandled error',
      'the gateway cannot reach the provider',
      'the provider is unavailable',
      'the provider does not answer the gateway in time',
      undefined,
      undefined,
    ]);
    expect(pact.interactions[1]?.providerStates).toEqual([
      { name: 'no audit event evt_not_found', params: { event_id: 'evt_not_found' } },
    ]);
  });

  it('pins a fixture’s values, and matches a generated event’s by type: one interaction for any id', async () => {
    const bearer = { authorization: TOKEN };
    const { pact } = await pactOf([
      [`${EVENTS}/evt_login_failed`, bearer],
      [`${EVENTS}/generated-1`, bearer],
      [`${EVENTS}/generated-2`, bearer],
    ]);
    expect(pact.interactions).toHaveLength(2);
    const [fixture, generated] = pact.interactions;
    expect(fixture?.response.matchingRules).toBeUndefined();
    expect(fixture?.providerStates?.[0]?.params?.['event']).toEqual(fixture?.response.body);
    const rules = generated?.response.matchingRules?.body ?? {};
    expect(rules['$.id']).toBeUndefined();
    expect(rules['$.created_at']?.matchers[0]).toMatchObject({ match: 'regex' });
    expect(rules['$.event_type']?.matchers).toEqual([{ match: 'type' }]);
    expect(Object.keys(rules)).toHaveLength(25);
    expect(generated?.request.path).toBe(`${EVENTS}/generated-1`);
  });

  it('writes V4: typed interactions, header values as lists, bodies with their content type', async () => {
    const { pact } = await pactOf(
      [
        [`${EVENTS}/x`, { authorization: TOKEN, prefer: 'code=500' }],
        [`${EVENTS}/x`, { authorization: TOKEN }, 'DELETE'],
      ],
      '?version=4',
    );
    expect(pact.metadata.pactSpecification.version).toBe('4.0');
    expect(pact.interactions[0]).toMatchObject({
      type: 'Synchronous/HTTP',
      pending: false,
      request: { headers: { Authorization: ['Bearer pact-example-token'] } },
      response: {
        status: 500,
        headers: { 'Content-Type': ['text/plain; charset=utf-8'] },
        body: { content: 'Internal Server Error', contentType: 'text/plain', encoded: false },
      },
    });
    expect(pact.interactions[1]?.response.headers['Allow']).toEqual(['GET']);
  });

  it('leaves out what a pact cannot hold: broken connections, redirects, the mock’s own 400s', async () => {
    const { pact } = await pactOf([
      [`${EVENTS}/x`, { authorization: TOKEN, prefer: 'fault=connection-reset' }],
      [`${EVENTS}/x`, { authorization: TOKEN, prefer: 'fault=malformed-body' }],
      [`${EVENTS}/x/`, {}],
      [`${EVENTS}/x`, { authorization: TOKEN, prefer: 'code=299' }],
    ]);
    expect(pact.interactions).toEqual([]);
  });

  it('is the session’s own; without a session, every session’s, each interaction once', async () => {
    const { url } = await serveMock();
    const send = (session: string, path: string) =>
      fetch(`${url}${path}`, { headers: { 'x-mock-session': session } }).then((res) =>
        res.arrayBuffer(),
      );
    await send('a', `${EVENTS}/x`);
    await send('b', `${EVENTS}/x`);
    await send('b', '/v1/audit/nope');
    const pact = async (session?: string) =>
      (
        (await (
          await fetch(`${url}/__mock/pact`, {
            headers: session === undefined ? {} : { 'x-mock-session': session },
          })
        ).json()) as Pact
      ).interactions.map((interaction) => interaction.response.status);
    expect([await pact('a'), await pact('b'), await pact()]).toEqual([
      [401],
      [401, 404],
      [401, 404],
    ]);
  });

  it('refuses parameters it cannot use', async () => {
    const { url } = await serveMock();
    const res = await fetch(`${url}/__mock/pact?version=2`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      detail:
        'Parameters: consumer=<name> and provider=<name> (1 to 200 characters), version=3 or 4.',
    });
  });
});
