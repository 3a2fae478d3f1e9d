import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/library/create-app.js';
import { createHttpServer } from '../src/server/create-http-server.js';
import { OptionsError } from '../src/config/options-error.js';
import { readConfigFile } from '../src/config/read-config-file.js';
import { resolveOptions } from '../src/config/resolve-options.js';
import type { MockOptions } from '../src/config/mock-options.js';
import {
  closeServer,
  exactRequest,
  expectWellFormed,
  listenLocal,
} from './helpers/hostile-http.js';
import { bundledEventFixtures } from './helpers/paths.js';
import { tempDir } from './helpers/temp-dir.js';
import { AUTH } from './helpers/credentials.js';

const EVENTS = '/v1/audit/events';
const quiet = { error: () => undefined };
const TEMPLATE = (() => {
  const found = bundledEventFixtures().find((fixture) => fixture.id === 'evt_login_failed');
  if (!found) throw new Error('the bundled fixture evt_login_failed is missing');
  return found;
})();

/** JSON text (not an object literal: `__proto__` in a literal would set the prototype). */
const POISON =
  '{"__proto__":{"polluted":"yes","toString":"x"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}';
const eventText = (id: string, payload: string) =>
  JSON.stringify({ ...TEMPLATE.event, id, event_payload: null }).replace(
    '"event_payload":null',
    `"event_payload":${payload}`,
  );

type Snapshot = Map<string, unknown>;
const PROTOTYPES = { Object, Array, Function, String, Number, Boolean } as const;

function snapshot(): Record<string, Snapshot> {
  return Object.fromEntries(
    Object.entries(PROTOTYPES).map(([name, type]) => {
      const proto = type.prototype as object;
      const values: Snapshot = new Map();
      for (const key of Object.getOwnPropertyNames(proto)) {
        const descriptor = Object.getOwnPropertyDescriptor(proto, key);
        values.set(key, descriptor?.value ?? descriptor?.get);
      }
      return [name, values];
    }),
  );
}

let baseline: Record<string, Snapshot>;
beforeAll(() => {
  baseline = snapshot();
});

/** Nothing outside the objects a request built has changed: no new keys, no replaced values. */
function expectNoPollution(): void {
  const plain: Record<string, unknown> = {};
  expect(plain['polluted']).toBeUndefined();
  expect(Object.prototype.toString.call([])).toBe('[object Array]');
  const now = snapshot();
  for (const [name, values] of Object.entries(baseline)) {
    const current = now[name] ?? new Map();
    expect([...current.keys()].sort(), `${name}.prototype keys`).toEqual([...values.keys()].sort());
    for (const [key, value] of values)
      expect(Object.is(current.get(key), value), `${name}.prototype.${key}`).toBe(true);
  }
}

afterEach(expectNoPollution);

/** The `event_payload` of a served body, with the poison keys as own data properties. */
function expectPoisonAsData(payload: unknown): void {
  expect(payload).toBeTypeOf('object');
  const object = payload as Record<string, unknown>;
  expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
  expect(Object.hasOwn(object, '__proto__')).toBe(true);
  expect(Object.getOwnPropertyDescriptor(object, '__proto__')?.value).toEqual({
    polluted: 'yes',
    toString: 'x',
  });
  expect(object['constructor']).toEqual({ prototype: { polluted: 'yes' } });
  expect(object['prototype']).toEqual({ polluted: 'yes' });
}

