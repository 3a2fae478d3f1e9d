import type { Contract } from '../contract/compile-contract.js';
import type { Violation } from '../contract/violation.js';
import { buildAnswer, checkAnswerBody, checkHeaders } from '../fixtures/build-answer.js';
import { MAX_DELAY_MS } from '../fixtures/check-response-fixture.js';
import type { MockResponse } from '../pipeline/mock-response.js';
import { FORCED_STATUSES, isForcedStatus } from '../pipeline/forced-status.js';
import type { EventSerializer } from '../serialize/create-event-serializer.js';
import type { Fault } from './fault.js';
import { FAULTS, parseFault } from './fault.js';
import { isRecord } from '../contract/is-record.js';
import { unknownKeys } from '../contract/unknown-keys.js';

/** One step of a scenario: what to answer, used `times` times. */
export interface ScenarioStep {
  /** A forced status (answered as the provider would), when no body or fixture is given. */
  readonly status: number | undefined;
  /** A prebuilt answer, when the step gave a body. */
  readonly response: MockResponse | undefined;
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

/** Requests a scenario applies to: one event id, or a glob pattern (`*` and `?`). */
export type ScenarioMatch = { readonly eventId: string } | { readonly pattern: string };

export interface ScenarioDefinition {
  readonly name: string | undefined;
  readonly match: ScenarioMatch;
  readonly session: string | null;
  readonly steps: readonly ScenarioStep[];
}

const STEP_KEYS = [
  'status',
  'body',
  'fixture',
  'headers',
  'delayMs',
  'fault',
  'durationMs',
  'times',
];
const MAX_TIMES = 1_000_000;

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Turns a glob (`evt_*`, `task-?`) into an anchored regular expression; no other syntax. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${body}$`, 's');
}

interface StepContext {
  readonly contract: Contract;
  readonly serialize: EventSerializer;
  readonly fixtureIds: readonly string[];
}

function checkStep(step: unknown, at: string, context: StepContext): Violation[] {
  if (!isRecord(step))
    return [
      {
        pointer: at,
        message:
          'must be an object { status?, body?, fixture?, headers?, delayMs?, fault?, times? }',
        rule: 'type',
      },
    ];
  const problems = unknownKeys(
    step,
    STEP_KEYS,
    at,
    `is not a key of a step; use ${STEP_KEYS.join(', ')}`,
  );
  const { status, body, fixture, delayMs, fault, durationMs, times } = step;
  if (status !== undefined && !isInt(status, 200, 599))
    problems.push({
      pointer: `${at}/status`,
      message: 'must be an integer status from 200 to 599',
      rule: 'type',
    });
  if (
    isInt(status, 200, 599) &&
    body === undefined &&
    fixture === undefined &&
    !isForcedStatus(status)
  ) {
    problems.push({
      pointer: `${at}/status`,
      message: `without a body must be one of ${FORCED_STATUSES.join(', ')}`,
      rule: 'enum',
    });
  }
  if (body !== undefined)
    problems.push(
      ...checkAnswerBody(
        isInt(status, 200, 599) ? status : 200,
        body,
        undefined,
        context.contract,
        `${at}/body`,
      ),
    );
  if (
    fixture !== undefined &&
    (typeof fixture !== 'string' || !context.fixtureIds.includes(fixture))
  ) {
    problems.push({
      pointer: `${at}/fixture`,
      message: `names no fixture; use one of ${context.fixtureIds.join(', ')}`,
      rule: 'enum',
    });
  }
  if (body !== undefined && fixture !== undefined)
    problems.push({
      pointer: `${at}/fixture`,
      message: 'give a body or a fixture, not both',
      rule: 'oneOf',
    });
  for (const [key, value] of [
    ['delayMs', delayMs],
    ['durationMs', durationMs],
  ] as const) {
    if (value !== undefined && !isInt(value, 0, MAX_DELAY_MS)) {
      problems.push({
        pointer: `${at}/${key}`,
        message: `must be an integer from 0 to ${MAX_DELAY_MS}`,
        rule: 'type',
      });
    }
  }
  if (fault !== undefined && (typeof fault !== 'string' || parseFault(fault) === undefined))
    problems.push({
      pointer: `${at}/fault`,
      message: `must be one of ${FAULTS.join(', ')}`,
      rule: 'enum',
    });
  if (times !== undefined && !isInt(times, 1, MAX_TIMES))
    problems.push({
      pointer: `${at}/times`,
      message: `must be an integer from 1 to ${MAX_TIMES}`,
      rule: 'type',
    });
  return [...problems, ...checkHeaders(step['headers'], `${at}/headers`)];
}

function buildStep(step: Record<string, unknown>, serialize: EventSerializer): ScenarioStep {
  const status = typeof step['status'] === 'number' ? step['status'] : undefined;
  const headers = step['headers'] as Record<string, string> | undefined;
  return {
    status,
    response:
      step['body'] === undefined
        ? undefined
        : buildAnswer(status ?? 200, step['body'], headers, serialize, 'scenario'),
    fixture: typeof step['fixture'] === 'string' ? step['fixture'] : undefined,
    delayMs: typeof step['delayMs'] === 'number' ? step['delayMs'] : undefined,
    fault: typeof step['fault'] === 'string' ? parseFault(step['fault']) : undefined,
    durationMs: typeof step['durationMs'] === 'number' ? step['durationMs'] : undefined,
    headers,
    times: typeof step['times'] === 'number' ? step['times'] : 1,
  };
}

function checkMatch(match: unknown): Violation[] {
  const usage = 'must be { "eventId": "..." } or { "pattern": "evt_*" }, optionally with "session"';
  if (!isRecord(match)) return [{ pointer: '/match', message: usage, rule: 'type' }];
  const violations = unknownKeys(
    match,
    ['eventId', 'pattern', 'session'],
    '/match',
    `is not a key of a match; ${usage}`,
  );
  const { eventId, pattern, session } = match;
  const one = (eventId === undefined) !== (pattern === undefined);
  const text = eventId ?? pattern;
  if (!one || typeof text !== 'string' || text === '' || text.length > 1024) {
    violations.push({
      pointer: '/match',
      message: 'must have exactly one of eventId or pattern, a non-empty string',
      rule: 'oneOf',
    });
  }
  if (session !== undefined && (typeof session !== 'string' || session === '')) {
    violations.push({
      pointer: '/match/session',
      message: 'must be a non-empty string',
      rule: 'type',
    });
  }
  return violations;
}

function matchOf(match: unknown): ScenarioMatch {
  const { eventId, pattern } = isRecord(match) ? match : {};
  return typeof eventId === 'string' ? { eventId } : { pattern: String(pattern) };
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
 * Checks a `POST /__mock/scenarios` body and builds the scenario, or lists every violation.
 * `context.fixtureIds` are those of the scenario's session ({@link scenarioSession}).
 */
export function parseScenario(
  value: unknown,
  headerSession: string | null,
  context: StepContext,
): { scenario?: ScenarioDefinition; violations: Violation[] } {
  if (!isRecord(value))
    return {
      violations: [
        {
          pointer: '',
          message: 'must be an object { match, steps, session?, name? }',
          rule: 'type',
        },
      ],
    };
  const violations = unknownKeys(
    value,
    ['name', 'match', 'session', 'steps'],
    '',
    'is not a key of a scenario; use name, match, session, steps',
  );
  violations.push(...checkMatch(value['match']));
  const { name, session, steps } = value;
  if (name !== undefined && typeof name !== 'string')
    violations.push({ pointer: '/name', message: 'must be a string', rule: 'type' });
  if (session !== undefined && session !== null && (typeof session !== 'string' || session === ''))
    violations.push({ pointer: '/session', message: 'must be a non-empty string', rule: 'type' });
  if (!Array.isArray(steps) || steps.length === 0 || steps.length > 100)
    violations.push({
      pointer: '/steps',
      message: 'must be a list of 1 to 100 steps',
      rule: 'type',
    });
  else
    steps.forEach((step, index) => violations.push(...checkStep(step, `/steps/${index}`, context)));
  if (violations.length > 0 || !Array.isArray(steps)) return { violations };
  return {
    violations,
    scenario: {
      name: typeof name === 'string' ? name : undefined,
      match: matchOf(value['match']),
      session: scenarioSession(value, headerSession),
      steps: steps.map((step: Record<string, unknown>) => buildStep(step, context.serialize)),
    },
  };
}
