import { describe, expect, it } from 'vitest';
import type { CoverageReport } from '../src/report/coverage-report.js';
import { AUTH } from './helpers/credentials.js';
import { readSpec } from './helpers/paths.js';
import { serveMock } from './helpers/serve-mock.js';

const EVENTS = '/v1/audit/events';
const mock = await serveMock();

/** Sends a request of the mocked API in a session; a broken connection is not an error here. */
async function send(
  url: string,
  path: string,
  session: string,
  headers: Readonly<Record<string, string>> = {},
  method = 'GET',
): Promise<void> {
  try {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'x-mock-session': session, ...headers },
      redirect: 'manual',
    });
    await res.arrayBuffer();
  } catch {
    // A fault the test asked for.
  }
}

async function coverage(url: string, session?: string): Promise<CoverageReport> {
  const res = await fetch(`${url}/__mock/coverage`, {
    headers: session === undefined ? {} : { 'x-mock-session': session },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as CoverageReport;
}

/** The ids of the outcomes a report counts as covered, in catalog order. */
const met = (report: CoverageReport) =>
  report.outcomes.filter((outcome) => outcome.status === 'covered').map((outcome) => outcome.id);
const notFields = (ids: readonly string[]) => ids.filter((id) => !id.startsWith('field-'));

/** The nullable fields of AuditEventResponse, read from the spec file itself. */
function nullableFields(): string[] {
  const schema = readSpec().components.schemas['AuditEventResponse'];
  return Object.entries(schema?.properties ?? {})
    .filter(([, field]) => JSON.stringify(field).includes('"type":"null"'))
    .map(([name]) => name);
}

let sessions = 0;
const AUTHED = { authorization: AUTH };

/** What a request is, how it is sent, and the outcomes it must cover (exactly). */
type Row = readonly [
  name: string,
  path: string,
  headers: Readonly<Record<string, string>>,
  method: string,
  outcomes: readonly string[],
];

const ROWS: readonly Row[] = [
  ['no credentials', `${EVENTS}/x`, {}, 'GET', ['401-not-authenticated', 'auth-no-credentials']],
  [
    'another scheme',
    `${EVENTS}/x`,
    { authorization: 'Basic dXNlcjpwYXNz' },
    'GET',
    ['401-not-authenticated', 'auth-other-scheme'],
  ],
  [
    'an empty token',
    `${EVENTS}/x`,
    { authorization: 'Bearer' },
    'GET',
    ['401-invalid-credentials', 'auth-empty-token'],
  ],
  [
    'an expired token',
    `${EVENTS}/x`,
    { authorization: 'Bearer expired' },
    'GET',
    ['401-invalid-credentials', 'auth-expired-token'],
  ],
  [
    'a rejected token',
    `${EVENTS}/x`,
    { authorization: 'Bearer invalid' },
    'GET',
    ['401-invalid-credentials', 'auth-rejected-credentials'],
  ],
  [
    'an API key and a forced 404',
    `${EVENTS}/x`,
    { 'x-api-key': 'k', prefer: 'code=404' },
    'GET',
    ['404-event-not-found', 'auth-api-key', 'mock-preference'],
  ],
  [
    'an id pinned to 404',
    `${EVENTS}/evt_not_found`,
    AUTHED,
    'GET',
    ['404-event-not-found', 'auth-bearer', 'mock-response-fixture'],
  ],
  ['an unknown path', '/v1/audit/nope', AUTHED, 'GET', ['404-no-route']],
  ['another method', `${EVENTS}/x`, AUTHED, 'DELETE', ['405-method-not-allowed']],
  ['a trailing slash', `${EVENTS}/x/`, {}, 'GET', ['307-trailing-slash']],
  [
    '__code=422',
    `${EVENTS}/x?__code=422`,
    AUTHED,
    'GET',
    ['422-validation-error', 'auth-bearer', 'mock-preference'],
  ],
  [
    'an id pinned to 429',
    `${EVENTS}/evt_rate_limited`,
    AUTHED,
    'GET',
    ['429-rate-limited', 'auth-bearer', 'mock-response-fixture'],
  ],
  [
    'a forced 500 from a browser (no CORS headers)',
    `${EVENTS}/x`,
    { ...AUTHED, prefer: 'code=500', origin: 'http://localhost:5173' },
    'GET',
    ['500-internal-error', 'auth-bearer', 'mock-preference'],
  ],
  [
    'a forced 404 from a browser',
    `${EVENTS}/x`,
    { ...AUTHED, prefer: 'code=404', origin: 'http://localhost:5173' },
    'GET',
    ['404-event-not-found', 'auth-bearer', 'cors-actual-response', 'mock-preference'],
  ],
  ...['403-forbidden', '502-bad-gateway', '503-unavailable', '504-gateway-timeout'].map(
    (id): Row => [
      `a forced ${id.slice(0, 3)}`,
      `${EVENTS}/x`,
      { ...AUTHED, prefer: `code=${id.slice(0, 3)}` },
      'GET',
      [id, 'auth-bearer', 'mock-preference'],
    ],
  ),
  [
    'a preference the mock cannot honour',
    `${EVENTS}/x`,
    { ...AUTHED, prefer: 'code=299' },
    'GET',
    ['auth-bearer', 'mock-bad-preference'],
  ],
  [
    'a CORS preflight',
    `${EVENTS}/x`,
    { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
    'OPTIONS',
    ['cors-preflight'],
  ],
  [
    'a connection reset',
    `${EVENTS}/x`,
    { ...AUTHED, prefer: 'fault=connection-reset' },
    'GET',
    ['mock-preference', 'fault-connection-reset'],
  ],
];

describe('each answer counts the outcomes it met, and only those', () => {
  it.each(ROWS)('%s', async (_, path, headers, method, expected) => {
    const session = `row-${(sessions += 1)}`;
    await send(mock.url, path, session, headers, method);
    expect(met(await coverage(mock.url, session))).toEqual(expected);
  });

  it('a fixture with every nullable field null covers each field null, read from the spec', async () => {
    await send(mock.url, `${EVENTS}/evt_minimal_system`, 'minimal', AUTHED);
    const report = await coverage(mock.url, 'minimal');
    const fields = nullableFields();
    expect(fields).toHaveLength(19);
    expect(met(report).filter((id) => id.startsWith('field-'))).toEqual(
      fields.map((name) => `field-${name}-null`),
    );
    expect(notFields(met(report))).toEqual(['200-event', 'auth-bearer', 'mock-fixture']);
  });

  it('event_payload is seen as an object, an array, a string and null', async () => {
    for (const id of ['evt_all_fields_set', 'evt_payload_array', 'evt_payload_string'])
      await send(mock.url, `${EVENTS}/${id}`, 'payloads', AUTHED);
    const payload = met(await coverage(mock.url, 'payloads')).filter((id) =>
      id.startsWith('field-event_payload-'),
    );
    expect(payload).toEqual([
      'field-event_payload-object',
      'field-event_payload-array',
      'field-event_payload-scalar',
    ]);
  });

  it('a generated event covers its fields, a delay and the preference that asked for it', async () => {
    await send(mock.url, `${EVENTS}/gen-1`, 'generated', { ...AUTHED, prefer: 'delay=5' });
    const ids = met(await coverage(mock.url, 'generated'));
    expect(notFields(ids)).toEqual([
      '200-event',
      'auth-bearer',
      'mock-generated',
      'mock-preference',
      'mock-delay',
    ]);
    expect(ids.filter((id) => id.startsWith('field-'))).toHaveLength(19);
  });

  it('a scenario step counts its status and the scenario', async () => {
    await fetch(`${mock.url}/__mock/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mock-session': 'scenario' },
      body: JSON.stringify({ match: { eventId: 'scn-1' }, steps: [{ status: 503 }] }),
    });
    await send(mock.url, `${EVENTS}/scn-1`, 'scenario', AUTHED);
    expect(met(await coverage(mock.url, 'scenario'))).toEqual([
      '503-unavailable',
      'auth-bearer',
      'mock-scenario',
    ]);
  });
});

describe('the coverage report', () => {
  it('says for each outcome COVERED (count, first request) or NOT COVERED (how to produce it)', async () => {
    await send(mock.url, `${EVENTS}/evt_a`, 'report');
    await send(mock.url, `${EVENTS}/evt_b`, 'report');
    const report = await coverage(mock.url, 'report');
    const covered = report.outcomes.find((outcome) => outcome.id === '401-not-authenticated');
    expect(covered).toMatchObject({
      kind: 'contract',
      status: 'covered',
      count: 2,
      example: { method: 'GET', path: `${EVENTS}/evt_a`, status: 401, session: 'report' },
    });
    const missing = report.outcomes.find((outcome) => outcome.id === 'field-vm_id-null');
    expect(missing).toMatchObject({ status: 'not-covered', count: 0, example: null });
    // A field outcome names a fixture that produces it.
    expect(missing?.howTo).toBe(
      `curl -H 'Authorization: Bearer any-token' ${mock.url}${EVENTS}/evt_api_key_rejected`,
    );
    expect(report).toMatchObject({
      scope: 'session',
      session: 'report',
      requests: 2,
      contractOutcomes: 59,
      contractCovered: 2,
      percent: 3.3,
      mockOnlyOutcomes: 18,
      mockOnlyCovered: 0,
    });
  });

  it('leaves out of the percentage what the options make impossible, and says why', async () => {
    const open = await serveMock({ auth: { mode: 'none' } });
    const report = await coverage(open.url);
    const unavailable = report.outcomes.filter((outcome) => outcome.status === 'unavailable');
    expect(unavailable.map((outcome) => outcome.id)).toEqual([
      '401-invalid-credentials',
      'auth-bearer',
      'auth-api-key',
      'auth-no-credentials',
      'auth-other-scheme',
      'auth-empty-token',
      'auth-expired-token',
      'auth-rejected-credentials',
      'cors-preflight-refused',
      'mock-chaos',
      'mock-defect',
    ]);
    expect(unavailable[0]?.unavailableBecause).toMatch(/--auth none/);
    expect(report.contractOutcomes).toBe(51);
  });
});

describe('coverage per session', () => {
  it('two sessions in parallel report independently; without a session, everything together', async () => {
    const { url } = await serveMock();
    await Promise.all([
      ...Array.from({ length: 20 }, () => send(url, `${EVENTS}/x`, 'worker-a')),
      ...Array.from({ length: 20 }, () => send(url, `${EVENTS}/x`, 'worker-b', {}, 'DELETE')),
      send(url, `${EVENTS}/x/`, 'worker-b'),
    ]);
    const [a, b, all] = await Promise.all([
      coverage(url, 'worker-a'),
      coverage(url, 'worker-b'),
      coverage(url),
    ]);
    expect([met(a), a.requests]).toEqual([['401-not-authenticated', 'auth-no-credentials'], 20]);
    expect([met(b), b.requests]).toEqual([['405-method-not-allowed', '307-trailing-slash'], 21]);
    expect(met(all)).toEqual([
      '401-not-authenticated',
      '405-method-not-allowed',
      '307-trailing-slash',
      'auth-no-credentials',
    ]);
    expect(all.scope).toBe('overall');
    expect(all.requests).toBe(41);
    expect(all.sessions).toEqual([
      expect.objectContaining({ session: 'worker-a', requests: 20, contractCovered: 2 }),
      expect.objectContaining({ session: 'worker-b', requests: 21, contractCovered: 2 }),
    ]);
  });

  it('a reset keeps the coverage; DELETE /__mock/coverage forgets one session, or all', async () => {
    const { url } = await serveMock();
    await send(url, `${EVENTS}/x`, 'a');
    await send(url, `${EVENTS}/x`, 'b');
    await fetch(`${url}/__mock/reset`, { method: 'POST', headers: { 'x-mock-session': 'a' } });
    expect((await coverage(url, 'a')).requests).toBe(1);
    await fetch(`${url}/__mock/coverage`, { method: 'DELETE', headers: { 'x-mock-session': 'a' } });
    expect((await coverage(url, 'a')).requests).toBe(0);
    expect((await coverage(url, 'b')).requests).toBe(1);
    await fetch(`${url}/__mock/coverage`, { method: 'DELETE' });
    expect((await coverage(url)).requests).toBe(0);
  });

  it('loses no request to the bounded journal, and keeps at most limits.sessions sessions apart', async () => {
    const { url } = await serveMock({ limits: { journal: 1, sessions: 2 } });
    for (let batch = 0; batch < 10; batch += 1)
      await Promise.all(Array.from({ length: 30 }, () => send(url, `${EVENTS}/x`, 's1')));
    await send(url, `${EVENTS}/x`, 's2');
    await send(url, `${EVENTS}/x`, 's3');
    const all = await coverage(url);
    expect(all.requests).toBe(302);
    expect(all.outcomes.find((outcome) => outcome.id === 'auth-no-credentials')?.count).toBe(302);
    expect(all.sessions.map((session) => session.session)).toEqual(['s2', 's3']);
    expect(all.evictedSessions).toBe(1);
    const journal = async (session: string) =>
      ((await (await fetch(`${url}/__mock/requests?session=${session}`)).json()) as unknown[])
        .length;
    // The journal keeps each session's own log: s1 keeps its newest entry, and s3, past
    // limits.sessions, gets none there while coverage still counts it.
    expect([await journal('s1'), await journal('s3')]).toEqual([1, 0]);
  });
});
