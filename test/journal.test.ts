import { readFileSync } from 'node:fs';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { mockUrl } from './helpers/serve-mock.js';
import { Journal, redactHeaders } from '../src/state/journal.js';
import { StateBudget } from '../src/state/state-budget.js';
import type { JournalEntry } from '../src/state/journal.js';
import { admin, AUTH, EVENTS, getEvent, journal } from './helpers/mock-http.js';
import { SPEC_FILE } from './helpers/paths.js';
import { tempDir } from './helpers/temp-dir.js';

/** One mock for the whole file (compiling the contract is the slow part), reset before each test. */
const app = await mockUrl();
beforeEach(async () => {
  expect((await admin(app, 'post', '/reset?all=true')).status).toBe(204);
});

describe('each request of the mocked API is journaled', () => {
  it('with its time, method, path, session, headers, status, source, validity and latency', async () => {
    const before = Date.now();
    await getEvent(app, 'evt_login_failed?x=1', { 'X-Mock-Session': 's1', 'X-Trace': 'abc' });
    const [entry] = await journal(app, 's1');
    expect(entry).toMatchObject({
      method: 'GET',
      path: `${EVENTS}/evt_login_failed?x=1`,
      eventId: 'evt_login_failed',
      session: 's1',
      status: 200,
      source: 'fixture',
      scenario: null,
      fault: null,
      valid: true,
    });
    expect(entry?.headers).toMatchObject({ 'x-trace': 'abc', 'x-mock-session': 's1' });
    expect(entry?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(Date.parse(entry?.time ?? '')).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(entry?.time ?? '')).toBeLessThanOrEqual(Date.now());
    expect(entry?.latencyMs).toEqual(expect.any(Number));
    expect(entry?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it.each<[string, number, string, string, Record<string, string>]>([
    ['a file event fixture', 200, 'fixture', `${EVENTS}/evt_login_failed`, { Authorization: AUTH }],
    ['a generated event', 200, 'generated', `${EVENTS}/any-id`, { Authorization: AUTH }],
    [
      'a forced status',
      404,
      'forced',
      `${EVENTS}/any-id`,
      { Authorization: AUTH, Prefer: 'code=404' },
    ],
    [
      'a pinned response',
      404,
      'response-fixture',
      `${EVENTS}/evt_not_found`,
      { Authorization: AUTH },
    ],
    [
      'a named example',
      200,
      'fixture',
      `${EVENTS}/x`,
      { Authorization: AUTH, Prefer: 'example=evt_login_failed' },
    ],
    ['a missing credential', 401, 'auth', `${EVENTS}/any-id`, {}],
    [
      'a malformed preference',
      400,
      'preferences',
      `${EVENTS}/any-id`,
      { Authorization: AUTH, Prefer: 'code=299' },
    ],
    ['an unknown path', 404, 'router', '/v1/audit/nope', { Authorization: AUTH }],
  ])('%s is journaled with status %i and source %s', async (_, status, source, path, headers) => {
    let req = request(app).get(path);
    for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
    expect((await req).status).toBe(status);
    const entries = await journal(app);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ path, status, source, valid: true });
  });

  it('records the time the request arrived, not the time the answer was done', async () => {
    const before = Date.now();
    await getEvent(app, 'e1', { Prefer: 'delay=300' });
    const [entry] = await journal(app);
    expect(entry?.latencyMs).toBeGreaterThanOrEqual(290);
    expect(Date.parse(entry?.time ?? '') - before).toBeLessThan(150);
  });

  it('lists requests newest first by arrival, even when an earlier one is answered later', async () => {
    const slow = getEvent(app, 'first', { Prefer: 'delay=300' }).then((res) => res.status);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await getEvent(app, 'second')).status).toBe(200);
    expect(await slow).toBe(200);
    const entries = await journal(app);
    expect(entries.map((entry) => entry.eventId)).toEqual(['second', 'first']);
    const [second, first] = entries;
    expect(Date.parse(first?.time ?? '')).toBeLessThan(Date.parse(second?.time ?? ''));
  });

  it('marks an answer that failed the contract check as not valid', async () => {
    const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8'));
    spec.components.schemas.AuditEventResponse.properties.id.maxLength = 8;
    const dir = tempDir({ 'openapi.json': JSON.stringify(spec) });
    const app = await mockUrl({
      spec: `${dir}/openapi.json`,
      fixtures: tempDir(),
      logger: { error: () => undefined },
    });
    await getEvent(app, 'much-longer-than-eight');
    await getEvent(app, 'short');
    const [ok, broken] = await journal(app);
    expect(broken).toMatchObject({ eventId: 'much-longer-than-eight', status: 500, valid: false });
    expect(ok).toMatchObject({ eventId: 'short', status: 200, valid: true });
  });
});

