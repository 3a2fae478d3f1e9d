import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../src/cli/generate-command.js';
import { validateEvent } from '../src/library/generate-event.js';
import { startServer } from '../src/library/start-server.js';
import type { CliResult } from './helpers/cli-process.js';
import { cliEnv, runCli } from './helpers/cli-process.js';
import { runMain, TextSink } from './helpers/in-process-cli.js';
import { CLI, FIXTURES_DIR, ROOT } from './helpers/paths.js';
import { tempDir } from './helpers/temp-dir.js';

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string }
).version;
const good = JSON.parse(
  readFileSync(`${FIXTURES_DIR}/events/evt_login_failed.json`, 'utf8'),
) as Record<string, unknown>;
const eventFile = (changes: Record<string, unknown>) =>
  JSON.stringify({ ...good, ...changes }, null, 2);
const countJson = (folder: string) =>
  readdirSync(join(FIXTURES_DIR, folder)).filter((name) => name.endsWith('.json')).length;
const ndjson = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const STACK_TRACE = /\n\s+at /;

/** A TCP server holding a port on 127.0.0.1, so the CLI finds it taken. */
async function holdPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

/** Runs `generate` in this process, as the bin would; returns what it printed. */
async function generateInProcess(args: readonly string[]): Promise<string> {
  const out = new TextSink();
  expect(await generate(args, out, new TextSink())).toBe(0);
  return out.text;
}

/** One spawned run shared by the tests that look at different sides of it. */
function shared(run: () => Promise<CliResult>): () => Promise<CliResult> {
  let result: Promise<CliResult> | undefined;
  return () => (result ??= run());
}

