import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { mockUrl } from './helpers/serve-mock.js';
import type { DetailItem, ScenarioView } from './helpers/mock-http.js';
import { addScenario, admin, EVENTS, getEvent, journal, parse } from './helpers/mock-http.js';
import { bundledEventFixtures } from './helpers/paths.js';

/** One mock for the whole file (compiling the contract is the slow part), reset before each test. */
const app = await mockUrl();
beforeEach(async () => {
  expect((await admin(app, 'post', '/reset?all=true')).status).toBe(204);
});

const statusOf = async (app: string, id: string) => (await getEvent(app, id)).status;

const listed = async (app: string) =>
  parse<ScenarioView[]>((await admin(app, 'get', '/scenarios')).text);

describe('a scenario plays its steps in order, each `times` times', () => {
  it('answers each step, then falls through to normal behaviour once exhausted', async () => {
    const { status } = await addScenario(app, {
      match: { eventId: 'evt_vm_start_failed' },
      steps: [{ status: 503, times: 2 }, { status: 429 }, { status: 200 }],
    });
    expect(status).toBe(201);
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push(await statusOf(app, 'evt_vm_start_failed'));
    expect(statuses).toEqual([503, 503, 429, 200, 200, 200]);

    const fixture = bundledEventFixtures().find((entry) => entry.id === 'evt_vm_start_failed');
    expect((await getEvent(app, 'evt_vm_start_failed')).text).toBe(JSON.stringify(fixture?.event));
    const [latest] = await journal(app);
    expect([latest?.source, latest?.scenario]).toEqual(['fixture', null]);
  });

  it('GET /__mock/scenarios shows how many uses each step has left, down to zero', async () => {
    await addScenario(app, {
      match: { eventId: 'e1' },
      steps: [{ status: 503, times: 2 }, { status: 404 }],
    });
    const remaining = async () => {
      const [scenario] = await listed(app);
      return [scenario?.remaining, scenario?.steps.map((step) => step.remaining)];
    };
    expect(await remaining()).toEqual([3, [2, 1]]);
    await getEvent(app, 'e1');
    expect(await remaining()).toEqual([2, [1, 1]]);
    await getEvent(app, 'e1');
    await getEvent(app, 'e1');
    expect(await remaining()).toEqual([0, [0, 0]]);
    await getEvent(app, 'e1');
    expect(await remaining()).toEqual([0, [0, 0]]);
  });

  it('records each answer it chose in the journal as source "scenario" with its id', async () => {
    const { scenario } = await addScenario(app, {
      match: { eventId: 'e1' },
      steps: [{ status: 502 }],
    });
    await getEvent(app, 'e1');
    await getEvent(app, 'e1');
    const [second, first] = await journal(app);
    expect(first).toMatchObject({ status: 502, source: 'scenario', scenario: scenario.id });
    expect(second).toMatchObject({ status: 200, source: 'generated', scenario: null });
  });

  it('does not spend a step on a request that fails authentication', async () => {
    await addScenario(app, { match: { eventId: 'e1' }, steps: [{ status: 503 }] });
    expect((await request(app).get(`${EVENTS}/e1`)).status).toBe(401);
    expect(await statusOf(app, 'e1')).toBe(503);
    expect(await statusOf(app, 'e1')).toBe(200);
  });

  it('plays the oldest matching scenario first, then the next one', async () => {
    await addScenario(app, { match: { eventId: 'e1' }, steps: [{ status: 503 }] });
    await addScenario(app, { match: { pattern: 'e*' }, steps: [{ status: 404 }] });
    expect([
      await statusOf(app, 'e1'),
      await statusOf(app, 'e1'),
      await statusOf(app, 'e1'),
    ]).toEqual([503, 404, 200]);
  });
});

describe('what a scenario matches', () => {
  it.each([
    [
      'evt_batch_*',
      ['evt_batch_1', 'evt_batch_', 'evt_batch_long-id'],
      ['evt_batch', 'xevt_batch_1'],
    ],
    ['task-?', ['task-1', 'task-x'], ['task-', 'task-12']],
    ['evt.(a)+', ['evt.(a)+'], ['evtx(a)+', 'evt.aa']],
  ])('the pattern %s matches %j and not %j', async (pattern, matching, other) => {
    await addScenario(app, {
      match: { pattern },
      steps: [{ status: 404, times: 100 }],
    });
    for (const id of matching) expect(await statusOf(app, id)).toBe(404);
    for (const id of other) expect(await statusOf(app, id)).toBe(200);
  });

  it('an eventId matches that id only', async () => {
    await addScenario(app, { match: { eventId: 'e1' }, steps: [{ status: 404, times: 5 }] });
    expect(await statusOf(app, 'e10')).toBe(200);
    expect(await statusOf(app, 'e1')).toBe(404);
  });
});

