import type { Contract } from '../contract/compile-contract.js';
import { formatViolation } from '../core/violation.js';
import type { AnswerSource, Answer } from '../core/answer.js';
import { detailAnswer } from '../core/answer.js';

/** A 422 answer, checked against the spec's `HTTPValidationError` before it is sent. */
export function checkedValidationError(
  body: { readonly detail: unknown },
  contract: Contract,
  source: AnswerSource,
): Answer {
  const violations = contract.validateValidationError(body);
  if (violations.length > 0) {
    const detail = `The mock built a 422 body that breaks the spec (a defect of the mock, please report it): ${violations.map(formatViolation).join('; ')}`;
    return { ...detailAnswer(500, detail, 'contract-violation'), violations };
  }
  return detailAnswer(422, body.detail, source);
}
