import { MAX_HEADER_BYTES, MAX_URL_LENGTH } from '../core/limits.js';
import type { Answer } from '../core/answer.js';
import { detailAnswer } from '../core/answer.js';

/** 400, 414 or 431 in JSON for a request that is malformed or over the limits, else `undefined`. */
export function checkRequestLimits(
  target: string,
  rawHeaders: readonly string[],
  httpVersion: string,
  host: string | undefined,
): Answer | undefined {
  if (httpVersion === '1.1' && host === undefined) {
    return detailAnswer(400, 'An HTTP/1.1 request needs a Host header.', 'router');
  }
  if (target.length > MAX_URL_LENGTH) {
    return detailAnswer(
      414,
      `The URL is longer than ${MAX_URL_LENGTH} characters; ids that long are not served.`,
      'router',
    );
  }
  let bytes = 0;
  for (const part of rawHeaders) bytes += part.length + 2;
  if (bytes > MAX_HEADER_BYTES) {
    return detailAnswer(
      431,
      `Request headers are larger than ${MAX_HEADER_BYTES} bytes; send fewer or smaller headers.`,
      'router',
    );
  }
  return undefined;
}
