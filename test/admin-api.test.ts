import { readdirSync, readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { mockUrl } from './helpers/serve-mock.js';
import { generateEvent } from '../src/library/generate-event.js';
import type { DetailItem, ScenarioView } from './helpers/mock-http.js';
import { addScenario, admin, getEvent, journal, parse } from './helpers/mock-http.js';
import { bundledEventFixtures, FIXTURES_DIR, ROOT } from './helpers/paths.js';

/** One mock for the whole file (compiling the contract is the slow part), reset before each test. */
const app = await mockUrl();
beforeEach(async () => {
  expect((await admin(app, 'post', '/reset?all=true')).status).toBe(204);
});

const VERSION = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string })
  .version;
const FILE_FIXTURE_COUNT = ['events', 'responses']
  .map((folder) => readdirSync(`${FIXTURES_DIR}/${folder}`).filter((n) => n.endsWith('.json')))
  .reduce((sum, names) => sum + names.length, 0);

interface FixtureListItem {
  readonly id: string;
  readonly kind: 'event' | 'response';
  readonly origin: string;
  readonly session: string | null;
}

/** A valid event with this id, unlike the one the mock would generate for it. */
const eventWithId = (id: string): Record<string, unknown> => ({
  ...generateEvent(id),
  id,
  event_type: 'fixture.set_at_run_time',
});

describe('GET /__mock/health', () => {
  it('says the mock is up, its version, fixture count, seed and uptime', async () => {
    const app = await mockUrl({ seed: 'health-seed' });
    const res = await admin(app, 'get', '/health');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = parse<Record<string, unknown>>(res.text);
    expect(body).toMatchObject({
      status: 'ok',
      version: VERSION,
      seed: 'health-seed',
      fixtures: FILE_FIXTURE_COUNT,
    });
    expect(body['uptimeSeconds']).toEqual(expect.any(Number));
    expect(body['uptimeSeconds']).toBeGreaterThanOrEqual(0);
  });
});

