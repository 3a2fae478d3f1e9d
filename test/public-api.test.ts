// A consumer's view: everything comes from the package's name, resolved through package.json
// "exports" to the built dist/ (run `npm run build` first), never from src/.
import { once } from 'node:events';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { Agent, createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { CompleteAuditEvent, MockOptions, RunningServer, Violation } from 'audit-events-mock';
import {
  createApp,
  DEFAULT_SEED,
  FixtureLoadError,
  generateEvent,
  ListenError,
  startServer,
  validateEvent,
} from 'audit-events-mock';
import { describe, expectTypeOf, it } from 'vitest';
import { resolveOptions } from '../src/config/resolve-options.js';
import { runNode } from './helpers/cli-process.js';
import { httpGet } from './helpers/http-get.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { FIXTURES_DIR, ROOT } from './helpers/paths.js';
import { tempDir } from './helpers/temp-dir.js';

const PACKAGE = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
  version: string;
  exports: Record<string, unknown>;
};

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { headers: AUTH_HEADERS });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe.concurrent('the package entry point', () => {
  it('resolves "audit-events-mock" to the built dist/index.js', ({ expect }) => {
    expect(import.meta.resolve('audit-events-mock')).toBe(
      new URL('dist/index.js', `file://${ROOT}`).href,
    );
    expect(PACKAGE.exports['.']).toEqual({
      types: './dist/index.d.ts',
      import: './dist/index.js',
    });
  });

  it('has the declared types of the public API', () => {
    expectTypeOf<MockOptions>().toExtend<Parameters<typeof createApp>[0]>();
    expectTypeOf(createApp).returns.toHaveProperty('listen');
    expectTypeOf(startServer).parameter(0).toEqualTypeOf<MockOptions | undefined>();
    expectTypeOf(startServer).returns.resolves.toEqualTypeOf<RunningServer>();
    expectTypeOf<RunningServer>().toExtend<{
      readonly url: string;
      readonly port: number;
      close(): Promise<void>;
    }>();
    expectTypeOf(generateEvent).returns.toEqualTypeOf<CompleteAuditEvent>();
    expectTypeOf(generateEvent)
      .parameter(1)
      .toEqualTypeOf<{ readonly seed?: string } | undefined>();
    expectTypeOf(validateEvent).parameter(0).toBeUnknown();
    expectTypeOf(validateEvent).returns.toEqualTypeOf<Violation[]>();
    expectTypeOf<CompleteAuditEvent['id']>().toBeString();
  });
});

