import type { MockResponse } from '../pipeline/mock-response.js';
import { detailResponse } from '../pipeline/mock-response.js';

/** The longest request target (path and query) answered; longer ones get 414. */
export const MAX_URL_LENGTH = 8_192;
/** The most header bytes answered; more get 431. */
export const MAX_HEADER_BYTES = 16_384;

/** 400, 414 or 431 in JSON for a request that is malformed or over the limits, else `undefined`. */
export function checkRequestLimits(
  target: string,
  rawHeaders: readonly string[],
  httpVersion: string,
  host: string | undefined,
): MockResponse | undefined {
  if (httpVersion === '1.1' && host === undefined) {
    return detailResponse(400, 'An HTTP/1.1 request needs a Host header.', 'router');
  }
  if (target.length > MAX_URL_LENGTH) {
    return detailResponse(
      414,
      `The URL is longer than ${MAX_URL_LENGTH} characters; ids that long are not served.`,
      'router',
    );
  }
  let bytes = 0;
  for (const part of rawHeaders) bytes += part.length + 2;
  if (bytes > MAX_HEADER_BYTES) {
    return detailResponse(
      431,
      `Request headers are larger than ${MAX_HEADER_BYTES} bytes; send fewer or smaller headers.`,
      'router',
    );
  }
  return undefined;
}