describe('file fixtures with __proto__, constructor and prototype keys', () => {
  it('serves an event_payload holding them back byte for byte, as data', async () => {
    const nested = `{"list":[${POISON},{"deeper":${POISON}}],"top":${POISON}}`;
    const dir = tempDir({
      'events/evt_poison.json': eventText('evt_poison', POISON),
      'events/evt_nested.json': eventText('evt_nested', nested),
    });
    const app = createApp({ fixtures: dir, logger: quiet });

    const res = await request(app).get(`${EVENTS}/evt_poison`).set('Authorization', AUTH);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`"event_payload":${POISON}`);
    expectPoisonAsData((JSON.parse(res.text) as { event_payload: unknown }).event_payload);

    const deep = await request(app).get(`${EVENTS}/evt_nested`).set('Authorization', AUTH);
    expect(deep.text).toContain(`"event_payload":${nested}`);
    const admin = await request(app).get('/__mock/fixtures/evt_poison');
    expect(admin.status).toBe(200);
    expectPoisonAsData(
      (JSON.parse(admin.text) as { event: { event_payload: unknown } }).event.event_payload,
    );
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses an event file with a top-level "%s" key, naming it, and pollutes nothing',
    (key) => {
      const text = eventText('evt_bad', 'null').replace('{', `{"${key}":{"polluted":"yes"},`);
      const dir = tempDir({ 'events/evt_bad.json': text });
      expect(() => createApp({ fixtures: dir, logger: quiet })).toThrow(`/${key}`);
    },
  );

  it('serves a response fixture whose body holds them, as data', async () => {
    const dir = tempDir({
      'responses/evt_gone.json': `{"id":"evt_gone","status":404,"body":{"detail":${POISON}}}`,
    });
    const app = createApp({ fixtures: dir, logger: quiet });
    const res = await request(app).get(`${EVENTS}/evt_gone`).set('Authorization', AUTH);
    expect(res.status).toBe(404);
    expect(res.text).toBe(`{"detail":${POISON}}`);
  });
});

