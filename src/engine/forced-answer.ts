import type { Contract } from '../contract/compile-contract.js';
import { NOT_AUTHENTICATED } from './authenticate.js';
import type { ForcedStatus } from '../core/forced-status.js';
import { checkedValidationError } from './checked-validation-error.js';
import type { Answer } from '../core/answer.js';
import { detailAnswer, TEXT_CONTENT_TYPE } from '../core/answer.js';
import { validationErrorBody } from '../wire/validation-error-body.js';

/** Starlette's answer to an unhandled exception: plain text, and no CORS headers. */
export const INTERNAL_SERVER_ERROR: Answer = {
  status: 500,
  headers: { 'content-type': TEXT_CONTENT_TYPE },
  body: Buffer.from('Internal Server Error'),
  source: 'forced',
  cors: false,
};

/** The provider's (or its gateway's) answer for a forced non-200 status. */
export function forcedAnswer(
  code: Exclude<ForcedStatus, 200>,
  eventId: string,
  contract: Contract,
): Answer {
  switch (code) {
    case 401:
      return { ...NOT_AUTHENTICATED, source: 'forced' };
    case 403:
      return detailAnswer(403, 'Not enough permissions', 'forced');
    case 404:
      return detailAnswer(404, 'Audit event not found', 'forced');
    case 422:
      return checkedValidationError(
        validationErrorBody(contract.operation.pathParameter, eventId),
        contract,
        'forced',
      );
    case 429:
      return detailAnswer(429, 'Too Many Requests', 'forced', { 'retry-after': '30' });
    case 500:
      return INTERNAL_SERVER_ERROR;
    case 502:
      return detailAnswer(502, 'Bad Gateway', 'forced');
    case 503:
      return detailAnswer(503, 'Service Unavailable', 'forced', { 'retry-after': '30' });
    case 504:
      return detailAnswer(504, 'Gateway Timeout', 'forced');
    // Stryker disable next-line all: the switch is exhaustive, so this is never reached
    default:
      // Stryker disable next-line all: the switch is exhaustive, so this is never reached
      throw new Error(`Unknown forced status ${String(code satisfies never)}.`);
  }
}
