import { schemaChecks } from '../contract/compile-schemas.js';
import type { Contract } from '../contract/compile-contract.js';
import type { Answer } from '../core/answer.js';
import { isRecord } from '../core/is-record.js';
import type { Violation } from '../core/violation.js';
import type { ResponseFixtureDefinition } from '../generated/response-fixture.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';
import { buildAnswer, checkAnswerBody, checkFramingHeaders } from './build-answer.js';

export type { ResponseFixtureDefinition };

/** A response pinned to an id, checked and built once. */
export interface ResponseFixture {
  readonly id: string;
  readonly file: string;
  readonly description: string | undefined;
  readonly answer: Answer;
}

/**
 * Checks a response fixture (`schemas/response-fixture.schema.json`, then that its body is what the
 * provider could send with its status) and builds its answer once; violations name the JSON pointer
 * and rule. `id` is the id it is pinned to (a file's own `id`, or the path's for the admin API).
 */
export function checkResponseFixture(
  value: unknown,
  id: string | undefined,
  file: string,
  contract: Contract,
  serialize: EventSerializer,
): { fixture?: ResponseFixture; violations: Violation[] } {
  const violations = schemaChecks().responseFixture(value);
  if (!isRecord(value)) return { violations };
  const given = typeof value['id'] === 'string' ? value['id'] : undefined;
  const pinned = id ?? given;
  if (pinned === undefined && !violations.some((violation) => violation.pointer === '/id'))
    violations.push({ pointer: '/id', message: 'is required but missing', rule: 'required' });
  const status = value['status'];
  // The body is checked whenever the status can be read, so every problem is listed at once.
  if (typeof status === 'number' && Number.isInteger(status) && status >= 200 && status <= 599)
    violations.push(...checkAnswerBody(status, value['body'], pinned, contract, '/body'));
  if (isRecord(value['headers']))
    violations.push(...checkFramingHeaders(value['headers'] as Record<string, string>, '/headers'));
  if (violations.length > 0 || pinned === undefined) return { violations };
  // Every check passed: the value is a response fixture.
  const { body, headers, delayMs, description } = value as Partial<ResponseFixtureDefinition>;
  const answer = buildAnswer(Number(status), body, headers, serialize, 'response-fixture');
  return {
    fixture: {
      id: pinned,
      file,
      description,
      answer: delayMs ? { ...answer, delayMs } : answer,
    },
    violations: [],
  };
}