describe('admin bodies with __proto__, constructor and prototype keys', () => {
  const app = createApp({ logger: quiet });
  const putText = (id: string, text: string) =>
    request(app).put(`/__mock/fixtures/${id}`).set('content-type', 'application/json').send(text);
  const postText = (text: string) =>
    request(app).post('/__mock/scenarios').set('content-type', 'application/json').send(text);
  afterEach(async () => {
    expect((await request(app).post('/__mock/reset')).status).toBe(204);
  });

  it('stores and serves a run-time event whose payload holds them, as data', async () => {
    expect((await putText('rt_poison', eventText('rt_poison', POISON))).status).toBe(201);
    const res = await request(app).get(`${EVENTS}/rt_poison`).set('Authorization', AUTH);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`"event_payload":${POISON}`);
    expectPoisonAsData((JSON.parse(res.text) as { event_payload: unknown }).event_payload);
  });

  it('does not read a response fixture out of a __proto__ key (it is an invalid event)', async () => {
    const res = await putText('rt_proto', '{"__proto__":{"status":404,"body":{"detail":"x"}}}');
    expect(res.status).toBe(400);
    expectWellFormed({ status: res.status, headers: res.headers, body: res.text });
    const served = await request(app).get(`${EVENTS}/rt_proto`).set('Authorization', AUTH);
    expect(served.status).toBe(200);
    expect(JSON.parse(served.text)).toHaveProperty('id', 'rt_proto');
  });

  it.each([
    ['a poisoned response body', `{"status":404,"body":{"detail":${POISON}}}`],
    ['headers named __proto__', '{"status":404,"body":{"detail":"x"},"headers":{"__proto__":"x"}}'],
    [
      'headers named constructor',
      '{"status":404,"body":{"detail":"x"},"headers":{"constructor":"x"}}',
    ],
    ['a __proto__ next to status', `{"status":404,"body":{"detail":"x"},"__proto__":${POISON}}`],
  ])(
    'answers a response fixture with %s with 2xx or a JSON 400, and serves it as data',
    async (_name, text) => {
      const res = await putText('rt_resp', text);
      expectWellFormed({ status: res.status, headers: res.headers, body: res.text });
      expect([201, 400]).toContain(res.status);
      if (res.status !== 201) return;
      const served = await request(app).get(`${EVENTS}/rt_resp`).set('Authorization', AUTH);
      expectWellFormed({ status: served.status, headers: served.headers, body: served.text });
      expect(served.status).toBe(404);
    },
  );

  it.each(['constructor', '__proto__'])(
    'serves a response-fixture header named "%s" once it has accepted it',
    async (name) => {
      const res = await putText(
        'rt_header',
        `{"status":404,"body":{"detail":"x"},"headers":{"${name}":"kept"}}`,
      );
      expect([201, 400]).toContain(res.status);
      if (res.status !== 201) return;
      // Read the raw header list: a client's header object cannot hold a "__proto__" key.
      const server = createHttpServer(app);
      try {
        const served = await exactRequest(await listenLocal(server), `${EVENTS}/rt_header`, {
          headers: { authorization: AUTH },
        });
        expect(served.status).toBe(404);
        const raw = served.rawHeaders ?? [];
        expect(raw[raw.indexOf(name) + 1]).toBe('kept');
      } finally {
        await closeServer(server);
      }
    },
  );

  it.each([
    [
      'a top-level __proto__',
      `{"__proto__":${POISON},"match":{"eventId":"x"},"steps":[{"status":503}]}`,
    ],
    [
      'a top-level constructor',
      `{"constructor":${POISON},"match":{"eventId":"x"},"steps":[{"status":503}]}`,
    ],
    ['match through __proto__', '{"match":{"__proto__":{"eventId":"x"}},"steps":[{"status":503}]}'],
    [
      'a step through __proto__',
      '{"match":{"eventId":"x"},"steps":[{"__proto__":{"status":503}}]}',
    ],
    ['steps through __proto__', '{"match":{"eventId":"x"},"__proto__":{"steps":[{"status":503}]}}'],
    [
      'step headers named __proto__',
      '{"match":{"eventId":"x"},"steps":[{"status":503,"headers":{"__proto__":"x"}}]}',
    ],
    [
      'a poisoned step body',
      `{"match":{"eventId":"x"},"steps":[{"status":404,"body":{"detail":${POISON}}}]}`,
    ],
    [
      'a session named __proto__',
      '{"match":{"eventId":"x"},"session":"__proto__","steps":[{"status":503}]}',
    ],
  ])(
    'answers a scenario with %s with 201 or a JSON 400, and pollutes nothing',
    async (_name, text) => {
      const res = await postText(text);
      expectWellFormed({ status: res.status, headers: res.headers, body: res.text });
      expect([201, 400]).toContain(res.status);
      const other = await request(app).get(`${EVENTS}/unrelated`).set('Authorization', AUTH);
      expect(other.status).toBe(200);
    },
  );

  it('plays a step whose body holds them, serving it as data', async () => {
    const res = await postText(
      `{"match":{"eventId":"x"},"steps":[{"status":404,"body":{"detail":${POISON}}}]}`,
    );
    expect(res.status).toBe(201);
    const served = await request(app).get(`${EVENTS}/x`).set('Authorization', AUTH);
    expect(served.status).toBe(404);
    expect(served.text).toBe(`{"detail":${POISON}}`);
  });
});

