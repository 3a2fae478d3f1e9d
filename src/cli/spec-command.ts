import { parseArgs } from 'node:util';
import { compileContract } from '../contract/compile-contract.js';
import { loadSpec } from '../contract/load-spec.js';
import type { ErrorResponse } from '../contract/with-error-responses.js';
import { withErrorResponses } from '../contract/with-error-responses.js';
import type { ForcedStatus } from '../core/forced-status.js';
import { FORCED_STATUSES, isForcedFailure } from '../core/forced-status.js';
import { forcedAnswer } from '../engine/forced-answer.js';
import { SPEC_USAGE } from './usage.js';

/** What each error answer means, as the spec written by `--with-errors` says it. */
const DESCRIPTIONS: Readonly<Record<Exclude<ForcedStatus, 200>, string>> = {
  401: 'No credentials, or credentials the provider rejects',
  403: 'The credentials do not allow reading audit events',
  404: 'No audit event has this id',
  422: 'Validation Error',
  429: 'Too many requests: wait as retry-after says',
  500: 'An unhandled error of the provider, answered as plain text',
  502: 'The gateway in front of the provider got no valid answer from it',
  503: 'The provider is unavailable: retry after retry-after seconds',
  504: 'The gateway in front of the provider timed out',
};

/** The error answers of the mock (the provider's), as `withErrorResponses` adds them. */
function errorResponses(spec: ReturnType<typeof loadSpec>): ErrorResponse[] {
  const contract = compileContract(spec);
  return FORCED_STATUSES.filter(isForcedFailure).map((status) => {
    const { headers, body } = forcedAnswer(status, 'evt_1', contract);
    const contentType = headers['content-type'] ?? 'application/json';
    const text = body.toString('utf8');
    return {
      status,
      description: DESCRIPTIONS[status],
      contentType,
      example: contentType.startsWith('application/json') ? (JSON.parse(text) as unknown) : text,
      headers: Object.keys(headers).filter((name) => name !== 'content-type'),
    };
  });
}

/**
 * Runs `spec`: writes the spec the mock serves (the bundled one, or `--spec <file>`) as JSON, with
 * `--with-errors` plus the error answers the provider gives but does not document. Returns the
 * exit code.
 */
export function spec(args: readonly string[], out: NodeJS.WritableStream): number {
  const { values } = parseArgs({
    args: [...args],
    options: {
      spec: { type: 'string' },
      'with-errors': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    out.write(SPEC_USAGE);
    return 0;
  }
  const document = values.spec === undefined ? loadSpec() : loadSpec(values.spec);
  const written = values['with-errors']
    ? withErrorResponses(document, errorResponses(document))
    : document;
  out.write(`${JSON.stringify(written, null, 2)}\n`);
  return 0;
}
