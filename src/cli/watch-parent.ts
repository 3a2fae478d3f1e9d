import { readFileSync } from 'node:fs';

/** How often the parent is looked at: the server stops within this, plus its close. */
export const PARENT_POLL_MS = 200;

/** Shells that only run a command line for their parent (`sh -c "node dist/cli.cjs"` of `npm start`). */
const WRAPPERS = new Set(['sh', 'dash', 'bash']);

interface ProcessInfo {
  readonly comm: string;
  readonly ppid: number;
  readonly runsCommandLine: boolean;
}

/** A process's name and parent, from Linux's /proc; `undefined` where there is no /proc or no such process. */
function processInfo(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return { comm, ppid, runsCommandLine: argv[1] === '-c' };
  } catch {
    return undefined;
  }
}

/**
 * The shells between this process and the one that started it, each with its parent then: `npm
 * start` runs `sh -c "node dist/cli.cjs"`, and when npm is killed that shell lives on, so the
 * server must watch the shell's parent too.
 */
function wrappersAbove(ppid: number): { pid: number; ppid: number }[] {
  const chain: { pid: number; ppid: number }[] = [];
  let pid = ppid;
  for (let depth = 0; depth < 4; depth += 1) {
    const info = processInfo(pid);
    if (!info || !WRAPPERS.has(info.comm) || !info.runsCommandLine || info.ppid <= 1) break;
    chain.push({ pid, ppid: info.ppid });
    pid = info.ppid;
  }
  return chain;
}

/** Who started this process: its parent then, and the `sh -c` wrappers in between with their parents. */
export interface StartedBy {
  readonly ppid: number;
  readonly wrappers: readonly { readonly pid: number; readonly ppid: number }[];
}

/** Notes who started this process; call it first thing, before the parent has a chance to exit. */
export function startedBy(): StartedBy {
  const ppid = process.ppid;
  return { ppid, wrappers: ppid <= 1 ? [] : wrappersAbove(ppid) };
}

/** Whether the process that started this one (see {@link startedBy}) has exited. */
export function parentGone(parent: StartedBy): boolean {
  if (parent.ppid <= 1) return false;
  return (
    process.ppid !== parent.ppid ||
    parent.wrappers.some(({ pid, ppid }) => processInfo(pid)?.ppid !== ppid)
  );
}

/**
 * Calls `onGone` once the process that started this one exits: this process's parent changes
 * (it was re-parented), or the parent of a `sh -c` wrapper in between does. Polls every
 * {@link PARENT_POLL_MS} ms without keeping the process alive; returns a function that stops.
 * Does nothing for a process started by init (PID 1), as in a container.
 */
export function watchParent(
  parent: StartedBy,
  onGone: () => void,
  intervalMs = PARENT_POLL_MS,
): () => void {
  if (parent.ppid <= 1) return () => undefined;
  const timer = setInterval(() => {
    if (!parentGone(parent)) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