describe('ids, sessions, headers and queries named after Object.prototype members', () => {
  const app = createApp({ logger: quiet });
  const NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf'];
  afterEach(async () => {
    expect((await request(app).post('/__mock/reset')).status).toBe(204);
  });

  it.each(NAMES)(
    'serves a generated event for the id "%s" and finds no fixture by it',
    async (id) => {
      const res = await request(app).get(`${EVENTS}/${id}`).set('Authorization', AUTH);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toHaveProperty('id', id);
      const fixture = await request(app).get(`/__mock/fixtures/${id}`);
      expect(fixture.status).toBe(404);
      expect((await request(app).delete(`/__mock/fixtures/${id}`)).status).toBe(404);
      const example = await request(app)
        .get(`${EVENTS}/x`)
        .set('Authorization', AUTH)
        .set('Prefer', `example=${id}`);
      expect(example.status).toBe(400);
      expectWellFormed({ status: example.status, headers: example.headers, body: example.text });
      const scenario = await request(app)
        .post('/__mock/scenarios')
        .send({ match: { eventId: 'x' }, steps: [{ fixture: id }] });
      expect(scenario.status).toBe(400);
    },
  );

  it.each(NAMES)(
    'keeps a run-time fixture of session "%s" in that session only',
    async (session) => {
      const put = await request(app)
        .put('/__mock/fixtures/evt_scoped')
        .set('X-Mock-Session', session)
        .set('content-type', 'application/json')
        .send(eventText('evt_scoped', POISON));
      expect(put.status).toBe(201);
      const inside = await request(app)
        .get(`${EVENTS}/evt_scoped`)
        .set('Authorization', AUTH)
        .set('X-Mock-Session', session);
      expect(inside.text).toContain(`"event_payload":${POISON}`);
      const outside = await request(app).get(`${EVENTS}/evt_scoped`).set('Authorization', AUTH);
      expect(outside.status).toBe(200);
      expect(outside.text).not.toContain(POISON);
      const journal = await request(app).get(`/__mock/requests?session=${session}`);
      expect(journal.status).toBe(200);
      expect(JSON.parse(journal.text)).toHaveLength(1);
    },
  );

  it('answers requests with headers named __proto__ and constructor, and journals them', async () => {
    const res = await request(app)
      .get(`${EVENTS}/with-odd-headers`)
      .set('Authorization', AUTH)
      .set('__proto__', '{"polluted":"yes"}')
      .set('constructor', 'x')
      .set('Prefer', '__proto__=x, constructor=y, prototype');
    expect(res.status).toBe(200);
    const [entry] = JSON.parse((await request(app).get('/__mock/requests')).text) as {
      headers: Record<string, string>;
    }[];
    expect(entry?.headers['constructor']).toBe('x');
  });

  it.each([
    `${EVENTS}/q?__proto__[polluted]=yes&constructor[prototype][polluted]=yes`,
    `${EVENTS}/q?__proto__.polluted=yes&__code=__proto__`,
    '/__mock/requests?__proto__[polluted]=yes&eventId=__proto__&session=constructor',
    '/__mock/fixtures?__proto__[polluted]=yes',
  ])('answers %s without polluting', async (path) => {
    const res = await request(app).get(path).set('Authorization', AUTH);
    expectWellFormed({ status: res.status, headers: res.headers, body: res.text });
  });
});

describe('config-like JSON with __proto__, constructor and prototype keys', () => {
  it.each([
    ['__proto__', '{"__proto__":{"port":1,"host":"0.0.0.0","polluted":"yes"}}'],
    ['constructor', '{"constructor":{"prototype":{"polluted":"yes"}}}'],
    ['prototype', '{"port":4011,"prototype":{"polluted":"yes"}}'],
  ])('refuses a config file with a "%s" key, naming it', (key, text) => {
    const file = join(tempDir(), 'config.json');
    writeFileSync(file, text);
    expect(() => readConfigFile(file)).toThrow(OptionsError);
    expect(() => readConfigFile(file)).toThrow(`${key} is not a known key`);
    expect(() => resolveOptions(JSON.parse(text) as Record<string, unknown>)).toThrow(
      `${key} is not a known key`,
    );
  });

  it('refuses __proto__ inside createApp options parsed from JSON, naming it, and pollutes nothing', () => {
    const options = JSON.parse(
      '{"auth":{"__proto__":{"mode":"none"}},"limits":{"__proto__":{"fixtures":1}},"admin":{"__proto__":{"enabled":false}}}',
    ) as MockOptions;
    expect(() => createApp({ ...options, logger: quiet })).toThrow(OptionsError);
    expect(() => createApp({ ...options, logger: quiet })).toThrow(
      /auth\.__proto__ is not a known key[\s\S]*limits\.__proto__[\s\S]*admin\.__proto__/,
    );
    expect(({} as Record<string, unknown>)['mode']).toBeUndefined();
    expect(({} as Record<string, unknown>)['enabled']).toBeUndefined();
  });
});