describe.concurrent('createApp(options)', () => {
  it('builds an app a consumer can mount on its own server', async ({ expect }) => {
    const app = createApp({ seed: 'consumer' });
    const server = createServer(app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const fixture = await getJson(`http://127.0.0.1:${port}/v1/audit/events/evt_login_failed`);
      expect(fixture).toEqual({
        status: 200,
        body: JSON.parse(readFileSync(`${FIXTURES_DIR}/events/evt_login_failed.json`, 'utf8')),
      });
      const generated = await getJson(`http://127.0.0.1:${port}/v1/audit/events/evt_any`);
      expect(generated).toEqual({
        status: 200,
        body: generateEvent('evt_any', { seed: 'consumer' }),
      });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('throws a FixtureLoadError listing the problems of a broken fixtures folder', ({
    expect,
    onTestFinished,
  }) => {
    const dir = tempDir({ 'events/bad.json': '{ "id": ' }, onTestFinished);
    let thrown: unknown;
    try {
      createApp({ fixtures: dir });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FixtureLoadError);
    expect((thrown as FixtureLoadError).problems).toContainEqual(
      expect.objectContaining({ file: 'events/bad.json', rule: 'json' }),
    );
  });
});

describe.concurrent('startServer(options)', () => {
  it('listens on 127.0.0.1 and port 4010 by default, as the CLI does', ({ expect }) => {
    expect(resolveOptions({})).toMatchObject({ host: '127.0.0.1', port: 4010 });
  });

  it('listens on a free port of 127.0.0.1 with port 0 and gives its url', async ({ expect }) => {
    const server = await startServer({ port: 0, log: { level: 'silent' } });
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.port).not.toBe(4010);
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      const { status, body } = await getJson(`${server.url}/v1/audit/events/evt_1`);
      expect(status).toBe(200);
      expect(body).toEqual(generateEvent('evt_1'));
    } finally {
      await server.close();
    }
  });

  it('close() closes every socket, idle keep-alive ones included, and stops listening', async ({
    expect,
  }) => {
    const server = await startServer({ port: 0 });
    const agent = new Agent({ keepAlive: true });
    try {
      const { answer } = httpGet(`${server.url}/v1/audit/events/e1`, AUTH_HEADERS, agent);
      expect((await answer).status).toBe(200);
      const sockets = Object.values(agent.freeSockets).flat();
      expect(sockets).toHaveLength(1);
      const closedSocket = once(sockets[0] ?? agent, 'close');
      const started = Date.now();
      await server.close();
      await closedSocket;
      expect(Date.now() - started).toBeLessThan(1_000);
      await expect(
        fetch(`${server.url}/v1/audit/events/e1`, { headers: AUTH_HEADERS }),
      ).rejects.toThrow();
    } finally {
      agent.destroy();
    }
  });

  it('rejects with a ListenError naming the port when it is taken', async ({ expect }) => {
    const taken = createTcpServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as AddressInfo;
    try {
      const attempt = startServer({ port });
      await expect(attempt).rejects.toBeInstanceOf(ListenError);
      await expect(attempt).rejects.toThrow(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      taken.close();
    }
  });
});

describe.concurrent('generateEvent(id, options) and validateEvent(body)', () => {
  it('generates the event the server answers: same seed and id, same event', async ({ expect }) => {
    const event = generateEvent('evt_42', { seed: 'ci' });
    expect(event.id).toBe('evt_42');
    expect(generateEvent('evt_42', { seed: 'ci' })).toEqual(event);
    expect(generateEvent('evt_42', { seed: 'other' })).not.toEqual(event);
    expect(generateEvent('evt_42')).toEqual(generateEvent('evt_42', { seed: DEFAULT_SEED }));
    const server = await startServer({ port: 0, seed: 'ci' });
    try {
      expect(await getJson(`${server.url}/v1/audit/events/evt_42`)).toEqual({
        status: 200,
        body: event,
      });
    } finally {
      await server.close();
    }
  });

  it('finds no violation in generated events or in the bundled fixtures', ({ expect }) => {
    for (const id of ['a', 'evt_1', 'ünïcödé', '0'])
      expect(validateEvent(generateEvent(id, { seed: 's' }))).toEqual([]);
    const fixture: unknown = JSON.parse(
      readFileSync(`${FIXTURES_DIR}/events/evt_all_fields_set.json`, 'utf8'),
    );
    expect(validateEvent(fixture)).toEqual([]);
  });

  it('names the pointer, the message and the rule of each violation', ({ expect }) => {
    const withoutStatus: Record<string, unknown> = { ...generateEvent('evt_1') };
    delete withoutStatus['status'];
    expect(validateEvent({ ...generateEvent('evt_1'), user_id: 'u-1' })).toContainEqual({
      pointer: '/user_id',
      message: 'must be integer or null',
      rule: 'anyOf',
    });
    expect(validateEvent(withoutStatus)).toContainEqual(
      expect.objectContaining({ pointer: '/status', rule: 'required' }),
    );
    expect(validateEvent('not an event')).not.toEqual([]);
  });
});

describe.concurrent('importing the package', () => {
  it('loads Express only when an app is created, not to import or to generate', async ({
    expect,
  }) => {
    const script = `
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const loaded = () => Object.keys(require.cache).some((path) => path.includes('/node_modules/express/'));
const lib = await import('audit-events-mock');
const atImport = loaded();
lib.generateEvent('evt_1');
const afterGenerate = loaded();
lib.createApp({ log: { level: 'silent' } });
console.log(JSON.stringify({ atImport, afterGenerate, afterCreateApp: loaded() }));
`;
    const result = await runNode(['--input-type=module', '-e', script], { cwd: ROOT });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      atImport: false,
      afterGenerate: false,
      afterCreateApp: true,
    });
  });
});

describe.concurrent('a consumer project that depends on audit-events-mock', () => {
  it('imports it by name with node, and cannot reach past its exports', async ({
    expect,
    onTestFinished,
  }) => {
    const project = tempDir(
      {
        'package.json': JSON.stringify({ name: 'consumer', type: 'module', private: true }),
        'consumer.mjs': `
import { createApp, startServer, generateEvent, validateEvent } from 'audit-events-mock';
import pkg from 'audit-events-mock/package.json' with { type: 'json' };
import spec from 'audit-events-mock/spec/openapi.json' with { type: 'json' };
import scenarioSchema from 'audit-events-mock/schemas/scenario.schema.json' with { type: 'json' };

const report = {
  resolved: import.meta.resolve('audit-events-mock'),
  version: pkg.version,
  specTitle: spec.info.title,
  scenarioSchema: scenarioSchema.title,
  kinds: [createApp, startServer, generateEvent, validateEvent].map((value) => typeof value),
};
const server = await startServer({ port: 0, seed: 'consumer' });
const res = await fetch(server.url + '/v1/audit/events/evt_1', {
  headers: { authorization: 'Bearer t' },
});
report.status = res.status;
report.body = await res.json();
report.generated = generateEvent('evt_1', { seed: 'consumer' });
report.violations = validateEvent(report.body);
await server.close();
try {
  await import('audit-events-mock/dist/app.js');
  report.deepImport = 'allowed';
} catch (error) {
  report.deepImport = error.code;
}
console.log(JSON.stringify(report));
`,
      },
      onTestFinished,
    );
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(ROOT.replace(/\/$/, ''), join(project, 'node_modules', 'audit-events-mock'), 'dir');
    const result = await runNode([join(project, 'consumer.mjs')], { cwd: project });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report['resolved']).toBe(new URL('dist/index.js', `file://${ROOT}`).href);
    expect(report['version']).toBe(PACKAGE.version);
    expect(report['specTitle']).toBe('Audit Events API');
    expect(report['scenarioSchema']).toBe('ScenarioDefinition');
    expect(report['kinds']).toEqual(['function', 'function', 'function', 'function']);
    expect(report['status']).toBe(200);
    expect(report['body']).toEqual(report['generated']);
    expect(report['violations']).toEqual([]);
    expect(report['deepImport']).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});
