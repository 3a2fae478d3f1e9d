import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import type { CoverageReport } from '../src/report/coverage-report.js';
import { cliEnv, runCli, startCli } from './helpers/cli-process.js';
import { runMain } from './helpers/in-process-cli.js';
import { CLI, ROOT } from './helpers/paths.js';
import { tempDir } from './helpers/temp-dir.js';

/** The consumer suite of docs/ci.md: two files, each in its own session, meeting 5 outcomes. */
const SUITE = ['auth', 'routing'].map((name) =>
  join(ROOT, `test/examples/ci-suite/${name}.test.mjs`),
);
const FIVE = [
  '401-not-authenticated',
  '404-no-route',
  '405-method-not-allowed',
  '307-trailing-slash',
  'auth-no-credentials',
];

/** The ids of the COVERED rows of a printed coverage table. */
const coveredRows = (table: string) =>
  table
    .split('\n')
    .filter((line) => line.startsWith('COVERED '))
    .map((line) => line.split(/ +/)[2]);

/** `audit-events-mock run <flags> -- node --test <the suite>`, with every report in a temp folder. */
async function runSuite(flags: readonly string[]) {
  const dir = tempDir();
  const result = await runCli(
    [
      'run',
      ...flags,
      '--coverage-json',
      join(dir, 'coverage.json'),
      '--junit',
      join(dir, 'junit.xml'),
      '--summary',
      join(dir, 'summary.md'),
      '--pact-dir',
      join(dir, 'pacts'),
      '--',
      process.execPath,
      '--test',
      ...SUITE,
    ],
    { timeoutMs: 60_000 },
  );
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return { ...result, read };
}

describe('audit-events-mock run, with a suite that meets exactly 5 outcomes', () => {
  it('reports exactly those 5 in the table, the JSON, the JUnit file and the summary', async () => {
    const run = await runSuite(['--min-coverage', '8']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^# pass 4$/m);

    expect(coveredRows(run.stderr).sort()).toEqual([...FIVE].sort());
    expect(run.stderr).toContain(
      'Contract outcomes covered: 5 of 59 (8.4%), 4 requests (all sessions); mock-only outcomes covered: 0 of 18\n' +
        '  session auth: 3 of 59 (5%), 2 requests\n' +
        '  session routing: 2 of 59 (3.3%), 2 requests\n',
    );

    const report = JSON.parse(run.read('coverage.json')) as CoverageReport;
    expect(report).toMatchObject({ contractCovered: 5, contractOutcomes: 59, percent: 8.4 });
    expect(
      report.outcomes
        .filter((o) => o.status === 'covered')
        .map((o) => o.id)
        .sort(),
    ).toEqual([...FIVE].sort());
    expect(report.sessions).toEqual([
      { session: 'auth', requests: 2, contractOutcomes: 59, contractCovered: 3, percent: 5 },
      { session: 'routing', requests: 2, contractOutcomes: 59, contractCovered: 2, percent: 3.3 },
    ]);

    const junit = run.read('junit.xml');
    expect(junit).toContain(
      '<testsuites name="audit-events-mock coverage" tests="78" failures="54" errors="0" skipped="19" time="0">',
    );
    expect(junit).toContain(
      '<testsuite name="contract outcomes" tests="60" failures="54" errors="0" skipped="1" time="0">',
    );
    const passed = [...junit.matchAll(/<testcase [^>]*name="([^":]+):[^>]*>\n\s*<system-out>/g)];
    expect(passed.map((match) => match[1]).sort()).toEqual([...FIVE].sort());

    const summary = run.read('summary.md');
    expect(summary.split('\n')[0]).toBe(
      '### audit-events-mock: 5 of 59 contract outcomes covered (8.4%); minimum 8%: met',
    );
    expect(summary).toContain('<summary>54 contract outcomes not covered</summary>');
    expect(summary).toContain('| `auth` | 2 | 3 of 59 (5%) |');
    for (const id of FIVE)
      expect(summary).toMatch(new RegExp(`^\\| \`${id}\` \\|.*\\| 1 \\|`, 'm'));

    const pact = JSON.parse(run.read('pacts/audit-events-mock-audit-events-api.json')) as {
      interactions: { response: { status: number } }[];
    };
    // The 307 cannot be verified (the Pact verifier follows redirects), so it is left out.
    expect(pact.interactions.map((interaction) => interaction.response.status)).toEqual([
      401, 405, 404,
    ]);
  });

  it('exits 3 when the suite passed below --min-coverage; uncovered outcomes fail in JUnit', async () => {
    const run = await runSuite(['--min-coverage', '50']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(
      "audit-events-mock run: the suite covered 8.4% of the contract's outcomes, below --min-coverage 50; exit 3",
    );
    expect(run.read('summary.md').split('\n')[0]).toContain('minimum 50%: **not met**');
  });

  it('without --min-coverage, uncovered outcomes are skipped test cases, not failures', async () => {
    const run = await runSuite([]);
    expect(run.code).toBe(0);
    expect(run.read('junit.xml')).toContain('tests="78" failures="0" errors="0" skipped="73"');
  });
});

