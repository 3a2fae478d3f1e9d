import type { Contract } from '../contract/compile-contract.js';
import { isForcedStatus } from '../core/forced-status.js';
import type { Violation } from '../core/violation.js';
import { buildAnswer, checkAnswerBody } from '../fixture-files/build-answer.js';
import type { ProviderStateKind } from '../report/provider-states.js';
import type { ScenarioStep } from '../state/scenario.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';

/** As many uses as a scenario step may have: the state holds until its teardown. */
const UNTIL_TEARDOWN = 1_000_000;

/** Statuses whose provider answer carries `retry-after`. */
const RETRY_AFTER = new Set([429, 503]);

/**
 * The scenario step that puts an event id into a provider state: the status it answers, with
 * `params.event` (for "exists") or `params.body` as the body when given, checked as any scenario
 * body is. `undefined` for states the request alone produces (an expired token, ...).
 */
export function providerStateStep(
  kind: ProviderStateKind,
  status: number | undefined,
  params: Readonly<Record<string, unknown>>,
  context: { readonly contract: Contract; readonly serialize: EventSerializer },
): { step?: ScenarioStep; violations: Violation[] } {
  if (kind === 'token-expired' || kind === 'credentials-invalid') return { violations: [] };
  const answered = status ?? (typeof params['status'] === 'number' ? params['status'] : undefined);
  const pointer = kind === 'event-exists' ? '/params/event' : '/params/body';
  const body = kind === 'event-exists' ? params['event'] : params['body'];
  if (answered === undefined || !Number.isInteger(answered) || answered < 200 || answered > 599)
    return {
      violations: [
        { pointer: '/params/status', message: 'must be a status from 200 to 599', rule: 'type' },
      ],
    };
  if (body === undefined && !isForcedStatus(answered))
    return {
      violations: [
        {
          pointer,
          message: `is needed: the mock has no answer of its own for ${answered}`,
          rule: 'required',
        },
      ],
    };
  const violations =
    body === undefined ? [] : checkAnswerBody(answered, body, undefined, context.contract, pointer);
  if (violations.length > 0) return { violations };
  const headers = RETRY_AFTER.has(answered) ? { 'retry-after': '30' } : undefined;
  return {
    violations,
    step: {
      status: answered,
      answer:
        body === undefined
          ? undefined
          : buildAnswer(answered, body, headers, context.serialize, 'scenario'),
      fixture: undefined,
      delayMs: undefined,
      fault: undefined,
      durationMs: undefined,
      headers: undefined,
      times: UNTIL_TEARDOWN,
    },
  };
}
