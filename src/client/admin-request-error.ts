import { MockError } from '../core/mock-error.js';

/** One item of a 400's `detail` list: the rule that failed, where in the body, and why. */
interface DetailItem {
  readonly type?: unknown;
  readonly loc?: unknown;
  readonly msg?: unknown;
}

function describeItem(item: DetailItem): string {
  const place = Array.isArray(item.loc) ? item.loc.slice(1).join('/') : '';
  return `${place === '' ? 'body' : place}: ${String(item.msg ?? item.type ?? 'invalid')}`;
}

/** A `{"detail": ...}` as one line: the message, or every violation of a refused body. */
export function describeDetail(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail))
    return detail
      .map((item: unknown) =>
        typeof item === 'object' && item !== null ? describeItem(item) : String(item),
      )
      .join('; ');
  return JSON.stringify(detail) ?? String(detail);
}

/**
 * A call of the admin client that failed: the admin API refused it (`status` and its `detail`),
 * or could not be reached (`status` undefined; the cause says why).
 */
export class AdminRequestError extends MockError {
  override readonly name = 'AdminRequestError';

  constructor(
    /** e.g. `POST /__mock/scenarios` */
    readonly call: string,
    /** The status answered; `undefined` when no answer came. */
    readonly status: number | undefined,
    /** The answer's `detail` (a message, or a list of violations), or its text when not JSON. */
    readonly detail: unknown,
    options?: ErrorOptions,
  ) {
    super(
      'ADMIN_REQUEST_FAILED',
      status === undefined
        ? `${call}: ${describeDetail(detail)}`
        : `${call} answered ${status}: ${describeDetail(detail)}`,
      options,
    );
  }
}
