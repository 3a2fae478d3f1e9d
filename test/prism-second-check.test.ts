import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { bundledEventFixtures } from './helpers/paths.js';
import { prismViolations } from './helpers/prism-check.js';

const app = createApp();

describe("Prism's validator agrees that responses keep the contract", () => {
  it('accepts every fixture as served', async () => {
    for (const { id } of bundledEventFixtures()) {
      const res = await request(app).get(`/v1/audit/events/${id}`);
      expect(
        prismViolations(res.status, res.headers['content-type'] ?? '', JSON.parse(res.text)),
        id,
      ).toEqual([]);
    }
  });

  it('accepts 300 generated events as served', async () => {
    for (let index = 0; index < 300; index += 1) {
      const res = await request(app).get(`/v1/audit/events/prism-${index}`);
      expect(
        prismViolations(res.status, res.headers['content-type'] ?? '', JSON.parse(res.text)),
      ).toEqual([]);
    }
  });

  it('would catch a broken body (the second check is live)', () => {
    expect(prismViolations(200, 'application/json', { id: 1 })).not.toEqual([]);
  });
});
