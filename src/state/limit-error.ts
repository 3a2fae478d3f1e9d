import { MockError } from '../core/mock-error.js';

/**
 * Which limit a change of run-time state would pass:
 * - `count`: a count limit (fixtures, scenarios or sessions) is reached; free some and retry;
 * - `budget`: the state budget is full now; free some and retry;
 * - `too-large`: the item alone is larger than the whole budget; it can never fit.
 */
export const LIMIT_KINDS = ['count', 'budget', 'too-large'] as const;
export type LimitKind = (typeof LIMIT_KINDS)[number];

/** Raised when a change of run-time state would pass one of its limits; the admin API refuses it. */
export class LimitError extends MockError {
  override readonly name = 'LimitError';

  constructor(
    readonly kind: LimitKind,
    message: string,
  ) {
    super('LIMIT_EXCEEDED', message);
  }
}

/** The status the admin API answers a limit with: 413 for what can never fit, else 429. */
export function limitStatus(kind: LimitKind): 413 | 429 {
  switch (kind) {
    case 'count':
    case 'budget':
      return 429;
    case 'too-large':
      return 413;
    default:
      throw new Error(
        `Unknown limit kind "${String(kind satisfies never)}"; expected one of ${LIMIT_KINDS.join(', ')}.`,
      );
  }
}
