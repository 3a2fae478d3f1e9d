import type { Contract } from '../contract/compile-contract.js';
import { NOT_AUTHENTICATED } from './authenticate.js';
import type { ForcedStatus } from './forced-status.js';
import { checkedValidationError } from './checked-validation-error.js';
import type { MockResponse } from './mock-response.js';
import { detailResponse, TEXT_CONTENT_TYPE } from './mock-response.js';
import { validationErrorBody } from './validation-error-body.js';

/** Starlette's answer to an unhandled exception: plain text, and no CORS headers. */
export const INTERNAL_SERVER_ERROR: MockResponse = {
  status: 500,
  headers: { 'content-type': TEXT_CONTENT_TYPE },
  body: Buffer.from('Internal Server Error'),
  source: 'forced',
  cors: false,
};

/** The provider's (or its gateway's) answer for a forced non-200 status. */
export function forcedResponse(
  code: Exclude<ForcedStatus, 200>,
  eventId: string,
  contract: Contract,
): MockResponse {
  switch (code) {
    case 401:
      return { ...NOT_AUTHENTICATED, source: 'forced' };
    case 403:
      return detailResponse(403, 'Not enough permissions', 'forced');
    case 404:
      return detailResponse(404, 'Audit event not found', 'forced');
    case 422:
      return checkedValidationError(
        validationErrorBody(contract.operation.pathParameter, eventId),
        contract,
        'forced',
      );
    case 429:
      return detailResponse(429, 'Too Many Requests', 'forced', { 'retry-after': '30' });
    case 500:
      return INTERNAL_SERVER_ERROR;
    case 502:
      return detailResponse(502, 'Bad Gateway', 'forced');
    case 503:
      return detailResponse(503, 'Service Unavailable', 'forced', { 'retry-after': '30' });
    case 504:
      return detailResponse(504, 'Gateway Timeout', 'forced');
    default:
      throw new Error(`Unknown forced status ${String(code satisfies never)}.`);
  }
}
