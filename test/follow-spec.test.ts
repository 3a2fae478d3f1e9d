import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { compileContract } from '../src/contract/compile-contract.js';
import { loadSpec } from '../src/contract/load-spec.js';
import { generateEvent } from '../src/library/generate-event.js';
import { startCli } from './helpers/cli-process.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { eventFieldNames } from './helpers/paths.js';
import { mockUrl } from './helpers/serve-mock.js';
import { tempDir } from './helpers/temp-dir.js';
import { VARIANTS, variantSpecFile } from './helpers/variant-spec.js';

const IDS = Array.from({ length: 40 }, (_, index) => `evt_variant_${index}`);

async function events(
  app: string,
  ids: readonly string[] = IDS,
): Promise<Record<string, unknown>[]> {
  return Promise.all(
    ids.map(async (id) => {
      const res = await request(app).get(`/v1/audit/events/${id}`).set(AUTH_HEADERS);
      expect(res.status, res.text).toBe(200);
      return JSON.parse(res.text) as Record<string, unknown>;
    }),
  );
}

describe('the generator follows the loaded spec', () => {
  it.each(Object.entries(VARIANTS))(
    'serves the shape of a spec with %s, valid by it',
    async (_name, edit) => {
      const spec = variantSpecFile(edit);
      const app = await mockUrl({ spec, fixtures: tempDir() });
      const contract = compileContract(loadSpec(spec));
      for (const event of await events(app)) {
        expect(Object.keys(event)).toEqual(contract.eventFields.map((field) => field.name));
        expect(contract.validateEvent(event)).toEqual([]);
      }
    },
  );

  it('generates an added field from its schema, and keeps every other field as the domain makes it', async () => {
    const app = await mockUrl({
      spec: variantSpecFile(VARIANTS['a field added (tenant_id, required)']),
      fixtures: tempDir(),
    });
    for (const event of await events(app, IDS.slice(0, 10))) {
      expect(event['tenant_id']).toMatch(/^tenant_[0-9a-f]{12}$/);
      const rest = Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'tenant_id'));
      expect(rest).toEqual(generateEvent(String(event['id'])));
    }
  });

  it('does not send a removed field', async () => {
    const app = await mockUrl({
      spec: variantSpecFile(VARIANTS['a field removed (actor_id)']),
      fixtures: tempDir(),
    });
    for (const event of await events(app, IDS.slice(0, 10))) {
      expect(event).not.toHaveProperty('actor_id');
      expect(Object.keys(event)).toEqual(eventFieldNames().filter((name) => name !== 'actor_id'));
    }
  });

  it('generates a retyped field with its new type', async () => {
    const app = await mockUrl({
      spec: variantSpecFile(VARIANTS['a field retyped (user_id integer → string)']),
      fixtures: tempDir(),
    });
    const values = (await events(app)).map((event) => event['user_id']);
    expect(values.every((value) => value === null || typeof value === 'string')).toBe(true);
    expect(values.some((value) => typeof value === 'string')).toBe(true);
  });

  it('fills a field made required and non-null, keeping the domain value where there is one', async () => {
    const app = await mockUrl({
      spec: variantSpecFile(VARIANTS['a field made required and not nullable (resource_type)']),
      fixtures: tempDir(),
    });
    for (const event of await events(app)) {
      const domain = generateEvent(String(event['id'])).resource_type;
      expect(typeof event['resource_type']).toBe('string');
      if (domain !== null) expect(event['resource_type']).toBe(domain);
    }
  });

  it('follows type, format, enum, nullable, anyOf and bounds of added fields', async () => {
    const spec = variantSpecFile((edited) => {
      const properties = edited.components.schemas.AuditEventResponse.properties;
      properties['region'] = { type: 'string', enum: ['eu-west-1', 'us-east-1'], title: 'Region' };
      properties['expires_at'] = {
        anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }],
        title: 'Expires At',
      };
      properties['retries'] = { type: 'integer', minimum: 0, maximum: 5, title: 'Retries' };
      properties['score'] = { type: 'number', title: 'Score' };
      properties['owner_email'] = { type: 'string', format: 'email', title: 'Owner Email' };
      properties['labels'] = { type: 'array', items: { type: 'string' }, title: 'Labels' };
      properties['trace'] = { type: 'string', format: 'uuid', title: 'Trace' };
      properties['archived'] = { type: 'boolean', title: 'Archived' };
      properties['kind'] = { const: 'audit', title: 'Kind' };
    });
    const app = await mockUrl({ spec, fixtures: tempDir() });
    const all = await events(app);
    for (const event of all) {
      expect(['eu-west-1', 'us-east-1']).toContain(event['region']);
      expect(event['retries']).toBeGreaterThanOrEqual(0);
      expect(event['retries']).toBeLessThanOrEqual(5);
      expect(event['owner_email']).toMatch(/^user\d+@example\.com$/);
      expect(event['trace']).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(event['kind']).toBe('audit');
      expect(typeof event['archived']).toBe('boolean');
      expect(Array.isArray(event['labels'])).toBe(true);
    }
    const expiries = all.map((event) => event['expires_at']);
    expect(expiries).toContain(null);
    expect(expiries.find((value) => value !== null)).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/,
    );
  });

  it('writes a float field as the provider does, 12.0 for an integral value', async () => {
    const spec = variantSpecFile((edited) => {
      edited.components.schemas.AuditEventResponse.properties['cost'] = {
        type: 'number',
        minimum: 12,
        maximum: 12,
        title: 'Cost',
      };
    });
    const res = await request(await mockUrl({ spec, fixtures: tempDir() }))
      .get('/v1/audit/events/e1')
      .set(AUTH_HEADERS);
    expect(res.text).toMatch(/,"cost":12\.0\}$/);
  });

  it('gives the same bytes for the same seed and id, on any server, for any spec', async () => {
    const spec = variantSpecFile((edited) => {
      for (const edit of Object.values(VARIANTS)) edit(edited);
    });
    const [first, second] = await Promise.all([
      mockUrl({ spec, fixtures: tempDir() }),
      mockUrl({ spec, fixtures: tempDir() }),
    ]);
    const texts = async (app: string) =>
      Promise.all(
        IDS.slice(0, 10).map(
          async (id) => (await request(app).get(`/v1/audit/events/${id}`).set(AUTH_HEADERS)).text,
        ),
      );
    expect(await texts(first)).toEqual(await texts(second));
    const other = await mockUrl({ spec, fixtures: tempDir(), seed: 'another' });
    expect(await texts(other)).not.toEqual(await texts(first));
  });

  it('serves the bundled fixtures that still match a variant spec, and reports the others', async () => {
    const app = await mockUrl({
      spec: variantSpecFile(VARIANTS['a field retyped (user_id integer → string)']),
      logger: { error: () => undefined },
    });
    // evt_minimal_system has user_id null: still valid; evt_login_failed has an integer user_id.
    const minimal = await request(app).get('/v1/audit/events/evt_minimal_system').set(AUTH_HEADERS);
    expect(JSON.parse(minimal.text)).toMatchObject({
      actor_type: 'system',
      event_type: 'session.expired',
    });
    const replaced = JSON.parse(
      (await request(app).get('/v1/audit/events/evt_login_failed').set(AUTH_HEADERS)).text,
    ) as Record<string, unknown>;
    expect(typeof replaced['user_id'] === 'string' || replaced['user_id'] === null).toBe(true);
  });
});

describe('npm start -- --spec variant.json', () => {
  it("serves the variant's shape and its /openapi.json", async () => {
    const spec = variantSpecFile(VARIANTS['a field added (tenant_id, required)']);
    const cli = await startCli(['--port', '0', '--spec', spec, '--log-level', 'error']);
    try {
      const event = JSON.parse(
        (await request(cli.url).get('/v1/audit/events/e1').set(AUTH_HEADERS)).text,
      ) as Record<string, unknown>;
      expect(event).toHaveProperty('tenant_id');
      expect((await request(cli.url).get('/openapi.json')).text).toContain(
        '"tenant_id":{"type":"string","title":"Tenant Id"}',
      );
    } finally {
      await cli.stop();
    }
  });
});
