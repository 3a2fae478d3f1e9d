import { MAX_URL_LENGTH } from '../core/limits.js';

// Characters a path segment may hold as they are (RFC 3986 pchar); any other is percent-encoded.
const PLAIN = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UTF8 = new TextEncoder();

/** The shortest URL path segment that decodes to `id`. */
function encodedLength(id: string): number {
  let length = 0;
  for (const char of id) length += PLAIN.test(char) ? 1 : 3 * UTF8.encode(char).length;
  return length;
}

/**
 * Why no request can ever be answered with a fixture of this id, or `undefined` when one can.
 * The route reads the id from one path segment of `pathTemplate` (e.g. `/v1/audit/events/{event_id}`),
 * after percent-decoding: an id with `/` never matches it, one with a lone UTF-16 surrogate is never
 * decoded from a URL, and one whose shortest URL passes the URL limit is answered 414.
 */
export function unservableReason(id: string, pathTemplate: string): string | undefined {
  if (id === '') return 'is empty; no request can name it';
  if (id.includes('/'))
    return 'contains "/", which ends the path segment the route reads the id from, so no request can ever reach it; choose an id without "/"';
  if (LONE_SURROGATE.test(id))
    return 'holds a lone UTF-16 surrogate, which no URL decodes to, so no request can ever reach it';
  const fixed = pathTemplate.replace(/\{[^}]+\}/, '').length;
  if (fixed + encodedLength(id) > MAX_URL_LENGTH)
    return `is too long: its URL would pass the ${MAX_URL_LENGTH}-character limit (answered 414), so no request can ever reach it`;
  return undefined;
}
