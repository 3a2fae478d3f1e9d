import type { Violation } from '../core/violation.js';

/** One problem in the provider's validation-error form, so clients need one error parser. */
export interface DetailItem {
  readonly type: string;
  readonly loc: readonly (string | number)[];
  readonly msg: string;
}

/** Turns violations of a request body into `{"detail": [{type, loc, msg}]}` items (`loc` starts with "body"). */
export function violationsDetail(violations: readonly Violation[]): DetailItem[] {
  return violations.map((violation) => ({
    type: violation.rule,
    loc: [
      'body',
      ...violation.pointer
        .split('/')
        .slice(1)
        .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
        .map((token) => (/^\d+$/.test(token) ? Number(token) : token)),
    ],
    msg: violation.message,
  }));
}
