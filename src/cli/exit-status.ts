import { constants } from 'node:os';

/**
 * The exit status of `run` and `coverage` when the suite passed but covered less of the contract
 * than `--min-coverage` asks (1 and 2 are taken by failures and usage mistakes).
 */
export const COVERAGE_NOT_MET = 3;

/** The exit status of `run` when its command cannot be started (as a shell says 127). */
export const COMMAND_NOT_FOUND = 127;

/** A child's exit as a shell reports it: its code, or 128 + the number of the signal that ended it. */
export function exitStatusOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0));
}
