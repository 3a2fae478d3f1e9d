import { describe, expect, it } from 'vitest';
import { standaloneBuffer } from '../src/core/standalone-buffer.js';
import { testEngine } from './helpers/engine.js';
import { AUTH_HEADERS } from './helpers/credentials.js';

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
    const engine = testEngine();
    const fixture = engine.files.events.get('evt_all_fields_set');
    if (!fixture) throw new Error('the bundled fixture evt_all_fields_set is missing');
    expect(fixture.body.buffer.byteLength).toBe(fixture.body.byteLength);
    const request = { method: 'GET', target: '/v1/audit/events/evt_hot', headers: AUTH_HEADERS };
    for (let call = 0; call < 2; call += 1) expect(engine.handle(request).answer.status).toBe(200);
    const cached = engine.generated.get('evt_hot');
    if (!cached) throw new Error('an id asked for twice should be cached');
    expect(cached.body.buffer.byteLength).toBe(cached.body.byteLength);
  });
});
