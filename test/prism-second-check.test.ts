import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { mockUrl } from './helpers/serve-mock.js';
import { bundledEventFixtures } from './helpers/paths.js';
import { prismViolations } from './helpers/prism-check.js';

const app = await mockUrl();

describe("Prism's validator agrees that responses keep the contract", () => {
  it('accepts every fixture as served', async () => {
    for (const { id } of bundledEventFixtures()) {
      const res = await request(app).get(`/v1/audit/events/${id}`).set('Authorization', 'Bearer t');
      expect(
        prismViolations(res.status, res.headers['content-type'] ?? '', JSON.parse(res.text)),
        id,
      ).toEqual([]);
    }
  });

  it('accepts 300 generated events as served', async () => {
    for (let index = 0; index < 300; index += 1) {
      const res = await request(app)
        .get(`/v1/audit/events/prism-${index}`)
        .set('Authorization', 'Bearer t');
      expect(
        prismViolations(res.status, res.headers['content-type'] ?? '', JSON.parse(res.text)),
      ).toEqual([]);
    }
  });

  it('accepts forced and pinned 422 bodies', async () => {
    for (const path of [
      '/v1/audit/events/x?__code=422',
      '/v1/audit/events/0b9e8f3c-2d1a-4c5b-9e7f-6a5b4c3d2e1f?__code=422',
      '/v1/audit/events/evt_unprocessable',
    ]) {
      const res = await request(app).get(path).set('Authorization', 'Bearer t');
      expect(res.status).toBe(422);
      expect(
        prismViolations(422, res.headers['content-type'] ?? '', JSON.parse(res.text)),
        path,
      ).toEqual([]);
    }
  });

  it('would catch a broken body (the second check is live)', () => {
    expect(prismViolations(200, 'application/json', { id: 1 })).not.toEqual([]);
  });
});