describe('run-time fixtures', () => {
  it('GET /__mock/fixtures lists every file fixture with its kind', async () => {
    const res = await admin(app, 'get', '/fixtures');
    expect(res.status).toBe(200);
    const listed = parse<FixtureListItem[]>(res.text);
    expect(listed).toHaveLength(FILE_FIXTURE_COUNT);
    expect(listed).toContainEqual({
      id: 'evt_login_failed',
      kind: 'event',
      origin: 'file',
      session: null,
    });
    expect(listed).toContainEqual({
      id: 'evt_not_found',
      kind: 'response',
      origin: 'file',
      session: null,
    });
  });

  it('GET /__mock/fixtures/{id} answers an event fixture, a response fixture, or 404', async () => {
    const event = await admin(app, 'get', '/fixtures/evt_login_failed');
    expect(event.status).toBe(200);
    const file = bundledEventFixtures().find((entry) => entry.id === 'evt_login_failed');
    expect(parse(event.text)).toEqual({
      id: 'evt_login_failed',
      kind: 'event',
      event: file?.event,
    });

    const response = await admin(app, 'get', '/fixtures/evt_not_found');
    expect(parse(response.text)).toMatchObject({
      id: 'evt_not_found',
      kind: 'response',
      status: 404,
      body: '{"detail":"Audit event not found"}',
    });

    const missing = await admin(app, 'get', '/fixtures/evt_nope');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
    expect(parse<{ detail: string }>(missing.text).detail).toMatch(/evt_nope/);
  });

  it('PUT adds an event fixture the API then serves (201), and replaces it (200)', async () => {
    const first = eventWithId('evt_added');
    const created = await admin(app, 'put', '/fixtures/evt_added', { body: first });
    expect(created.status).toBe(201);
    expect(parse(created.text)).toEqual({ id: 'evt_added', kind: 'event', session: null });

    const served = await getEvent(app, 'evt_added');
    expect(served.status).toBe(200);
    expect(parse(served.text)).toEqual(first);
    expect((await journal(app))[0]?.source).toBe('fixture');

    const second = { ...first, event_type: 'vm.deleted' };
    const replaced = await admin(app, 'put', '/fixtures/evt_added', { body: second });
    expect(replaced.status).toBe(200);
    expect(parse((await getEvent(app, 'evt_added')).text)).toEqual(second);

    const listed = parse<FixtureListItem[]>((await admin(app, 'get', '/fixtures')).text);
    expect(listed).toContainEqual({
      id: 'evt_added',
      kind: 'event',
      origin: 'runtime',
      session: null,
    });
    const read = await admin(app, 'get', '/fixtures/evt_added');
    expect(parse(read.text)).toEqual({ id: 'evt_added', kind: 'event', event: second });
  });

  it('PUT adds a response fixture: the id then answers that status and body', async () => {
    const put = await admin(app, 'put', '/fixtures/evt_gone', {
      body: { status: 404, body: { detail: 'Gone for good' }, headers: { 'x-why': 'test' } },
    });
    expect(put.status).toBe(201);
    expect(parse(put.text)).toMatchObject({ id: 'evt_gone', kind: 'response' });
    const res = await getEvent(app, 'evt_gone');
    expect([res.status, res.text, res.headers['x-why']]).toEqual([
      404,
      '{"detail":"Gone for good"}',
      'test',
    ]);
  });

  it('a run-time fixture takes precedence over a file fixture until it is deleted', async () => {
    const before = (await getEvent(app, 'evt_login_failed')).text;
    const override = { ...eventWithId('evt_login_failed'), event_type: 'auth.overridden' };
    expect((await admin(app, 'put', '/fixtures/evt_login_failed', { body: override })).status).toBe(
      201,
    );
    expect(parse((await getEvent(app, 'evt_login_failed')).text)).toEqual(override);

    expect((await admin(app, 'delete', '/fixtures/evt_login_failed')).status).toBe(204);
    expect((await getEvent(app, 'evt_login_failed')).text).toBe(before);
  });

  it('DELETE answers 204 for a run-time fixture, 409 for a file fixture, 404 for an unknown id', async () => {
    await admin(app, 'put', '/fixtures/evt_temp', { body: eventWithId('evt_temp') });
    expect((await admin(app, 'delete', '/fixtures/evt_temp')).status).toBe(204);
    expect(parse<{ id: string }>((await getEvent(app, 'evt_temp')).text).id).toBe('evt_temp');
    expect((await journal(app))[0]?.source).toBe('generated');

    const again = await admin(app, 'delete', '/fixtures/evt_temp');
    expect(again.status).toBe(404);
    expect(parse<{ detail: string }>(again.text).detail).toEqual(expect.any(String));

    const file = await admin(app, 'delete', '/fixtures/evt_login_failed');
    expect(file.status).toBe(409);
    expect(parse<{ detail: string }>(file.text).detail).toMatch(/file fixture/);
  });

  it.each<[string, unknown, (string | number)[][]]>([
    [
      'an event with two wrong fields and one unknown field',
      { ...eventWithId('evt_bad'), user_id: 'abc', latency_ms: 'fast', colour: 'red' },
      [
        ['body', 'user_id'],
        ['body', 'latency_ms'],
        ['body', 'colour'],
      ],
    ],
    [
      'an event missing required fields',
      { id: 'evt_bad', created_at: '2026-05-14T09:20:41.091356Z' },
      [
        ['body', 'actor_type'],
        ['body', 'source'],
        ['body', 'event_group'],
        ['body', 'event_type'],
        ['body', 'status'],
      ],
    ],
    ['an event whose id is not the one in the path', eventWithId('evt_other'), [['body', 'id']]],
    [
      'a response fixture whose body is not the provider shape',
      { status: 404, body: { message: 'nope' } },
      [['body', 'body']],
    ],
    [
      'a response fixture with an unknown key and a bad delay',
      { status: 404, body: { detail: 'x' }, delayMs: -1, colour: 'red' },
      [
        ['body', 'colour'],
        ['body', 'delayMs'],
      ],
    ],
    [
      'an event with a wrong field whose id is not the one in the path',
      { ...eventWithId('evt_other'), user_id: 'abc' },
      [
        ['body', 'user_id'],
        ['body', 'id'],
      ],
    ],
    [
      'a response fixture with an unknown key and a body that is not the provider shape',
      { status: 404, body: { message: 'nope' }, colour: 'red' },
      [
        ['body', 'colour'],
        ['body', 'body'],
      ],
    ],
    ['a JSON string', JSON.stringify('just text'), [['body']]],
  ])(
    'PUT refuses %s with 400 listing every violation, and changes nothing',
    async (_, body, locs) => {
      const res = await admin(app, 'put', '/fixtures/evt_bad', {
        headers: { 'content-type': 'application/json' },
      }).send(typeof body === 'string' ? body : JSON.stringify(body));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const { detail } = parse<{ detail: DetailItem[] }>(res.text);
      expect(detail.map((item) => item.loc)).toEqual(expect.arrayContaining(locs));
      expect(detail.length).toBeGreaterThanOrEqual(locs.length);
      for (const item of detail)
        expect(item).toEqual(
          expect.objectContaining({ msg: expect.any(String), type: expect.any(String) }),
        );

      expect((await admin(app, 'get', '/fixtures/evt_bad')).status).toBe(404);
      const listed = parse<FixtureListItem[]>((await admin(app, 'get', '/fixtures')).text);
      expect(listed.map((item) => item.id)).not.toContain('evt_bad');
      await getEvent(app, 'evt_bad');
      expect((await journal(app))[0]?.source).toBe('generated');
    },
  );

  it('PUT of an event whose status is wrongly a number names that field, as for any event', async () => {
    const res = await admin(app, 'put', '/fixtures/evt_bad', {
      body: { ...eventWithId('evt_bad'), status: 7 },
    });
    expect(res.status).toBe(400);
    const { detail } = parse<{ detail: DetailItem[] }>(res.text);
    expect(detail.map((item) => item.loc)).toEqual([['body', 'status']]);
  });

  it('PUT of a body that is not JSON is a 400 with a JSON detail', async () => {
    const res = await admin(app, 'put', '/fixtures/evt_x', {
      headers: { 'content-type': 'application/json' },
    }).send('{"id": ');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(parse<{ detail: string }>(res.text).detail).toMatch(/not valid JSON/);
  });
});

