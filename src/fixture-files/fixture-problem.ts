import { MockError } from '../core/mock-error.js';
import type { Violation } from '../core/violation.js';

/** A fixture file that cannot be served, with the place and rule that failed. */
export interface FixtureProblem extends Violation {
  /** The file, relative to the fixtures folder where possible. */
  readonly file: string;
}

/**
 * `events/bad.json: /user_id: must be integer or null (rule: anyOf)`; a problem of the whole file
 * (pointer `""`) reads `events/bad.json: is not valid JSON ... (rule: json)`.
 */
export function formatFixtureProblem(problem: FixtureProblem): string {
  const where = problem.pointer === '' ? '' : `${problem.pointer}: `;
  return `${problem.file}: ${where}${problem.message} (rule: ${problem.rule})`;
}

/** How many problems the error's message lists; `problems` holds them all (`validate` prints them). */
const LISTED = 50;

/** Raised when fixtures fail to load: start-up stops and lists the problems. */
export class FixtureLoadError extends MockError {
  override readonly name = 'FixtureLoadError';
  constructor(readonly problems: readonly FixtureProblem[]) {
    const more = problems.length - LISTED;
    super(
      'FIXTURES_INVALID',
      `${problems.length} fixture problem${problems.length === 1 ? '' : 's'}; fix the files below or point --fixtures at another folder:\n` +
        problems
          .slice(0, LISTED)
          .map((problem) => `  ${formatFixtureProblem(problem)}`)
          .join('\n') +
        (more > 0
          ? `\n  ... and ${more} more (audit-events-mock validate <dir> lists them all)`
          : ''),
    );
  }
}
