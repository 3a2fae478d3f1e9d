import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve, serveOptions } from '../src/cli/serve-command.js';
import type { MockOptions } from '../src/config/mock-options.js';
import { OptionsError } from '../src/config/options-error.js';
import type { ResolvedOptions } from '../src/config/resolve-options.js';
import { defaultOptions, resolveOptions } from '../src/config/resolve-options.js';
import { runCli, startCli } from './helpers/cli-process.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { runMain, TextSink } from './helpers/in-process-cli.js';
import { tempDir } from './helpers/temp-dir.js';

const configFile = (settings: unknown): string =>
  join(tempDir({ 'config.json': JSON.stringify(settings) }), 'config.json');

/** The options `serve` would run with for these flags and this environment, defaults applied. */
function optionsFor(args: readonly string[], env: NodeJS.ProcessEnv = {}): ResolvedOptions {
  const options = serveOptions(args, env);
  if (options === undefined) throw new Error('serveOptions took the flags for --help');
  return resolveOptions(options);
}

describe('serve options: flags > environment > config file > defaults', () => {
  it.each([
    {
      key: 'port',
      read: (options: ResolvedOptions) => options.port,
      file: { port: 4001 },
      flag: '--port',
      variable: 'PORT',
      values: { env: '4002', flag: '4003' },
      expected: { file: 4001, env: 4002, flag: 4003 },
    },
    {
      key: 'host',
      read: (options: ResolvedOptions) => options.host,
      file: { host: '127.0.0.2' },
      flag: '--host',
      variable: 'HOST',
      values: { env: '127.0.0.3', flag: '127.0.0.4' },
      expected: { file: '127.0.0.2', env: '127.0.0.3', flag: '127.0.0.4' },
    },
    {
      key: 'seed',
      read: (options: ResolvedOptions) => options.seed,
      file: { seed: 'from-file' },
      flag: '--seed',
      variable: 'SEED',
      values: { env: 'from-env', flag: 'from-flag' },
      expected: { file: 'from-file', env: 'from-env', flag: 'from-flag' },
    },
    {
      key: 'admin.token',
      read: (options: ResolvedOptions) => options.admin.token,
      file: { admin: { token: 'file-token' } },
      flag: '--admin-token',
      variable: 'MOCK_ADMIN_TOKEN',
      values: { env: 'env-token', flag: 'flag-token' },
      expected: { file: 'file-token', env: 'env-token', flag: 'flag-token' },
    },
    {
      key: 'log.level',
      read: (options: ResolvedOptions) => options.log.level,
      file: { log: { level: 'error' } },
      flag: '--log-level',
      variable: 'LOG_LEVEL',
      values: { env: 'warn', flag: 'debug' },
      expected: { file: 'error', env: 'warn', flag: 'debug' },
    },
  ])(
    '$key: $flag over $variable over the config file over the default',
    ({ read, file: settings, flag, variable, values, expected }) => {
      const file = configFile(settings);
      const env = { [variable]: values.env };
      expect(read(optionsFor([]))).toEqual(read(defaultOptions()));
      expect(read(optionsFor(['--config', file]))).toEqual(expected.file);
      expect(read(optionsFor(['--config', file], env))).toEqual(expected.env);
      expect(read(optionsFor(['--config', file, flag, values.flag], env))).toEqual(expected.flag);
      expect(read(optionsFor([flag, values.flag], env))).toEqual(expected.flag);
    },
  );

  it('takes every option from the config file, in the shape the library takes', () => {
    const file: MockOptions = {
      port: 0,
      host: '::1',
      seed: 'ci',
      watch: true,
      auth: { mode: 'bearer-only', accept: ['a'], reject: ['b'] },
      cors: { origins: ['http://localhost:5173'] },
      latency: { kind: 'uniform', min: 1, max: 2 },
      chaos: 0.5,
      limits: { journal: 10, fixtures: 5, scenarios: 6, sessions: 7 },
      admin: { enabled: false, token: 'x', origins: ['http://localhost:3000'], bodyLimit: 2048 },
      log: { level: 'warn', format: 'json' },
      gracePeriodMs: 100,
    };
    expect(serveOptions(['--config', configFile(file)], {})).toEqual(file);
    expect(optionsFor(['--config', configFile(file)])).toMatchObject({
      ...file,
      auth: { mode: 'bearer-only', accept: ['a'], reject: ['expired', 'invalid', 'b'] },
    });
  });

  it('maps every flag onto the same options', () => {
    const flags = [
      ['--port', '0'],
      ['--host', '::1'],
      ['--seed', 'ci'],
      ['--watch'],
      ['--auth', 'bearer-only'],
      ['--accept-token', 'a', '--accept-token', 'a2'],
      ['--reject-token', 'b'],
      ['--cors-origin', 'http://localhost:5173'],
      ['--latency', 'uniform:1-2'],
      ['--chaos', '0.5'],
      ['--journal-size', '10'],
      ['--state-bytes', '2097152'],
      ['--admin-token', 'x'],
      ['--admin-origin', 'http://localhost:3000'],
      ['--no-admin'],
      ['--log-level', 'warn'],
      ['--log-format', 'json'],
    ].flat();
    expect(serveOptions(flags, {})).toEqual({
      port: 0,
      host: '::1',
      seed: 'ci',
      watch: true,
      auth: { mode: 'bearer-only', accept: ['a', 'a2'], reject: ['b'] },
      cors: { origins: ['http://localhost:5173'] },
      latency: { kind: 'uniform', min: 1, max: 2 },
      chaos: 0.5,
      limits: { journal: 10, stateBytes: 2_097_152 },
      admin: { token: 'x', origins: ['http://localhost:3000'], enabled: false },
      log: { level: 'warn', format: 'json' },
    });
  });

  it('keeps the config file where a flag or variable is not given (an empty variable is not given)', () => {
    const file = configFile({ seed: 'from-file', watch: true, log: { format: 'pretty' } });
    expect(optionsFor(['--config', file, '--port', '0'], { SEED: '', PORT: '' })).toMatchObject({
      seed: 'from-file',
      watch: true,
      log: { format: 'pretty' },
      port: 0,
    });
  });

  it('rejects an unknown key in the config file, naming it and the file', () => {
    const file = configFile({ port: 0, prot: 4011 });
    expect(() => optionsFor(['--config', file])).toThrow(OptionsError);
    expect(() => optionsFor(['--config', file])).toThrow(`${file}: prot is not a known key`);
  });

  it.each([
    ['an unknown key', { seed: 'x', logLevl: 'debug' }, /logLevl is not a known key/],
    ['a value of the wrong type', { port: '4010' }, /port must be integer/],
    [
      'a value that is not allowed',
      { log: { format: 'xml' } },
      /log\.format must be one of auto, pretty, json/,
    ],
    ['an unknown nested key', { admin: { tokn: 'x' } }, /admin\.tokn is not a known key/],
    ['an array instead of an object', [], /must hold a JSON object of options/],
  ])('exits 2 for a config file with %s, naming the file', async (_, settings, message) => {
    const file = configFile(settings);
    const result = await runMain(['--config', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain(file);
  });

  it('reads a config file that starts with a byte-order mark', () => {
    const dir = tempDir({ 'config.json': `\uFEFF${JSON.stringify({ seed: 'bom' })}` });
    expect(optionsFor(['--config', join(dir, 'config.json')]).seed).toBe('bom');
  });

  it('exits 2 for a config file that is not JSON, naming it', async () => {
    const file = join(tempDir({ 'config.json': '{ "port": 0, }' }), 'config.json');
    const result = await runMain(['--config', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`The config file ${file} is not valid JSON`);
  });

  it('exits 2 for a config file that does not exist, naming it', async () => {
    const file = join(tempDir(), 'missing.json');
    const result = await runMain(['--config', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Cannot read the config file ${file}`);
  });

  it.each([
    ['PORT', 'abc', /PORT must be a whole number from 0 to 65535, got "abc"/],
    ['LOG_LEVEL', 'loud', /log\.level must be one of .*silent/],
  ])('exits 2 for a malformed %s in the environment', async (variable, value, message) => {
    const result = await runMain(['--port', '0'], { [variable]: value });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it.each([['0x10'], ['1e3'], [' 80'], ['80.5'], ['']])(
    'exits 2 for --port %j: ports are decimal digits only',
    async (port) => {
      const result = await runMain(['--port', port]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/--port must be a whole number in decimal digits/);
    },
  );
});

/** Starts `serve` in this process on port 0, makes `ids` requests, closes it; returns its output. */
async function serveAndLog(
  log: MockOptions['log'],
  output: TextSink,
  ids: readonly string[],
  headers: Readonly<Record<string, string>> = AUTH_HEADERS,
): Promise<string[]> {
  const { server } = await serve({ port: 0, ...(log ? { log } : {}) }, output);
  try {
    for (const id of ids)
      await (await fetch(`${server.url}/v1/audit/events/${id}`, { headers })).text();
  } finally {
    // Once closed, every answer is done, and so is its log line.
    await server.close();
  }
  return output.text.trimEnd().split('\n').slice(2);
}

const PRETTY_REQUEST =
  /^\d\d:\d\d:\d\d\.\d{3} INFO GET \/v1\/audit\/events\/(\S+) (\d{3}) (\w+) \d+\.\dms$/;

describe('request logs', () => {
  it('writes one JSON line per request when the output is not a terminal', async () => {
    const lines = await serveAndLog(undefined, new TextSink(), ['evt_login_failed', 'e-generated']);
    expect(lines).toHaveLength(2);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records[0]).toMatchObject({
      msg: 'request',
      method: 'GET',
      path: '/v1/audit/events/evt_login_failed',
      status: 200,
      source: 'fixture',
    });
    expect(records[1]).toMatchObject({
      msg: 'request',
      method: 'GET',
      path: '/v1/audit/events/e-generated',
      status: 200,
      source: 'generated',
    });
    for (const record of records) {
      expect(record['latencyMs']).toEqual(expect.any(Number));
      expect(record['latencyMs']).toBeGreaterThanOrEqual(0);
    }
  });

  it('writes one short pretty line per request on a terminal', async () => {
    const lines = await serveAndLog(undefined, new TextSink({ isTTY: true }), ['evt_login_failed']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(PRETTY_REQUEST);
    expect(PRETTY_REQUEST.exec(lines[0] ?? '')?.slice(1)).toEqual([
      'evt_login_failed',
      '200',
      'fixture',
    ]);
  });

  it('logs rejected requests too, with their status and source', async () => {
    const lines = await serveAndLog({ format: 'pretty' }, new TextSink(), ['e1'], {});
    expect(PRETTY_REQUEST.exec(lines[0] ?? '')?.slice(1)).toEqual(['e1', '401', 'auth']);
  });

  it('--log-format json wins over a terminal, --log-format pretty over a pipe', async () => {
    const json = await serveAndLog({ format: 'json' }, new TextSink({ isTTY: true }), ['e1']);
    expect(JSON.parse(json[0] ?? '')).toMatchObject({
      msg: 'request',
      path: '/v1/audit/events/e1',
    });
    const pretty = await serveAndLog({ format: 'pretty' }, new TextSink(), ['e1']);
    expect(pretty[0]).toMatch(PRETTY_REQUEST);
  });

  it('--log-level warn leaves the request lines out', async () => {
    const lines = await serveAndLog({ level: 'warn' }, new TextSink(), ['e1', 'e2']);
    expect(lines).toEqual([]);
  });
});

describe.concurrent('the config file in a real process', () => {
  it('serves with the settings of the config file over the defaults', async ({
    expect,
    onTestFinished,
  }) => {
    const dir = tempDir(
      {
        'config.json': JSON.stringify({ port: 0, seed: 'from-file', log: { level: 'silent' } }),
      },
      onTestFinished,
    );
    const cli = await startCli(['--config', join(dir, 'config.json')]);
    try {
      expect(cli.banner[0]).toMatch(/ \(\d+ fixtures, seed "from-file"\)$/);
      expect(cli.port).not.toBe(4010);
      const res = await fetch(`${cli.url}/v1/audit/events/e1`, { headers: AUTH_HEADERS });
      expect(res.status).toBe(200);
      await res.text();
    } finally {
      expect(await cli.stop()).toEqual({ code: 0, signal: null });
    }
    expect(cli.lines.slice(2)).toEqual([]);
  });

  it('lets the environment override the config file, and flags override both', async ({
    expect,
    onTestFinished,
  }) => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const address = taken.address();
    const takenPort = typeof address === 'object' && address !== null ? address.port : 0;
    onTestFinished(() => void taken.close());
    const dir = tempDir(
      {
        'config.json': JSON.stringify({
          port: takenPort,
          seed: 'from-file',
          log: { level: 'silent' },
          admin: { token: 'file-token' },
        }),
      },
      onTestFinished,
    );
    const cli = await startCli(['--config', join(dir, 'config.json'), '--seed', 'from-flag'], {
      env: { PORT: '0', SEED: 'from-env', LOG_LEVEL: 'info', MOCK_ADMIN_TOKEN: 'env-token' },
    });
    try {
      // PORT=0 beat the file's (taken) port; --seed beat SEED and the file.
      expect(cli.port).not.toBe(takenPort);
      expect(cli.banner[0]).toMatch(/ \(\d+ fixtures, seed "from-flag"\)$/);
      // MOCK_ADMIN_TOKEN beat the file's adminToken.
      expect(cli.banner[1]).toBe('admin API at /__mock: requires the X-Mock-Admin-Token header');
      const health = async (token: string) => {
        const res = await fetch(`${cli.url}/__mock/health`, {
          headers: { 'x-mock-admin-token': token },
        });
        await res.text();
        return res.status;
      };
      expect(await health('env-token')).toBe(200);
      expect(await health('file-token')).toBe(401);
      // LOG_LEVEL=info beat the file's "silent": the request is logged, as JSON (not a terminal).
      const res = await fetch(`${cli.url}/v1/audit/events/evt_login_failed`, {
        headers: AUTH_HEADERS,
      });
      expect(res.status).toBe(200);
      await res.text();
      const line = await cli.waitForLine((text) => text.includes('"msg":"request"'));
      expect(JSON.parse(line)).toMatchObject({
        method: 'GET',
        path: '/v1/audit/events/evt_login_failed',
        status: 200,
        source: 'fixture',
        latencyMs: expect.any(Number),
      });
    } finally {
      expect(await cli.stop()).toEqual({ code: 0, signal: null });
    }
  });

  it('exits 2 for an unknown key in the config file, naming the key', async ({
    expect,
    onTestFinished,
  }) => {
    const dir = tempDir(
      {
        'config.json': JSON.stringify({ port: 0, sed: 'typo' }),
      },
      onTestFinished,
    );
    const result = await runCli(['--config', join(dir, 'config.json')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^audit-events-mock: .*config\.json: sed is not a known key/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