describe('scenarios through the admin API', () => {
  it('POST answers 201 with the scenario; GET lists it with the steps remaining', async () => {
    const { status, scenario } = await addScenario(app, {
      name: 'flaky',
      match: { eventId: 'evt_flaky' },
      steps: [{ status: 503, times: 2 }, { status: 200 }],
    });
    expect(status).toBe(201);
    expect(scenario).toMatchObject({
      id: expect.any(String),
      name: 'flaky',
      match: { eventId: 'evt_flaky' },
      session: null,
      remaining: 3,
    });
    const listed = parse<ScenarioView[]>((await admin(app, 'get', '/scenarios')).text);
    expect(listed).toEqual([expect.objectContaining({ id: scenario.id, remaining: 3 })]);
    expect(listed[0]?.steps.map((step) => [step.status, step.times, step.remaining])).toEqual([
      [503, 2, 2],
      [200, 1, 1],
    ]);
  });

  it('DELETE /__mock/scenarios/{id} removes one, DELETE /__mock/scenarios removes all', async () => {
    const a = (await addScenario(app, { match: { eventId: 'a' }, steps: [{ status: 404 }] }))
      .scenario;
    await addScenario(app, { match: { eventId: 'b' }, steps: [{ status: 404 }] });
    await addScenario(app, { match: { pattern: 'c*' }, steps: [{ status: 404 }] });
    expect((await admin(app, 'delete', `/scenarios/${a.id}`)).status).toBe(204);
    const left = parse<ScenarioView[]>((await admin(app, 'get', '/scenarios')).text);
    expect(left.map((scenario) => scenario.match)).toEqual([{ eventId: 'b' }, { pattern: 'c*' }]);
    const unknown = await admin(app, 'delete', `/scenarios/${a.id}`);
    expect(unknown.status).toBe(404);
    expect(parse<{ detail: string }>(unknown.text).detail).toEqual(expect.any(String));
    expect((await admin(app, 'delete', '/scenarios')).status).toBe(204);
    expect(parse((await admin(app, 'get', '/scenarios')).text)).toEqual([]);
  });
});

describe('POST /__mock/reset', () => {
  it('forgets every run-time fixture, scenario and journal entry', async () => {
    await admin(app, 'put', '/fixtures/evt_r', { body: eventWithId('evt_r') });
    await addScenario(app, { match: { eventId: 'evt_s' }, steps: [{ status: 503 }] });
    await getEvent(app, 'evt_r');
    expect((await journal(app)).length).toBe(1);

    expect((await admin(app, 'post', '/reset')).status).toBe(204);
    expect((await admin(app, 'get', '/fixtures/evt_r')).status).toBe(404);
    expect(parse((await admin(app, 'get', '/scenarios')).text)).toEqual([]);
    expect(await journal(app)).toEqual([]);
    expect((await getEvent(app, 'evt_s')).status).toBe(200);
  });
});

describe('the admin API answers JSON errors', () => {
  it('an unknown admin endpoint is a 404 {"detail": ...}', async () => {
    const res = await admin(app, 'get', '/nope');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(parse<{ detail: string }>(res.text).detail).toMatch(/\/__mock\/nope/);
  });

  it.each([
    ['sessions', { sessions: 1 }],
    ['scenarios', { scenarios: 1 }],
  ])('past the %s limit it answers 429 with a JSON detail', async (_, limits) => {
    const app = await mockUrl({ limits });
    const step = { match: { eventId: 'x' }, steps: [{ status: 404 }] };
    expect((await addScenario(app, step, 's1')).status).toBe(201);
    const second =
      'sessions' in limits
        ? await addScenario(app, step, 's2')
        : await addScenario(app, step, 's1');
    expect(second.status).toBe(429);
    expect(parse<{ detail: string }>(second.text).detail).toEqual(expect.any(String));
  });

  it('past the run-time fixture limit PUT answers 429 and keeps what it had', async () => {
    const app = await mockUrl({ limits: { fixtures: 1 } });
    expect((await admin(app, 'put', '/fixtures/f1', { body: eventWithId('f1') })).status).toBe(201);
    const res = await admin(app, 'put', '/fixtures/f2', { body: eventWithId('f2') });
    expect(res.status).toBe(429);
    expect(parse<{ detail: string }>(res.text).detail).toEqual(expect.any(String));
    expect((await admin(app, 'put', '/fixtures/f1', { body: eventWithId('f1') })).status).toBe(200);
  });
});
