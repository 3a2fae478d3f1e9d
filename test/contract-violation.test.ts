import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { mockUrl } from './helpers/serve-mock.js';
import { SpecError } from '../src/contract/spec-error.js';
import { SPEC_FILE } from './helpers/paths.js';
import { tempDir } from './helpers/temp-dir.js';

/** The bundled spec with `id` limited to 8 characters: long ids make the generator break it. */
function stricterSpec(): string {
  const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8'));
  spec.components.schemas.AuditEventResponse.properties.id.maxLength = 8;
  return `${tempDir({ 'openapi.json': JSON.stringify(spec) })}/openapi.json`;
}

describe('every response is checked against the spec before it is sent', () => {
  it('answers 500 naming the violation, and logs it, when a generated body breaks the spec', async () => {
    const logger = { error: vi.fn() };
    const app = await mockUrl({ spec: stricterSpec(), fixtures: tempDir(), logger });
    const res = await request(app)
      .get('/v1/audit/events/much-longer-than-eight')
      .set('Authorization', 'Bearer t');
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/json');
    const { detail } = JSON.parse(res.text) as { detail: string };
    expect(detail).toContain('/id: must NOT have more than 8 characters (rule: maxLength)');
    expect(logger.error).toHaveBeenCalledWith(
      'response broke the contract',
      expect.objectContaining({
        violations: [expect.objectContaining({ pointer: '/id', rule: 'maxLength' })],
      }),
    );
  });

  it('still answers ids that keep to the stricter spec', async () => {
    const app = await mockUrl({ spec: stricterSpec(), fixtures: tempDir() });
    expect(
      (await request(app).get('/v1/audit/events/short').set('Authorization', 'Bearer t')).status,
    ).toBe(200);
  });

  it('refuses to start when fixtures of your own fail the spec, naming each file and pointer', async () => {
    const own = tempDir({
      'events/evt_login_failed.json': readFileSync(
        new URL('../fixtures/events/evt_login_failed.json', import.meta.url),
        'utf8',
      ),
    });
    await expect(mockUrl({ spec: stricterSpec(), fixtures: own })).rejects.toThrow(
      /events\/evt_login_failed.json: \/id: must NOT have more than 8 characters/,
    );
  });

  it('reports the bundled fixtures another spec forbids, and serves without them', async () => {
    const logger = { error: vi.fn() };
    const app = await mockUrl({ spec: stricterSpec(), logger });
    const [message, fields] = logger.error.mock.calls[0] as [string, { problems: string[] }];
    expect(message).toMatch(/bundled fixtures do not match the spec .* and are not served/);
    expect(fields.problems).toContain(
      'events/evt_login_failed.json: /id: must NOT have more than 8 characters (rule: maxLength)',
    );
    // Left out, so the id gets a generated event, which breaks the stricter spec in turn.
    const res = await request(app)
      .get('/v1/audit/events/evt_login_failed')
      .set('Authorization', 'Bearer t');
    expect(res.status).toBe(500);
  });

  it('refuses to start with a spec that is not OpenAPI 3.1 or whose schemas do not compile', async () => {
    const oldSpec = `${tempDir({ 'o.json': JSON.stringify({ openapi: '3.0.3', paths: {}, components: { schemas: {} } }) })}/o.json`;
    await expect(mockUrl({ spec: oldSpec })).rejects.toThrow(SpecError);
    const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8'));
    spec.components.schemas.AuditEventResponse.properties.id.type = 'text';
    const broken = `${tempDir({ 'b.json': JSON.stringify(spec) })}/b.json`;
    await expect(mockUrl({ spec: broken })).rejects.toThrow(/do not compile/);
    await expect(mockUrl({ spec: '/nonexistent.json' })).rejects.toThrow(
      /Cannot read the spec file \/nonexistent.json/,
    );
  });
});
