import type { Contract } from '../contract/compile-contract.js';
import type { Violation } from '../core/violation.js';
import { checkEventFixture } from '../fixture-files/check-event-fixture.js';
import { checkResponseFixture } from '../fixture-files/check-response-fixture.js';
import type { RuntimeFixture } from '../state/runtime-state.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';
import { standaloneBuffer } from '../core/standalone-buffer.js';
import { isRecord } from '../core/is-record.js';

/**
 * Reads the body of `PUT /__mock/fixtures/{id}`: an event (an `AuditEventResponse` with that id) or
 * a response fixture (`{ status, body, headers?, delayMs? }`), checked like a file fixture.
 */
export function parseRuntimeFixture(
  id: string,
  value: unknown,
  contract: Contract,
  serialize: EventSerializer,
): { fixture?: RuntimeFixture; violations: Violation[] } {
  const file = `PUT /__mock/fixtures/${id}`;
  const wrongId = (given: unknown): Violation[] =>
    given === undefined || given === id
      ? []
      : [{ pointer: '/id', message: `must be "${id}", the id in the path`, rule: 'id-match' }];
  // A response fixture wraps its answer in "body"; an event never has that field.
  if (isRecord(value) && 'body' in value) {
    const { fixture, violations } = checkResponseFixture(value, id, file, contract, serialize);
    const all = [...wrongId(value['id']), ...violations];
    return fixture && all.length === 0
      ? { fixture: { kind: 'response', fixture }, violations: all }
      : { violations: all };
  }
  const violations = [
    ...checkEventFixture(value, contract),
    ...(isRecord(value) ? wrongId(value['id']) : []),
  ];
  if (violations.length > 0 || !isRecord(value)) return { violations };
  return {
    fixture: {
      kind: 'event',
      fixture: { id, file, body: standaloneBuffer(serialize(value)) },
    },
    violations,
  };
}
