import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { CLI } from './paths.js';

/** The variables `serve` reads; removed from the inherited environment so a run is hermetic. */
const SETTING_VARIABLES = ['PORT', 'HOST', 'SEED', 'MOCK_ADMIN_TOKEN', 'LOG_LEVEL'] as const;

/** This process's environment without the mock's own variables, plus `env`. */
export function cliEnv(env: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !(SETTING_VARIABLES as readonly string[]).includes(name),
  );
  return { ...Object.fromEntries(inherited), ...env };
}

/** How a CLI process ended and everything it wrote. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Killed (and the test fails on its result) after this long. @default 15000 */
  readonly timeoutMs?: number;
}

/** Runs `audit-events-mock <args>` (dist/cli.cjs) to its end. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return runNode([CLI, ...args], options);
}

/** Runs `node <args>` to its end, in the environment of {@link cliEnv}. */
export async function runNode(
  args: readonly string[],
  options: CliOptions = {},
): Promise<CliResult> {
  const child = spawn(process.execPath, args, {
    env: cliEnv(options.env),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
  try {
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    return { code, signal, stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

/** A `serve` process that printed where it listens. */
export interface RunningCli {
  /** e.g. `http://127.0.0.1:40123`, from the first stdout line. */
  readonly url: string;
  readonly port: number;
  /** The first two stdout lines: where it listens, then who may use the admin API. */
  readonly banner: readonly string[];
  /** Every stdout line so far, the banner included. */
  readonly lines: readonly string[];
  stderr(): string;
  /** The first stdout line (banner included) that `match` accepts; fails after `timeoutMs`. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Sends a signal (if the process still runs). */
  signal(signal: NodeJS.Signals): void;
  /** Resolves once the process has exited and its output is read. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (SIGTERM by default) and waits for the exit; SIGKILL after 10 s. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export const BANNER =
  /^audit-events-mock listening on (http:\/\/127\.0\.0\.1:(\d+)) \((\d+) fixtures, seed "(.*)"\)$/;

/** A start-up line's message: the `msg` of a JSON log line, or the line itself. */
export function bannerText(line: string): string {
  if (!line.startsWith('{')) return line;
  const { msg } = JSON.parse(line) as { msg?: unknown };
  return String(msg);
}

/**
 * Starts `audit-events-mock <args>` (pass `--port 0`) and resolves once it printed its two start-up
 * lines; rejects with its stderr if it exits first.
 */
export async function startCli(
  args: readonly string[],
  options: Omit<CliOptions, 'timeoutMs'> = {},
): Promise<RunningCli> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: cliEnv(options.env),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiters) wake();
  });
  let running = true;
  const exited = once(child, 'close').then(([code, signal]) => {
    running = false;
    for (const wake of waiters) wake();
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });

  const waitForLine = (match: (line: string) => boolean, timeoutMs = 5_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = lines.find(match);
        if (found !== undefined) done(() => resolve(found));
        else if (!running)
          done(() =>
            reject(
              new Error(`the CLI exited first; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`),
            ),
          );
      };
      const timer = setTimeout(
        () =>
          done(() =>
            reject(
              new Error(
                `no matching line within ${timeoutMs} ms; stdout:\n${lines.join('\n')}\nstderr:\n${stderr}`,
              ),
            ),
          ),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });

  const signal = (name: NodeJS.Signals) => {
    if (running) child.kill(name);
  };
  const stop = async (name: NodeJS.Signals = 'SIGTERM') => {
    signal(name);
    const killer = setTimeout(() => signal('SIGKILL'), 10_000);
    try {
      return await exited;
    } finally {
      clearTimeout(killer);
    }
  };

  try {
    await waitForLine((line) => lines.indexOf(line) === 1, 10_000);
  } catch (error) {
    await stop('SIGKILL');
    throw error;
  }
  // Off a terminal the banner is two JSON log lines; on one (or with --log-format pretty), text.
  const banner = lines.slice(0, 2).map(bannerText);
  const match = BANNER.exec(banner[0] ?? '');
  if (!match) {
    await stop('SIGKILL');
    throw new Error(`unexpected first line: ${lines[0] ?? ''}`);
  }
  return {
    url: match[1] ?? '',
    port: Number(match[2]),
    banner,
    lines,
    stderr: () => stderr,
    waitForLine,
    signal,
    exited,
    stop,
  };
}
