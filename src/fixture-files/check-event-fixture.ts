import type { Contract } from '../contract/compile-contract.js';
import type { Violation } from '../core/violation.js';
import { PROVIDER_DATE_TIME } from '../wire/format-provider-date-time.js';
import { isRecord } from '../core/is-record.js';
import { unknownKeys } from '../contract/unknown-keys.js';

/**
 * Checks a fixture event against the spec's response schema, then against what the provider could
 * really send: only the model's fields (it drops any other) and `created_at` as it formats it.
 */
export function checkEventFixture(value: unknown, contract: Contract): Violation[] {
  const violations = contract.validateEvent(value);
  if (!isRecord(value)) return violations;
  violations.push(
    ...unknownKeys(
      value,
      contract.eventFields.map((field) => field.name),
      '',
      'is not a field of the response model; the provider never sends it (remove it)',
    ),
  );
  const createdAt = value['created_at'];
  if (
    typeof createdAt === 'string' &&
    !PROVIDER_DATE_TIME.test(createdAt) &&
    violations.length === 0
  ) {
    violations.push({
      pointer: '/created_at',
      message: `"${createdAt}" is not how the provider writes a datetime; use 2024-05-01T12:34:56.789000Z (six fraction digits, or none)`,
      rule: 'provider-format',
    });
  }
  return violations;
}
