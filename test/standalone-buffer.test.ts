import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createMock } from '../src/create-mock.js';
import { standaloneBuffer } from '../src/http/standalone-buffer.js';
import { AUTH } from './helpers/http-get.js';

describe('standaloneBuffer', () => {
  it('copies strings and bytes into memory of their own, not a slab of the shared pool', () => {
    const pooled = Buffer.from('{"id":"evt"}');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    for (const data of ['{"id":"évt"}', pooled]) {
      const own = standaloneBuffer(data);
      expect(own.toString()).toBe(data.toString());
      expect(own.buffer.byteLength).toBe(own.byteLength);
      expect(own.byteOffset).toBe(0);
    }
  });

  it('gives loaded fixtures and generated answers kept in the cache their own memory', async () => {
    const mock = createMock({ logger: { info: () => undefined, error: () => undefined } });
    const fixture = mock.files.events.get('evt_all_fields_set');
    if (!fixture) throw new Error('the bundled fixture evt_all_fields_set is missing');
    expect(fixture.body.buffer.byteLength).toBe(fixture.body.byteLength);
    const app = createApp(mock);
    for (let call = 0; call < 2; call += 1)
      await request(app).get('/v1/audit/events/evt_hot').set(AUTH).expect(200);
    const cached = mock.generated.get('evt_hot');
    if (!cached) throw new Error('an id asked for twice should be cached');
    expect(cached.body.buffer.byteLength).toBe(cached.body.byteLength);
  });
});
