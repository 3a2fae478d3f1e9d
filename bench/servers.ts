import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerName } from './scenarios.js';
import { FIXTURE_ID } from './scenarios.js';
import { type Child, cpuMs, startChild, stopChild } from './processes.js';
import { freePort, HOST, waitFor200 } from './http-probe.js';

export const ROOT = join(import.meta.dirname, '..');

export const SERVER_LABELS: Readonly<Record<ServerName, string>> = {
  ours: 'audit-events-mock',
  prism: 'prism (static)',
  'prism-dynamic': 'prism -d (dynamic)',
  bare: 'bare express',
  'bare-http': 'bare node:http',
};

const READY_PATH = `/v1/audit/events/${FIXTURE_ID}`;
const READY_HEADERS = { authorization: 'Bearer any-token' };

function command(name: ServerName, port: number, extra: readonly string[]): string[] {
  const node = process.execPath;
  const prism = [node, join(ROOT, 'node_modules/.bin/prism'), 'mock', '-h', HOST, '-p'];
  const spec = join(ROOT, 'spec/openapi.json');
  switch (name) {
    case 'ours':
      return [node, join(ROOT, 'dist/cli.cjs'), '--port', String(port), ...extra];
    case 'prism':
      return [...prism, String(port), spec];
    case 'prism-dynamic':
      return [...prism, String(port), '-d', spec];
    case 'bare':
      return [node, join(ROOT, 'bench/bare-express.mjs'), '--port', String(port)];
    case 'bare-http':
      return [node, join(ROOT, 'bench/bare-http.mjs'), '--port', String(port)];
  }
}

/** Files each server needs; a missing one is reported before anything starts. */
export function missingFiles(names: readonly ServerName[]): string[] {
  const needed = new Set<string>();
  for (const name of names) {
    if (name === 'ours') needed.add('dist/cli.cjs');
    if (name.startsWith('prism')) needed.add('node_modules/.bin/prism');
  }
  return [...needed].filter((file) => !existsSync(join(ROOT, file)));
}

export interface RunningServer {
  readonly name: ServerName;
  readonly port: number;
  readonly url: string;
  readonly child: Child;
  /** milliseconds from spawn to the first 200 */
  readonly startMs: number;
  /** CPU time (user + system) the server had used by its first 200, in ms */
  readonly startCpuMs: number;
}

/**
 * Spawns a server on a free 127.0.0.1 port and waits for its first 200 on the event route;
 * `extra` arguments go to audit-events-mock only.
 */
export async function startServer(
  name: ServerName,
  pinned: boolean,
  extra: readonly string[] = [],
): Promise<RunningServer> {
  const port = await freePort();
  const started = performance.now();
  const child = startChild(command(name, port, extra), ROOT, pinned);
  const died = () => {
    const { exitCode, signalCode } = child.process;
    if (exitCode === null && signalCode === null) return undefined;
    return `${SERVER_LABELS[name]} exited (${exitCode ?? signalCode}) before answering 200:\n${child.stderrTail()}`;
  };
  try {
    await waitFor200(port, READY_PATH, READY_HEADERS, died);
  } catch (error) {
    await stopChild(child.process);
    throw error;
  }
  const startMs = performance.now() - started;
  const startCpuMs = cpuMs(child.pid);
  return { name, port, url: `http://${HOST}:${port}`, child, startMs, startCpuMs };
}

/** One cold start: spawn to first 200, wall and CPU time in ms; the server is stopped afterwards. */
export async function coldStart(
  name: ServerName,
  pinned: boolean,
): Promise<{ ms: number; cpuMs: number }> {
  const server = await startServer(name, pinned);
  await stopChild(server.child.process);
  return { ms: server.startMs, cpuMs: server.startCpuMs };
}
