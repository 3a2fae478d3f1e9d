import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import type { MockOptions } from '../config/mock-options.js';
import type { RunningServer } from '../library/start-server.js';
import type { LogStream } from '../logging/create-logger.js';
import { coverageReport, meetsThreshold } from '../report/coverage-report.js';
import { coverageTable } from '../report/coverage-table.js';
import { COMMAND_NOT_FOUND, COVERAGE_NOT_MET, exitStatusOf } from './exit-status.js';
import { readRunArgs } from './run-flags.js';
import { serve, serveOptions } from './serve-command.js';
import { RUN_USAGE } from './usage.js';
import type { StartedBy } from './watch-parent.js';
import { watchParent } from './watch-parent.js';
import { writeReports } from './write-reports.js';

/** The variable that tells the command where the mock listens. */
export const MOCK_URL_VARIABLE = 'AUDIT_EVENTS_MOCK_URL';

/** How long a command may take to stop after its parent went away, before it is killed. */
const KILL_AFTER_MS = 5_000;

const given = (args: readonly string[], flag: string) =>
  args.some((arg) => arg === flag || arg.startsWith(`${flag}=`));

/** Resolves once the server answers: its health endpoint, or (without the admin API) a connection. */
async function answering(url: string, admin: boolean): Promise<void> {
  if (admin) {
    await (await fetch(`${url}/__mock/health`)).arrayBuffer();
    return;
  }
  const { hostname, port } = new URL(url);
  await new Promise<void>((resolve, reject) => {
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''));
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

/** How the command is going: started (with a way to signal it) or not yet. */
interface Command {
  signal(signal: NodeJS.Signals): void;
}

/** Runs the command with the mock's URL in its environment; resolves with its exit status. */
function runCommand(
  command: readonly string[],
  env: NodeJS.ProcessEnv,
  url: string,
  onStart: (started: Command) => void,
  err: LogStream,
): Promise<number> {
  const [file = '', ...args] = command;
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      stdio: 'inherit',
      env: { ...env, [MOCK_URL_VARIABLE]: url },
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      err.write(`audit-events-mock run: cannot run ${file}: ${error.message}\n`);
      resolve(error.code === 'ENOENT' ? COMMAND_NOT_FOUND : 1);
    });
    child.once('exit', (code, signal) => resolve(exitStatusOf(code, signal)));
    onStart({
      signal: (signal) => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      },
    });
  });
}

/**
 * `audit-events-mock run [serve options] [run options] -- <command...>`: starts the mock (on a
 * free port unless `--port` is given; logging warnings only, to standard error, unless told
 * otherwise), waits until it answers, runs the command with `AUDIT_EVENTS_MOCK_URL`, passes SIGINT
 * and SIGTERM on to it, then stops the mock, prints the coverage table and writes the reports.
 * When the process that started `run` exits, the mock stops at once and the command is told to.
 * Returns the command's exit status, or {@link COVERAGE_NOT_MET} when it passed but the contract
 * coverage is below `--min-coverage`.
 */
export async function run(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  { out, err }: { readonly out: LogStream; readonly err: LogStream },
  parent: StartedBy,
): Promise<number> {
  const dash = args.indexOf('--');
  const before = dash === -1 ? args : args.slice(0, dash);
  if (given(before, '--help') || before.includes('-h')) {
    out.write(RUN_USAGE);
    return 0;
  }
  const { settings, serveArgs } = readRunArgs(args);
  const options: MockOptions = serveOptions(serveArgs, env) ?? {};
  let command: Command | undefined;
  // The server once it listens; closed once, whoever asks first.
  const mock: { server?: RunningServer; closing?: Promise<void> } = {};
  const stopServer = (): Promise<void> => {
    if (!mock.server) return Promise.resolve();
    mock.closing ??= mock.server.close();
    return mock.closing;
  };
  // Set by a signal or the parent's exit, possibly before the command has started.
  let stoppedBy: NodeJS.Signals | undefined;
  const stopAll = (signal: NodeJS.Signals) => {
    stoppedBy ??= signal;
    void stopServer();
    command?.signal(signal);
  };
  const stopWatching = serveArgs.includes('--no-parent-watch')
    ? () => undefined
    : watchParent(parent, () => {
        err.write('audit-events-mock run: the process that started it exited; stopping\n');
        stopAll('SIGTERM');
        setTimeout(() => command?.signal('SIGKILL'), KILL_AFTER_MS).unref();
      });
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = () => stopAll(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const running = await serve(
    {
      ...options,
      ...(given(serveArgs, '--port') ? {} : { port: 0 }),
      log: { ...options.log, level: options.log?.level ?? 'warn' },
    },
    err,
  );
  const { server, engine } = running;
  mock.server = server;
  let status: number;
  try {
    if (stoppedBy === undefined) await answering(server.url, server.admin.mode !== 'off');
    // Told to stop while starting: the command never runs.
    status =
      stoppedBy !== undefined
        ? exitStatusOf(null, stoppedBy)
        : await runCommand(
            settings.command,
            env,
            server.url,
            (started) => {
              command = started;
            },
            err,
          );
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    stopWatching();
    await stopServer();
  }
  const report = coverageReport(engine, server.url);
  err.write(`\n${coverageTable(report)}`);
  for (const file of writeReports(report, engine, settings))
    err.write(`audit-events-mock run: wrote ${file}\n`);
  const { minCoverage } = settings;
  if (status !== 0 || minCoverage === undefined || meetsThreshold(report, minCoverage))
    return status;
  err.write(
    `audit-events-mock run: the suite covered ${report.percent}% of the contract's outcomes, below --min-coverage ${minCoverage}; exit ${COVERAGE_NOT_MET}\n`,
  );
  return COVERAGE_NOT_MET;
}
