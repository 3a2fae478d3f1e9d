import { schemaChecks } from '../contract/compile-schemas.js';
import type { Contract } from '../contract/compile-contract.js';
import type { Answer } from '../core/answer.js';
import type { Fault } from '../core/fault.js';
import { isRecord } from '../core/is-record.js';
import { listSome } from '../core/list-some.js';
import type { Violation } from '../core/violation.js';
import {
  buildAnswer,
  checkAnswerBody,
  checkFramingHeaders,
} from '../fixture-files/build-answer.js';
import type {
  ScenarioDefinition as ScenarioBody,
  ScenarioMatch,
  ScenarioStep as StepBody,
} from '../generated/scenario.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';

export type { ScenarioBody, ScenarioMatch, StepBody };

/** One step of a scenario, checked and built: what to answer, used `times` times. */
export interface ScenarioStep {
  /** A forced status (answered as the provider would), when no body or fixture is given. */
  readonly status: number | undefined;
  /** A prebuilt answer, when the step gave a body. */
  readonly answer: Answer | undefined;
  /** Answer with this fixture's answer. */
  readonly fixture: string | undefined;
  readonly delayMs: number | undefined;
  readonly fault: Fault | undefined;
  /** For `slow-body`: how long to dribble the body out. */
  readonly durationMs: number | undefined;
  /** Headers added to the answer, whatever gives its body. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly times: number;
}

/** A scenario ready to play: its match, session and built steps. */
export interface ScenarioDefinition {
  readonly name: string | undefined;
  readonly match: ScenarioMatch;
  readonly session: string | null;
  readonly steps: readonly ScenarioStep[];
}

/** What checking a scenario needs beyond its schema: the contract and the fixtures it may name. */
export interface StepContext {
  readonly contract: Contract;
  readonly serialize: EventSerializer;
  readonly fixtureIds: readonly string[];
}

const isStatus = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 200 && value <= 599;

/**
 * What the schema cannot say of a step: a body fits its status, a fixture exists, no framing
 * headers. Checked even when the schema found problems, so every problem is listed at once.
 */
function checkStep(step: unknown, at: string, context: StepContext): Violation[] {
  if (!isRecord(step)) return [];
  const { status, body, fixture, headers } = step;
  const problems: Violation[] = [];
  if (body !== undefined)
    problems.push(
      ...checkAnswerBody(
        isStatus(status) ? status : 200,
        body,
        undefined,
        context.contract,
        `${at}/body`,
      ),
    );
  if (typeof fixture === 'string' && !context.fixtureIds.includes(fixture))
    problems.push({
      pointer: `${at}/fixture`,
      message: `names no fixture; use one of ${listSome(context.fixtureIds)} (GET /__mock/fixtures lists them all)`,
      rule: 'enum',
    });
  if (body !== undefined && fixture !== undefined)
    problems.push({
      pointer: `${at}/fixture`,
      message: 'give a body or a fixture, not both',
      rule: 'oneOf',
    });
  if (isRecord(headers))
    problems.push(...checkFramingHeaders(headers as Record<string, string>, `${at}/headers`));
  return problems;
}

function buildStep(step: StepBody, serialize: EventSerializer): ScenarioStep {
  return {
    status: step.status,
    answer:
      step.body === undefined
        ? undefined
        : buildAnswer(step.status ?? 200, step.body, step.headers, serialize, 'scenario'),
    fixture: step.fixture,
    delayMs: step.delayMs,
    fault: step.fault,
    durationMs: step.durationMs,
    headers: step.headers,
    times: step.times ?? 1,
  };
}

/** The session a scenario belongs to: `match.session`, else the body's `session`, else the header's. */
export function scenarioSession(value: unknown, headerSession: string | null): string | null {
  if (!isRecord(value)) return headerSession;
  const match = value['match'];
  const inMatch = isRecord(match) ? match['session'] : undefined;
  if (typeof inMatch === 'string' && inMatch !== '') return inMatch;
  const session = value['session'];
  return typeof session === 'string' && session !== '' ? session : headerSession;
}

/**
 * Checks a `POST /__mock/scenarios` body (`schemas/scenario.schema.json`, then what the schema
 * cannot say) and builds the scenario, or lists every violation. `context.fixtureIds` are those of
 * the scenario's session ({@link scenarioSession}).
 */
export function parseScenario(
  value: unknown,
  headerSession: string | null,
  context: StepContext,
): { scenario?: ScenarioDefinition; violations: Violation[] } {
  const steps = isRecord(value) && Array.isArray(value['steps']) ? value['steps'] : [];
  const violations = [
    ...schemaChecks().scenario(value),
    ...steps.flatMap((step: unknown, index) => checkStep(step, `/steps/${index}`, context)),
  ];
  if (violations.length > 0) return { violations };
  // The schema check passed: the value is a scenario body.
  const body = value as ScenarioBody;
  return {
    violations,
    scenario: {
      name: body.name,
      match: body.match,
      session: scenarioSession(value, headerSession),
      steps: body.steps.map((step) => buildStep(step, context.serialize)),
    },
  };
}
