// The package as a consumer gets it: `npm pack` (what a publish would upload), installed into a
// fresh project with its runtime dependencies only, then used the ways README.md says: the CLI
// through npx, the library through `import` and `require`, its types from .mts and .cts files.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runNode } from './helpers/cli-process.js';
import { ROOT } from './helpers/paths.js';

const run = promisify(execFile);
const PACKAGE = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const TSC = `${ROOT}node_modules/typescript/bin/tsc`;

/** npm in `cwd`, quiet, never asking the registry for what its cache holds. */
function npm(args: readonly string[], cwd: string) {
  return run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd,
    env: cliEnv(),
    maxBuffer: 16 * 1024 * 1024,
  });
}

let project: string;
let installOutput: string;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'audit-events-mock-consumer-'));
  // npm's default project: CommonJS.
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
  );
  // Scripts off: the package is packed from the dist/ that `npm test` has just built.
  const { stdout } = await npm(
    ['pack', '--ignore-scripts', '--silent', '--pack-destination', project],
    ROOT,
  );
  const tarball = stdout.trim().split('\n').pop() ?? '';
  const install = await npm(['install', '--save-dev', `./${tarball}`], project);
  installOutput = `${install.stdout}${install.stderr}`;
}, 180_000);
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the packed package, installed in a fresh project', () => {
  it('installs without a warning', () => {
    expect(installOutput).not.toMatch(/warn/i);
  });

  it('brings its runtime dependencies and none of its development tools', () => {
    const installed = readdirSync(join(project, 'node_modules'));
    for (const name of Object.keys(PACKAGE.dependencies))
      expect(existsSync(join(project, 'node_modules', name))).toBe(true);
    for (const name of ['typescript', 'vitest', 'esbuild', '@stoplight', 'playwright-core'])
      expect(installed).not.toContain(name);
    expect(readdirSync(join(project, 'node_modules', 'audit-events-mock')).sort()).toEqual([
      'LICENSE',
      'README.md',
      'dashboard',
      'dist',
      'docs',
      'fixtures',
      'package.json',
      'schemas',
      'spec',
    ]);
    // The screenshot in the docs stays in the repository.
    expect(existsSync(join(project, 'node_modules', 'audit-events-mock', 'docs', 'images'))).toBe(
      false,
    );
  });

  it('runs `npx audit-events-mock --version`', async () => {
    const { stdout } = await run('npx', ['--no', '--', 'audit-events-mock', '--version'], {
      cwd: project,
      env: cliEnv(),
    });
    expect(stdout).toBe(`${PACKAGE.version}\n`);
  });

  it('serves on port 0 with its bin, then stops on SIGTERM', async () => {
    const bin = join(project, 'node_modules', '.bin', 'audit-events-mock');
    const child = spawn(bin, ['--port', '0'], {
      cwd: project,
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const [first] = (await once(lines, 'line')) as [string];
      lines.close();
      const { url } = JSON.parse(first) as { url: string };
      const res = await fetch(`${url}/v1/audit/events/evt_not_found`, {
        headers: { authorization: 'Bearer t' },
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ detail: 'Audit event not found' });
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('runs a command against the mock with `run`, and writes its coverage and pact', async () => {
    const bin = join(project, 'node_modules', '.bin', 'audit-events-mock');
    const suite = `fetch(process.env.AUDIT_EVENTS_MOCK_URL + '/v1/audit/events/evt_1', { headers: { authorization: 'Bearer t' } }).then((res) => process.exit(res.status === 200 ? 0 : 1))`;
    const { stderr } = await run(
      bin,
      [
        'run',
        '--log-level',
        'silent',
        '--coverage-json',
        'coverage.json',
        '--pact-dir',
        'pacts',
        '--',
        process.execPath,
        '-e',
        suite,
      ],
      { cwd: project, env: cliEnv() },
    );
    // The coverage table goes to standard error, beside the command's own output.
    expect(stderr).toMatch(/^COVERED +contract +200-event +1 /m);
    const report = JSON.parse(readFileSync(join(project, 'coverage.json'), 'utf8')) as {
      requests: number;
    };
    expect(report.requests).toBe(1);
    const [pact] = readdirSync(join(project, 'pacts'));
    expect(pact).toBe('consumer-audit-events-api.json');
  });

  it.each([
    ['require', 'consumer.cjs', `const mock = require('audit-events-mock');`],
    ['import', 'consumer.mjs', `import * as mock from 'audit-events-mock';`],
  ])('works with %s', async (_how, file, load) => {
    const script = `${load}
const server = await mock.startServer({ port: 0, log: { level: 'silent' } });
const res = await fetch(server.url + '/v1/audit/events/evt_1', { headers: { authorization: 'Bearer t' } });
const body = await res.json();
const admin = mock.createAdminClient({ url: server.url });
const coverage = await admin.coverage();
await server.close();
let thrown;
try { mock.createApp({ port: 1 }); } catch (error) { thrown = error; }
console.log(JSON.stringify({
  status: res.status,
  same: JSON.stringify(body) === JSON.stringify(mock.generateEvent('evt_1')),
  violations: mock.validateEvent(body),
  mockError: thrown instanceof mock.MockError && thrown.code,
  covered: coverage.outcomes.filter((outcome) => outcome.status === 'covered').map((outcome) => outcome.id).includes('200-event'),
}));`;
    writeFileSync(
      join(project, file),
      file.endsWith('.cjs') ? `(async () => {\n${script}\n})();` : script,
    );
    const result = await runNode([join(project, file)], { cwd: project });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      status: 200,
      same: true,
      violations: [],
      mockError: 'OPTIONS_INVALID',
      covered: true,
    });
  });

  it(
    'type-checks a consumer written as CommonJS (.cts) and as an ES module (.mts)',
    {
      timeout: 120_000,
    },
    async () => {
      const source = `import { createAdminClient, MockError, startServer } from 'audit-events-mock';
import type {
  CoverageReport,
  JournalEntry,
  PactFile,
  RunningServer,
  ScenarioDefinition,
} from 'audit-events-mock';

export async function check(): Promise<JournalEntry[]> {
  const server: RunningServer = await startServer({ port: 0, seed: 'ci' });
  const scenario: ScenarioDefinition = { match: { eventId: 'e1' }, steps: [{ status: 503 }] };
  const admin = createAdminClient({ url: server.url, session: 'worker-1' });
  await admin.addScenario(scenario);
  // @ts-expect-error the body's types come from its JSON Schema: a status is a number
  await admin.addScenario({ match: { eventId: 'e1' }, steps: [{ status: '503' }] });
  const error: unknown = new Error();
  if (error instanceof MockError) console.log(error.code);
  const coverage: CoverageReport = await admin.coverage();
  const pact: PactFile = await admin.pact({ version: 4 });
  console.log(coverage.percent, pact.interactions.length);
  return admin.listRequests({ eventId: 'e1' });
}
`;
      for (const file of ['consumer.cts', 'consumer.mts'])
        writeFileSync(join(project, file), source);
      // Both module settings at once: TypeScript's older `node16` and today's `nodenext`.
      const results = await Promise.all(
        ['node16', 'nodenext'].map((module) =>
          runNode(
            [
              TSC,
              '--noEmit',
              '--strict',
              '--exactOptionalPropertyTypes',
              '--skipLibCheck',
              '--module',
              module,
              '--moduleResolution',
              module,
              '--target',
              'es2022',
              '--types',
              'node',
              '--typeRoots',
              `${ROOT}node_modules/@types`,
              'consumer.cts',
              'consumer.mts',
            ],
            { cwd: project, timeoutMs: 110_000 },
          ),
        ),
      );
      expect(results.map(({ code, stdout }) => ({ code, stdout }))).toEqual([
        { code: 0, stdout: '' },
        { code: 0, stdout: '' },
      ]);
    },
  );
});
