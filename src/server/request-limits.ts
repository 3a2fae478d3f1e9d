import { MAX_HEADER_BYTES, MAX_HEADER_COUNT, MAX_URL_LENGTH } from '../core/limits.js';
import type { Answer } from '../core/answer.js';
import { detailAnswer } from '../core/answer.js';

/**
 * 400, 414 or 431 in JSON for a request that is malformed or over the limits, else `undefined`:
 * an HTTP/1.1 request without `Host` or with two (RFC 9112), a URL over {@link MAX_URL_LENGTH}
 * characters, more than {@link MAX_HEADER_COUNT} header fields or over {@link MAX_HEADER_BYTES}.
 */
export function checkRequestLimits(
  target: string,
  rawHeaders: readonly string[],
  httpVersion: string,
  host: string | undefined,
): Answer | undefined {
  // Counted first: past the count, Node leaves fields (Host among them) out of the parsed headers.
  if (rawHeaders.length > 2 * MAX_HEADER_COUNT) {
    return detailAnswer(
      431,
      `The request has more than ${MAX_HEADER_COUNT} header fields; send fewer.`,
      'router',
    );
  }
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
  let hosts = 0;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] ?? '';
    bytes += name.length + (rawHeaders[index + 1]?.length ?? 0) + 4;
    if (name.length === 4 && name.toLowerCase() === 'host') hosts += 1;
  }
  if (bytes > MAX_HEADER_BYTES) {
    return detailAnswer(
      431,
      `Request headers are larger than ${MAX_HEADER_BYTES} bytes; send fewer or smaller headers.`,
      'router',
    );
  }
  if (hosts > 1)
    return detailAnswer(
      400,
      'The request has more than one Host header; send exactly one.',
      'router',
    );
  return undefined;
}