describe('audit-events-mock run and its command', () => {
  it('gives the command the mock’s URL, on a free port', async () => {
    const run = await runCli(
      ['run', '--', process.execPath, '-e', 'console.log(process.env.AUDIT_EVENTS_MOCK_URL)'],
      { env: { PORT: '4010' } },
    );
    expect(run.code).toBe(0);
    const url = run.stdout.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toBe('http://127.0.0.1:4010');
  });

  it('exits with the command’s status, whatever the coverage', async () => {
    const run = await runCli([
      'run',
      '--min-coverage',
      '90',
      '--',
      process.execPath,
      '-e',
      'process.exit(7)',
    ]);
    expect(run.code).toBe(7);
  });

  it('exits 127 when the command cannot be started', async () => {
    const run = await runCli(['run', '--', 'no-such-command-anywhere']);
    expect(run.code).toBe(127);
    expect(run.stderr).toContain('audit-events-mock run: cannot run no-such-command-anywhere:');
  });

  it('passes SIGTERM on to the command and exits as it did', async () => {
    const script =
      "process.on('SIGTERM', () => { console.log('stopping'); process.exit(5); }); console.log('ready'); setInterval(() => {}, 1000);";
    const child = spawn(process.execPath, [CLI, 'run', '--', process.execPath, '-e', script], {
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const ready = new Promise<void>((resolve) =>
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        if (line === 'ready') resolve();
      }),
    );
    await ready;
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(5);
    expect(lines).toEqual(['ready', 'stopping']);
  });

  it('needs a command after --', async () => {
    const result = await runMain(['run', '--junit', 'x.xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('run needs the command to run after --');
  });

  it.each([
    [
      ['run', '--help'],
      'Usage: audit-events-mock run [serve options] [run options] -- <command...>',
    ],
    [['coverage', '-h'], 'Usage: audit-events-mock coverage --url <mock>'],
  ])('%j prints its usage', async (args, first) => {
    const result = await runMain(args);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.startsWith(first)).toBe(true);
  });
});

describe('audit-events-mock coverage --url', () => {
  it('prints a running mock’s coverage: a table, JSON, one session, a threshold', async () => {
    const cli = await startCli(['--port', '0', '--log-level', 'warn']);
    try {
      await fetch(`${cli.url}/v1/audit/events/x`, { headers: { 'x-mock-session': 'a' } });
      await fetch(`${cli.url}/v1/audit/nope`);
      const table = await runCli(['coverage', '--url', cli.url]);
      expect(table.code).toBe(0);
      expect(coveredRows(table.stdout)).toEqual([
        '401-not-authenticated',
        '404-no-route',
        'auth-no-credentials',
      ]);
      const json = await runCli(['coverage', '--url', cli.url, '--session', 'a', '--json']);
      expect(JSON.parse(json.stdout)).toMatchObject({
        scope: 'session',
        session: 'a',
        requests: 1,
      });
      const below = await runCli(['coverage', '--url', cli.url, '--min-coverage', '50']);
      expect(below.code).toBe(3);
      expect(below.stderr).toContain(
        "5% of the contract's outcomes covered, below --min-coverage 50",
      );
    } finally {
      await cli.stop();
    }
  });

  it('says so when no mock answers at the URL', async () => {
    const result = await runMain(['coverage', '--url', 'http://127.0.0.1:9']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^audit-events-mock: GET \/__mock\/coverage: cannot reach the admin API at http:\/\/127\.0\.0\.1:9\/__mock .*check that the mock runs at http:\/\/127\.0\.0\.1:9/,
    );
  });
});
