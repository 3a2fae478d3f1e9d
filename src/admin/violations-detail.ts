import type { Violation } from '../core/violation.js';

/** One problem in the provider's validation-error form, so clients need one error parser. */
export interface DetailItem {
  readonly type: string;
  readonly loc: readonly (string | number)[];
  readonly msg: string;
}

/** How many violations a 400 lists; a last item says how many more there were. */
const LISTED = 50;

/**
 * Turns violations of a request body into `{"detail": [{type, loc, msg}]}` items (`loc` starts
 * with "body"): the first 50, then one item saying how many more, so the answer stays small
 * whatever the body held.
 */
export function violationsDetail(violations: readonly Violation[]): DetailItem[] {
  const items = violations.slice(0, LISTED).map((violation) => ({
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
  const more = violations.length - LISTED;
  if (more > 0)
    items.push({
      type: 'truncated',
      loc: ['body'],
      msg: `and ${more.toLocaleString('en')} more violations; fix these and send it again to see them`,
    });
  return items;
}