describe('what a step answers', () => {
  it('a status alone answers as the provider would answer it', async () => {
    await addScenario(app, {
      match: { eventId: 'e1' },
      steps: [{ status: 429 }, { status: 500 }, { status: 404 }],
    });
    const a = await getEvent(app, 'e1');
    expect([a.status, a.text, a.headers['retry-after']]).toEqual([
      429,
      '{"detail":"Too Many Requests"}',
      '30',
    ]);
    const b = await getEvent(app, 'e1');
    expect([b.status, b.text]).toEqual([500, 'Internal Server Error']);
    const c = await getEvent(app, 'e1');
    expect([c.status, c.text]).toEqual([404, '{"detail":"Audit event not found"}']);
  });

  it('a body answers that body, with the status and headers given', async () => {
    await addScenario(app, {
      match: { eventId: 'e1' },
      steps: [{ status: 409, body: { detail: 'Busy, try later' }, headers: { 'x-step': '1' } }],
    });
    const res = await getEvent(app, 'e1');
    expect([res.status, res.text, res.headers['x-step']]).toEqual([
      409,
      '{"detail":"Busy, try later"}',
      '1',
    ]);
  });

  it('a fixture answers that fixture for the matched id', async () => {
    await addScenario(app, {
      match: { eventId: 'anything' },
      steps: [{ fixture: 'evt_login_failed' }, { fixture: 'evt_not_found' }],
    });
    const fixture = bundledEventFixtures().find((entry) => entry.id === 'evt_login_failed');
    expect((await getEvent(app, 'anything')).text).toBe(JSON.stringify(fixture?.event));
    expect((await getEvent(app, 'anything')).status).toBe(404);
  });

  it('a step waits delayMs before it answers', async () => {
    await addScenario(app, { match: { eventId: 'e1' }, steps: [{ status: 503, delayMs: 250 }] });
    const started = performance.now();
    expect(await statusOf(app, 'e1')).toBe(503);
    const delayed = performance.now() - started;
    expect(delayed).toBeGreaterThanOrEqual(240);
    const again = performance.now();
    expect(await statusOf(app, 'e1')).toBe(200);
    expect(performance.now() - again).toBeLessThan(delayed);
  });
});

describe('POST /__mock/scenarios checks the scenario', () => {
  it('refuses an invalid scenario with 400 listing every violation, and adds nothing', async () => {
    const res = await admin(app, 'post', '/scenarios', {
      body: {
        match: { eventId: 'e1', pattern: 'e*' },
        colour: 'red',
        steps: [
          { status: 201 },
          { fault: 'explode', times: 0 },
          { fixture: 'evt_nope', delayMs: -5 },
          { status: 200, body: { id: 'e1' } },
          { stauts: 404 },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const locs = parse<{ detail: DetailItem[] }>(res.text).detail.map((item) => item.loc);
    expect(locs).toEqual(
      expect.arrayContaining([
        ['body', 'colour'],
        ['body', 'match'],
        ['body', 'steps', 0, 'status'],
        ['body', 'steps', 1, 'fault'],
        ['body', 'steps', 1, 'times'],
        ['body', 'steps', 2, 'fixture'],
        ['body', 'steps', 2, 'delayMs'],
        ['body', 'steps', 4, 'stauts'],
      ]),
    );
    expect(locs.some((loc) => loc[2] === 3)).toBe(true);
    expect(await listed(app)).toEqual([]);
    expect(await statusOf(app, 'e1')).toBe(200);
  });

  it('names an unknown key holding a slash whole, in the scenario and in a step', async () => {
    const res = await admin(app, 'post', '/scenarios', {
      body: { match: { eventId: 'e1' }, steps: [{ status: 404, 'x/y': 1 }], 'a/b': 1 },
    });
    expect(res.status).toBe(400);
    const locs = parse<{ detail: DetailItem[] }>(res.text).detail.map((item) => item.loc);
    expect(locs).toEqual([
      ['body', 'a/b'],
      ['body', 'steps', 0, 'x/y'],
    ]);
  });

  it.each<[string, unknown]>([
    ['no steps', { match: { eventId: 'e1' }, steps: [] }],
    ['no match', { steps: [{ status: 404 }] }],
    ['an empty eventId', { match: { eventId: '' }, steps: [{ status: 404 }] }],
    ['a list instead of an object', [{ match: { eventId: 'e1' } }]],
  ])('refuses %s with 400', async (_, body) => {
    const res = await admin(app, 'post', '/scenarios', { body });
    expect(res.status).toBe(400);
    expect(parse<{ detail: DetailItem[] }>(res.text).detail.length).toBeGreaterThan(0);
  });
});
