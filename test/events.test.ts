import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { mockUrl } from './helpers/serve-mock.js';
import { PROVIDER_DATE_TIME } from '../src/wire/format-provider-date-time.js';
import { bundledEventFixtures, eventFieldNames } from './helpers/paths.js';

const app = await mockUrl();
const get = (path: string) => request(app).get(path).set('Authorization', 'Bearer any-token');

describe('GET /v1/audit/events/{event_id}', () => {
  const fixtures = bundledEventFixtures();

  it('ships at least 12 curated fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
  });

  it.each(fixtures.filter(({ id }) => id !== 'evt_integral_latency'))(
    'answers $id with exactly its fixture',
    async ({ id, event }) => {
      const res = await get(`/v1/audit/events/${id}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.text).toBe(JSON.stringify(event));
    },
  );

  it('writes an integral float the way the provider does (12.0)', async () => {
    const res = await get('/v1/audit/events/evt_integral_latency');
    expect(res.text).toContain('"latency_ms":12.0,');
    expect(JSON.parse(res.text)).toEqual(
      fixtures.find(({ id }) => id === 'evt_integral_latency')?.event,
    );
  });

  it('generates an event whose id is the requested id for an id without a fixture', async () => {
    const res = await get('/v1/audit/events/3f1c9e0a-any-id');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.text).id).toBe('3f1c9e0a-any-id');
  });

  it('serializes as the provider: every field, in the declared order, compact, created_at in its format', async () => {
    for (const id of ['e1', 'e2', 'evt-xyz', 'ünïcödé']) {
      const res = await get(`/v1/audit/events/${encodeURIComponent(id)}`);
      const body = JSON.parse(res.text) as Record<string, unknown>;
      expect(Object.keys(body)).toEqual(eventFieldNames());
      expect(res.text).toBe(
        JSON.stringify(body).replace(/"latency_ms":(\d+),/, '"latency_ms":$1.0,'),
      );
      expect(body['created_at']).toMatch(PROVIDER_DATE_TIME);
      expect(String(body['created_at'])).toMatch(/(\.\d{6})?Z$/);
    }
  });

  it('keeps non-ASCII text as UTF-8, unescaped', async () => {
    const res = await get('/v1/audit/events/evt_non_ascii');
    expect(res.text).not.toMatch(/\\u[0-9a-f]{4}/i);
    expect([...res.text].some((char) => char.charCodeAt(0) > 0x7f)).toBe(true);
  });
});

describe('paths are decoded leniently, as the provider decodes them', () => {
  it.each([
    ['/v1/audit/events/%zz', '%zz'],
    ['/v1/audit/events/100%', '100%'],
    ['/v1/audit/events/%E0%A4%A', '\ufffd%A'],
    ['/v1/audit/events/caf%C3%A9', 'café'],
    ['/v1/audit/events/a%20b', 'a b'],
    ['/v1/audit/events/%EF%BB%BFbom', '\ufeffbom'],
  ])('%s is the id %j', async (path, id) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).id).toBe(id);
  });

  it('an encoded slash no longer matches the route', async () => {
    const res = await get('/v1/audit/events/a%2Fb');
    expect(res.status).toBe(404);
    expect(res.text).toBe('{"detail":"Not Found"}');
  });
});