describe('credentials never reach the journal', () => {
  const SECRETS = {
    authorization: 'Bearer s3cr3t-t0ken',
    'x-api-key': 'k3y-s3cr3t',
    cookie: 'sid=c00kie-s3cr3t',
    'proxy-authorization': 'Basic cHJveHktczNjcjN0',
    'x-mock-admin-token': 'adm1n-s3cr3t',
  };

  it('redacts every credential header, keeping the bearer scheme visible', async () => {
    await getEvent(app, 'e1', { ...SECRETS, 'X-Request-Id': 'req-1' });
    const res = await admin(app, 'get', '/requests');
    for (const secret of [
      's3cr3t-t0ken',
      'k3y-s3cr3t',
      'c00kie-s3cr3t',
      'cHJveHktczNjcjN0',
      'adm1n-s3cr3t',
    ])
      expect(res.text).not.toContain(secret);
    const [entry] = await journal(app);
    expect(entry?.headers).toMatchObject({
      authorization: 'Bearer [redacted]',
      'x-api-key': '[redacted]',
      cookie: '[redacted]',
      'proxy-authorization': '[redacted]',
      'x-mock-admin-token': '[redacted]',
      'x-request-id': 'req-1',
    });
  });

  it.each([
    ['Bearer abc', 'Bearer [redacted]'],
    ['bearer abc', 'bearer [redacted]'],
    ['Bearer', 'Bearer [redacted]'],
    ['Basic dXNlcjpwYXNz', '[redacted]'],
    ['Token abc', '[redacted]'],
  ])('redactHeaders turns Authorization: %s into %s', (value, redacted) => {
    expect(redactHeaders({ authorization: value, accept: '*/*' })).toEqual({
      authorization: redacted,
      accept: '*/*',
    });
  });
});

