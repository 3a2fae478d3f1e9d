import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** CPU layout: servers on CPU 0, the load generator (this process) on CPU 1. */
export interface Pinning {
  readonly pinned: boolean;
  readonly note: string;
}

const children = new Set<ChildProcess>();
const STDERR_TAIL = 4_000;

/** Pins this process (all threads) to CPU 1 when taskset exists and there are 2+ CPUs. */
export function pinLoadGenerator(): Pinning {
  if (availableParallelism() < 2)
    return { pinned: false, note: 'UNPINNED: fewer than 2 CPUs available' };
  const probe = spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)]);
  if (probe.error || probe.status !== 0)
    return { pinned: false, note: 'UNPINNED: taskset not found or failed' };
  return { pinned: true, note: 'pinned with taskset: servers on CPU 0, load generator on CPU 1' };
}

/** A started child with the tail of its standard error kept for error messages. */
export interface Child {
  readonly process: ChildProcess;
  readonly pid: number;
  stderrTail(): string;
}

/** Spawns `command`, pinned to CPU 0 when `pinned`; stdout is discarded. */
export function startChild(command: readonly string[], cwd: string, pinned: boolean): Child {
  const argv = pinned ? ['taskset', '-c', '0', ...command] : [...command];
  const [file, ...args] = argv;
  if (file === undefined) throw new Error('empty command');
  const child = spawn(file, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  if (child.pid === undefined) throw new Error(`cannot start ${argv.join(' ')}`);
  children.add(child);
  child.once('exit', () => children.delete(child));
  let tail = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-STDERR_TAIL);
  });
  return { process: child, pid: child.pid, stderrTail: () => tail };
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
export async function stopChild(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child)));
}

/** Last resort (process exit): kill whatever is still running, synchronously. */
export function killAllChildrenNow(): void {
  for (const child of children) if (isRunning(child)) child.kill('SIGKILL');
}

/** Resident set size in MB, from /proc/<pid>/status VmRSS. */
export function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) / 1024;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** User + system CPU seconds used so far by `pid`, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** CPU seconds all CPUs spent busy (not idle, not waiting for I/O) since boot, from /proc/stat. */
export function systemBusyCpuSeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (ticks.reduce((sum, tick) => sum + tick, 0) - idle) / CLOCK_TICKS;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}
