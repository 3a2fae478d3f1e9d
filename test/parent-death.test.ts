import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { BANNER, bannerText, cliEnv } from './helpers/cli-process.js';
import { CLI, ROOT } from './helpers/paths.js';
import { tempDir } from './helpers/temp-dir.js';
import { waitFor } from './helpers/wait-for.js';

/** Whether a new TCP connection to `port` on 127.0.0.1 is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Milliseconds until connections to `port` are refused, trying again as soon as one is accepted. */
async function untilRefused(port: number, limitMs: number): Promise<number> {
  const started = Date.now();
  while (!(await refused(port))) {
    if (Date.now() - started > limitMs)
      throw new Error(`port ${port} still open after ${limitMs} ms`);
  }
  return Date.now() - started;
}

/** The port in the first start-up line `stream` prints (plain or a JSON log line). */
async function portFrom(stream: NodeJS.ReadableStream): Promise<number> {
  for await (const line of createInterface({ input: stream })) {
    const match = BANNER.exec(bannerText(line));
    if (match) return Number(match[2]);
  }
  throw new Error('the process ended before printing where it listens');
}

const started: ChildProcess[] = [];
afterEach(() => {
  // Whatever the test left running (a server that did not stop is a failure, not a leak).
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Keeps the child to kill after the test, so a failing test leaves nothing running. */
function track(child: ChildProcess): ChildProcess {
  started.push(child);
  return child;
}

describe('a mock whose parent dies stops with it', () => {
  it.each(['SIGKILL', 'SIGTERM'] as const)(
    'killing npm start’s process with %s frees the port within a second',
    async (signal) => {
      // npm runs `sh -c "node dist/cli.cjs --port 0"`: the shell in between passes no signal on.
      const npm = track(
        spawn('npm', ['start', '--', '--port', '0'], {
          cwd: ROOT,
          env: cliEnv(),
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      );
      const port = await portFrom(npm.stdout as NodeJS.ReadableStream);
      expect(await refused(port)).toBe(false);
      npm.kill(signal);
      // The mock looks every 200 ms; the bound only catches a mock that keeps serving.
      expect(await untilRefused(port, 10_000)).toBeLessThan(10_000);
    },
  );

  it('says it stops in the log’s format: a JSON line with --log-format json', async () => {
    const shell = track(
      spawn('sh', ['-c', `"${process.execPath}" "${CLI}" --port 0 --log-format json`], {
        env: cliEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let out = '';
    let err = '';
    shell.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    shell.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    // The pipes close once every process writing to them (the shell and the mock) has exited.
    const closed = once(shell.stdout as NodeJS.ReadableStream, 'end');
    await waitFor('the banner', () => (out.includes('listening on') ? true : undefined));
    shell.kill('SIGKILL');
    await closed;
    const lines = out.trimEnd().split('\n');
    for (const line of lines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    expect(lines.map((line) => (JSON.parse(line) as { msg?: string }).msg)).toContain(
      'the process that started it exited; stopping',
    );
    expect(err).toBe('');
  });

  it('killing the shell that started `run` stops the mock and the command', async () => {
    const dir = tempDir();
    // The command notes that it runs, and that it was told to stop.
    const script = `const fs = require('fs'); fs.writeFileSync('${join(dir, 'started')}', ''); process.on('SIGTERM', () => { fs.writeFileSync('${join(dir, 'stopped')}', ''); process.exit(0); }); setInterval(() => {}, 1000);`;
    const command = `"${process.execPath}" -e "${script}"`;
    const shell = track(
      spawn('sh', ['-c', `"${process.execPath}" "${CLI}" run --log-format json -- ${command}`], {
        env: cliEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    const port = await portFrom(shell.stderr as NodeJS.ReadableStream);
    await waitFor('the command to run', () =>
      existsSync(join(dir, 'started')) ? true : undefined,
    );
    shell.kill('SIGKILL');
    await once(shell, 'exit');
    // The mock looks every 200 ms; the bound only catches a mock that keeps serving.
    expect(await untilRefused(port, 10_000)).toBeLessThan(10_000);
    await waitFor('the command to be told to stop', () =>
      existsSync(join(dir, 'stopped')) ? true : undefined,
    );
  });
});