describe('GET /__mock/requests filters, newest first', () => {
  async function filled() {
    await getEvent(app, 'e1');
    await getEvent(app, 'e2', { Prefer: 'code=404' });
    await getEvent(app, 'e1', { Prefer: 'code=503' });
    await getEvent(app, 'e3');
    return app;
  }
  const ids = (entries: readonly { eventId: string | null; status: number }[]) =>
    entries.map((entry) => `${entry.eventId}:${entry.status}`);

  it.each([
    ['', ['e3:200', 'e1:503', 'e2:404', 'e1:200']],
    ['?eventId=e1', ['e1:503', 'e1:200']],
    ['?status=404', ['e2:404']],
    ['?status=200', ['e3:200', 'e1:200']],
    ['?limit=2', ['e3:200', 'e1:503']],
    ['?eventId=e1&limit=1', ['e1:503']],
    ['?eventId=e1&status=200', ['e1:200']],
    ['?limit=0', []],
    ['?eventId=nope', []],
  ])('GET /__mock/requests%s', async (query, expected) => {
    expect(ids(await journal(await filled(), undefined, query))).toEqual(expected);
  });

  it('since=<time> keeps the entries at or after that time', async () => {
    await getEvent(app, 'old');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const since = new Date().toISOString();
    await getEvent(app, 'new');
    expect(ids(await journal(app, undefined, `?since=${encodeURIComponent(since)}`))).toEqual([
      'new:200',
    ]);
    expect(ids(await journal(app, undefined, '?since=2000-01-01T00:00:00Z'))).toEqual([
      'new:200',
      'old:200',
    ]);
  });

  it.each(['?status=abc', '?status=20', '?limit=-1', '?limit=x', '?since=yesterday'])(
    'refuses the malformed filter %s with 400 naming the filters',
    async (query) => {
      const res = await admin(app, 'get', `/requests${query}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect((JSON.parse(res.text) as { detail: string }).detail).toMatch(/eventId.*status.*limit/);
    },
  );

  it('DELETE /__mock/requests clears it', async () => {
    const app = await filled();
    expect((await admin(app, 'delete', '/requests')).status).toBe(204);
    expect(await journal(app)).toEqual([]);
    await getEvent(app, 'after');
    expect(ids(await journal(app))).toEqual(['after:200']);
  });
});

describe('the journal is a bounded ring buffer', () => {
  it('keeps the newest `limits.journal` requests and drops the oldest', async () => {
    const app = await mockUrl({ limits: { journal: 3 } });
    for (const id of ['e1', 'e2', 'e3', 'e4', 'e5']) await getEvent(app, id);
    const entries = await journal(app);
    expect(entries.map((entry) => entry.eventId)).toEqual(['e5', 'e4', 'e3']);
    expect(entries.map((entry) => entry.seq)).toEqual([5, 4, 3]);
    expect((await journal(app, undefined, '?limit=1000')).length).toBe(3);
  });

  const entry = (n: number, session: string | null): Omit<JournalEntry, 'seq'> => ({
    time: new Date(1_700_000_000_000 + n).toISOString(),
    method: 'GET',
    path: `/v1/audit/events/e${n}`,
    eventId: `e${n}`,
    session,
    headers: {},
    status: 200,
    source: 'generated',
    scenario: null,
    fault: null,
    valid: true,
    latencyMs: 1,
  });

  const budget = () => new StateBudget(64 * 1024 * 1024);
  const ids = (journal: Journal, session: string | null) =>
    journal.query({ session, limit: 1000 }).entries.map((e) => e.eventId);

  it('stays within its capacity however many requests come, after wrapping round', () => {
    const journal = new Journal(4, 10, budget());
    for (let n = 1; n <= 1000; n += 1)
      journal.record({ seq: journal.reserve(), ...entry(n, null) });
    expect(journal.size).toBe(4);
    expect(ids(journal, null)).toEqual(['e1000', 'e999', 'e998', 'e997']);
  });

  it("keeps each session's newest entries apart; clearing one session leaves the others", () => {
    const journal = new Journal(5, 10, budget());
    for (let n = 1; n <= 12; n += 1)
      journal.record({ seq: journal.reserve(), ...entry(n, n % 2 === 0 ? 'a' : 'b') });
    expect(ids(journal, 'a')).toEqual(['e12', 'e10', 'e8', 'e6', 'e4']);
    journal.clear('a');
    expect(ids(journal, 'a')).toEqual([]);
    expect(ids(journal, 'b')).toEqual(['e11', 'e9', 'e7', 'e5', 'e3']);
    for (let n = 13; n <= 17; n += 1) journal.record({ seq: journal.reserve(), ...entry(n, null) });
    expect(ids(journal, null)).toEqual(['e17', 'e16', 'e15', 'e14', 'e13']);
    expect(ids(journal, 'b')).toEqual(['e11', 'e9', 'e7', 'e5', 'e3']);
  });

  it.each([0, -1, 1.5])('refuses the capacity %d', (capacity) => {
    expect(() => new Journal(capacity, 10, budget())).toThrow(RangeError);
  });
});
