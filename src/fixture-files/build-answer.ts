import type { Contract } from '../contract/compile-contract.js';
import type { Violation } from '../core/violation.js';
import type { AnswerSource, Answer } from '../core/answer.js';
import { JSON_CONTENT_TYPE, TEXT_CONTENT_TYPE } from '../core/answer.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';
import { checkEventFixture } from './check-event-fixture.js';
import { standaloneBuffer } from '../core/standalone-buffer.js';
import { isRecord } from '../core/is-record.js';
import { pointerTo } from '../contract/unknown-keys.js';

/** Headers that frame the message; the mock sets them, and a second copy breaks the reply. */
const FRAMING_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'trailer',
]);

/**
 * Refuses headers a fixture or scenario step may not add: those that frame the message. Their
 * names and values are checked by the schemas (`schemas/headers.schema.json`).
 */
export function checkFramingHeaders(
  headers: Readonly<Record<string, string>> | undefined,
  pointer: string,
): Violation[] {
  return Object.keys(headers ?? {})
    .filter((name) => FRAMING_HEADERS.has(name.toLowerCase()))
    .map((name) => ({
      pointer: pointerTo(pointer, name),
      message: 'is set by the mock itself (it frames the body); leave it out',
      rule: 'header',
    }));
}

/**
 * Checks a body the provider could send with `status`: a 200 is an event (with `id` when given), a
 * 422 an `HTTPValidationError`, any other `{"detail": ...}` or text. Pointers are under `pointer`.
 */
export function checkAnswerBody(
  status: number,
  body: unknown,
  id: string | undefined,
  contract: Contract,
  pointer: string,
): Violation[] {
  const under = (violations: Violation[]) =>
    violations.map((violation) => ({ ...violation, pointer: `${pointer}${violation.pointer}` }));
  if (status === 200) {
    const violations = under(checkEventFixture(body, contract));
    if (violations.length === 0 && id !== undefined && isRecord(body) && body['id'] !== id) {
      violations.push({
        pointer: `${pointer}/id`,
        message: `must be the fixture's id "${id}"`,
        rule: 'id-match',
      });
    }
    return violations;
  }
  if (status === 422) return under(contract.validateValidationError(body));
  if (typeof body === 'string') return [];
  if (isRecord(body) && Object.keys(body).length === 1 && 'detail' in body) return [];
  return [
    {
      pointer,
      message:
        'must be {"detail": ...} as the provider sends errors, or a string sent as text/plain',
      rule: 'provider-shape',
    },
  ];
}

/** Builds the bytes of a checked answer once: JSON in the provider's serialization, or text. */
export function buildAnswer(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> | undefined,
  serialize: EventSerializer,
  source: AnswerSource,
): Answer {
  const text = typeof body === 'string';
  const bytes = text
    ? body
    : status === 200 && isRecord(body)
      ? serialize(body)
      : JSON.stringify(body);
  return {
    status,
    headers: { 'content-type': text ? TEXT_CONTENT_TYPE : JSON_CONTENT_TYPE, ...headers },
    body: standaloneBuffer(bytes),
    source,
    // A plain-text 500 is Starlette's unhandled-error page, which bypasses the CORS middleware.
    ...(status === 500 && text ? { cors: false as const } : {}),
  };
}