describe.concurrent('audit-events-mock as a real process', () => {
  it('--help prints the usage of the tool on stdout and exits 0', async ({ expect }) => {
    const result = await runCli(['--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Usage: audit-events-mock <command> \[options\]\n/);
    for (const command of ['serve', 'validate', 'generate'])
      expect(result.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
  });

  it('--version prints the version from package.json and exits 0', async ({ expect }) => {
    expect(await runCli(['--version'])).toMatchObject({
      code: 0,
      stdout: `${PACKAGE_VERSION}\n`,
      stderr: '',
    });
  });

  const unknownFlag = shared(() => runCli(['--port', '0', '--bogus']));

  it('an unknown flag exits 2 with one line naming it and pointing to --help', async ({
    expect,
  }) => {
    const result = await unknownFlag();
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^audit-events-mock: Unknown option '--bogus'.*--help/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  // Issue 5: "unknown flag → usage line, exit 2". Today only a pointer to --help is printed.
  it('an unknown flag shows a usage line', async ({ expect }) => {
    const result = await unknownFlag();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Usage: audit-events-mock/m);
  });

  it('a port in use exits 1 naming the port', async ({ expect }) => {
    const held = await holdPort();
    try {
      const result = await runCli(['--port', String(held.port)]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`Port ${held.port} on 127.0.0.1 is already in use`);
      expect(result.stderr).not.toMatch(STACK_TRACE);
    } finally {
      held.server.close();
    }
  });

  it('validate prints "file: pointer: message" for every problem and exits 1', async ({
    expect,
    onTestFinished,
  }) => {
    const dir = tempDir(
      {
        'events/good.json': eventFile({}),
        'events/bad-type.json': eventFile({ id: 'evt_bad_type', user_id: 'u-1' }),
        'events/extra-field.json': eventFile({ id: 'evt_extra', severity: 'high' }),
        'events/not-json.json': '{\n  "id": "x",\n}',
        'responses/bad-body.json': JSON.stringify({
          id: 'evt_bad_body',
          status: 200,
          body: { id: 'evt_bad_body' },
        }),
      },
      onTestFinished,
    );
    const result = await runCli(['validate', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toContain(
      'events/bad-type.json: /user_id: must be integer or null (rule: anyOf)',
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^events\/extra-field\.json: \/severity: .+ \(rule: additionalProperties\)$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^events\/not-json\.json: .+ \(rule: json\)$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^responses\/bad-body\.json: /));
    expect(lines.some((line) => line.startsWith('events/good.json'))).toBe(false);
    const problems = lines.slice(0, -1);
    for (const line of problems)
      expect(line).toMatch(/^(events|responses)\/[\w-]+\.json: (\/\S*: )?.+ \(rule: [\w-]+\)$/);
    expect(lines.at(-1)).toBe(`${problems.length} problems in ${dir}`);
  });

  it('generate --ndjson writes N valid events, one compact line each, deterministic for the seed', async ({
    expect,
  }) => {
    const args = ['generate', '--count', '5', '--seed', 'ndjson-seed', '--ndjson'];
    const result = await runCli(args);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const events = ndjson(result.stdout);
    expect(events.map((event) => event['id'])).toEqual([
      'evt_gen_1',
      'evt_gen_2',
      'evt_gen_3',
      'evt_gen_4',
      'evt_gen_5',
    ]);
    for (const event of events) expect(validateEvent(event)).toEqual([]);
    for (const [index, line] of result.stdout.trimEnd().split('\n').entries())
      expect(line.startsWith(`{"id":"evt_gen_${index + 1}","created_at":"`)).toBe(true);
    // Another run (here, in this process) with the same seed gives the same bytes.
    expect(await generateInProcess(args.slice(1))).toBe(result.stdout);
  });

  it('generate gives the n-th event the same id and bytes whatever --count is', async () => {
    const few = await generateInProcess(['--count', '3', '--seed', 'count', '--ndjson']);
    const more = await generateInProcess(['--count', '120', '--seed', 'count', '--ndjson']);
    expect(more.startsWith(few)).toBe(true);
    expect(ndjson(more).map((event) => event['id'])).toContain('evt_gen_100');
  });

  it('generate --out writes <dir>/events/*.json that validate <dir> accepts', async ({
    expect,
    onTestFinished,
  }) => {
    const dir = join(tempDir({}, onTestFinished), 'generated');
    const written = await runCli(['generate', '--count', '3', '--seed', 'files', '--out', dir]);
    expect(written).toMatchObject({
      code: 0,
      stdout: `wrote 3 events to ${join(dir, 'events')} (seed "files")\n`,
      stderr: '',
    });
    const names = readdirSync(join(dir, 'events')).sort();
    expect(names).toEqual(['evt_gen_1.json', 'evt_gen_2.json', 'evt_gen_3.json']);
    const files = names.map(
      (name) => JSON.parse(readFileSync(join(dir, 'events', name), 'utf8')) as unknown,
    );
    expect(files).toEqual(
      ndjson(await generateInProcess(['--count', '3', '--seed', 'files', '--ndjson'])),
    );

    expect(await runCli(['validate', dir])).toEqual({
      code: 0,
      signal: null,
      stdout: `checked ${dir}: 3 event and 0 response fixtures are valid\n`,
      stderr: '',
    });
  });

  it('generate stops quietly when the reader of --ndjson goes away (generate … | head)', async ({
    expect,
  }) => {
    const child = spawn(process.execPath, [CLI, 'generate', '--count', '3000', '--ndjson'], {
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const [code, signal] = (await once(child, 'close')) as [number | null, string | null];
    clearTimeout(killer);
    // It ends by itself, without a stack trace (the exit code is left to the implementation).
    expect({ signal, endedByItself: code !== null }).toEqual({ signal: null, endedByItself: true });
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
  });
});

describe('the commands, run in process', () => {
  it.each([
    ['the tool', ['--help'], 'Usage: audit-events-mock <command> [options]'],
    ['the tool (-h)', ['-h'], 'Usage: audit-events-mock <command> [options]'],
    ['the tool (help)', ['help'], 'Usage: audit-events-mock <command> [options]'],
    ['serve', ['serve', '--help'], 'Usage: audit-events-mock [serve] [options]'],
    ['serve (the default command)', ['--port', '0', '-h'], 'Usage: audit-events-mock [serve]'],
    ['validate', ['validate', '--help'], 'Usage: audit-events-mock validate [dir...] [--fixtures'],
    ['generate', ['generate', '-h'], 'Usage: audit-events-mock generate --count <n> [--seed <s>]'],
  ])('--help for %s prints its usage and exits 0', async (_, args, first) => {
    const result = await runMain(args);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.startsWith(first)).toBe(true);
  });

  it('documents the options of each command in its --help', async () => {
    const serve = (await runMain(['serve', '--help'])).stdout;
    for (const flag of ['--config <file>', '--watch', '--log-level <l>', '--log-format <f>'])
      expect(serve).toContain(flag);
    expect((await runMain(['validate', '--help'])).stdout).toContain('"file: pointer: message"');
    const generateHelp = (await runMain(['generate', '--help'])).stdout;
    for (const flag of ['--count <n>', '--seed <s>', '--out <dir>', '--ndjson'])
      expect(generateHelp).toContain(flag);
  });

  it('-v prints the version', async () => {
    expect(await runMain(['-v'])).toEqual({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: '' });
  });

  it.each([
    ['serve', ['serve', '--bogus']],
    ['validate', ['validate', '--bogus']],
    ['generate', ['generate', '--count', '1', '--ndjson', '--bogus']],
  ])('an unknown flag of %s exits 2 naming it', async (_, args) => {
    const result = await runMain(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^audit-events-mock: Unknown option '--bogus'/);
  });

  it('an unknown command exits 2 naming it', async () => {
    const result = await runMain(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'frobnicate'");
  });

  it('validate combines folders given as arguments and with --fixtures, as serve does', async () => {
    const one = tempDir({ 'events/a.json': eventFile({ id: 'evt_a' }) });
    const two = tempDir({
      'events/a.json': eventFile({ id: 'evt_a' }),
      'events/b.json': eventFile({ id: 'evt_b' }),
    });
    expect(await runMain(['validate', one, '--fixtures', two])).toEqual({
      code: 0,
      stdout: `checked ${one}, ${two}: 2 event and 0 response fixtures are valid\n`,
      stderr: '',
    });
    const broken = tempDir({ 'events/bad.json': '{' });
    const result = await runMain(['validate', '--fixtures', one, '--fixtures', broken]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${broken}/events/bad.json: `);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('validate without a folder checks the bundled fixtures and says so', async () => {
    const result = await runMain(['validate']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(
      new RegExp(
        `^checked the bundled fixtures \\(\\S+fixtures\\), as no folder was given \\(pass one, or --fixtures <dir>\\): ${countJson('events')} event and ${countJson('responses')} response fixtures are valid\\n$`,
      ),
    );
  });

  it('validate accepts a valid folder: a summary naming it and the counts, exit 0', async () => {
    const dir = tempDir({
      'events/a.json': eventFile({ id: 'evt_a' }),
      'events/b.json': eventFile({ id: 'evt_b' }),
      'responses/gone.json': JSON.stringify({
        id: 'evt_gone',
        status: 404,
        body: { detail: 'Audit event not found' },
      }),
    });
    expect(await runMain(['validate', dir])).toEqual({
      code: 0,
      stdout: `checked ${dir}: 2 event and 1 response fixtures are valid\n`,
      stderr: '',
    });
  });

  it('validate of a folder that does not exist exits 1 naming it', async () => {
    const dir = join(tempDir(), 'nowhere');
    const result = await runMain(['validate', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${dir}: is not a folder`);
  });

  it('validate with a missing --spec file exits 1 naming the path', async () => {
    const spec = join(tempDir(), 'missing.json');
    const result = await runMain(['validate', '--spec', spec]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot read the spec file ${spec}`);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('serve with a missing spec file exits 1 naming the path', async () => {
    const spec = join(tempDir(), 'missing-openapi.json');
    const result = await runMain(['--port', '0', '--spec', spec]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Cannot read the spec file ${spec}`);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('serve with a missing fixtures folder exits 1 naming the path', async () => {
    const fixtures = join(tempDir(), 'no-such-fixtures');
    const result = await runMain(['serve', '--port', '0', '--fixtures', fixtures]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${fixtures}: is not a folder`);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('generate gives other events for another seed, the same ids', async () => {
    const a = ndjson(await generateInProcess(['--count', '4', '--seed', 'one', '--ndjson']));
    const b = ndjson(await generateInProcess(['--count', '4', '--seed', 'two', '--ndjson']));
    expect(b.map((event) => event['id'])).toEqual(a.map((event) => event['id']));
    expect(b).not.toEqual(a);
  });

  it('generate gives the bytes the server answers for the same ids and seed', async () => {
    const lines = (await generateInProcess(['--count', '3', '--seed', 'served', '--ndjson']))
      .trimEnd()
      .split('\n');
    const server = await startServer({ seed: 'served', port: 0 });
    try {
      for (const [index, line] of lines.entries()) {
        const res = await fetch(`${server.url}/v1/audit/events/evt_gen_${index + 1}`, {
          headers: { authorization: 'Bearer t' },
        });
        expect(res.status).toBe(200);
        expect(await res.text()).toBe(line);
      }
    } finally {
      await server.close();
    }
  });

  it.each([
    ['no --count', ['--ndjson'], 'generate needs --count <n>'],
    ['--count 0', ['--count', '0', '--ndjson'], 'generate needs --count <n>'],
    ['a --count that is not a number', ['--count', 'ten', '--ndjson'], 'generate needs --count'],
    ['neither --out nor --ndjson', ['--count', '2'], 'exactly one of --out <dir> or --ndjson'],
    [
      'both --out and --ndjson',
      ['--count', '2', '--ndjson', '--out', 'never-written'],
      'exactly one of --out <dir> or --ndjson',
    ],
  ])('generate with %s exits 2 saying what it needs', async (_, args, message) => {
    const result = await runMain(['generate', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
