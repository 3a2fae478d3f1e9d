import type { Random } from '../generator/random.js';
import type { RuntimeState } from '../state/runtime-state.js';
import type { ScenarioStep } from '../state/scenario.js';
import { forcedAnswer } from './forced-answer.js';
import { isForcedFailure } from '../core/forced-status.js';
import type { Answer } from '../core/answer.js';
import { JSON_CONTENT_TYPE } from '../core/answer.js';
import type { Preferences } from './read-preferences.js';
import type { EventSources } from './answer-with-event.js';
import { answerWithEvent, answerWithGenerated } from './answer-with-event.js';

/** The answer a fixture gives: its event as a 200, or its pinned response. */
export function fixtureAnswer(id: string, sources: EventSources): Answer | undefined {
  const event = sources.fixtures.event(id);
  if (event)
    return {
      status: 200,
      headers: { 'content-type': JSON_CONTENT_TYPE },
      body: event.body,
      source: 'fixture',
    };
  return sources.fixtures.response(id)?.answer;
}

/** The normal answer for an id: the response pinned to it, its event fixture, or a generated event. */
export function normalAnswer(eventId: string, sources: EventSources): Answer {
  return sources.fixtures.response(eventId)?.answer ?? answerWithEvent(eventId, sources);
}

/** What a scenario step answers: its body, its fixture, its forced status, or the normal answer. */
export function stepAnswer(step: ScenarioStep, eventId: string, sources: EventSources): Answer {
  let answer: Answer;
  if (step.answer) answer = step.answer;
  else if (step.fixture !== undefined)
    answer = fixtureAnswer(step.fixture, sources) ?? normalAnswer(eventId, sources);
  else if (step.status !== undefined && isForcedFailure(step.status))
    answer = forcedAnswer(step.status, eventId, sources.contract);
  else
    answer =
      step.status === 200 ? answerWithEvent(eventId, sources) : normalAnswer(eventId, sources);
  return {
    ...answer,
    ...(step.headers ? { headers: { ...answer.headers, ...step.headers } } : {}),
    source: 'scenario',
    ...(step.delayMs === undefined ? {} : { delayMs: step.delayMs }),
    ...(step.fault === undefined ? {} : { fault: step.fault }),
    ...(step.durationMs === undefined ? {} : { faultDurationMs: step.durationMs }),
  };
}

const CHAOS = {
  503: 30,
  500: 20,
  502: 15,
  504: 15,
  429: 10,
  'connection-reset': 5,
  'empty-response': 5,
} as const;

/** A random failure for `--chaos`: an error status or a broken connection. */
export function chaosAnswer(eventId: string, random: Random, sources: EventSources): Answer {
  const pick = random.weighted(CHAOS);
  const status = Number(pick);
  if (isForcedFailure(status))
    return { ...forcedAnswer(status, eventId, sources.contract), source: 'chaos' };
  const fault = pick === 'connection-reset' ? pick : 'empty-response';
  return { ...normalAnswer(eventId, sources), source: 'chaos', fault };
}

/**
 * Picks the answer a consumer explicitly asked for on this request: a forced status, a named
 * example, or a generated event; `undefined` when the request asked for none of them.
 */
export function preferredAnswer(
  eventId: string,
  preferences: Preferences,
  sources: EventSources,
): Answer | undefined {
  const { code, example, dynamic } = preferences;
  if (code !== undefined && code !== 200) return forcedAnswer(code, eventId, sources.contract);
  if (example !== undefined) return fixtureAnswer(example, sources);
  if (dynamic === true) return answerWithGenerated(eventId, sources);
  // code=200 asks for a success, so it passes over an error pinned to the id.
  if (code === 200) return answerWithEvent(eventId, sources);
  return undefined;
}

/** What choosing an answer needs besides the event sources: scenarios and chaos. */
export interface Chooser {
  readonly state: Pick<RuntimeState, 'takeStep'>;
  readonly options: { readonly chaos: number };
  readonly chaosRandom: Random;
}

/**
 * The answer for an authenticated request of `eventId`, first that applies: what the consumer
 * asked for on the request, the next step of a matching scenario, a chaos failure, or the id's
 * normal answer (its pinned response, its fixture, or a generated event).
 */
export function chooseAnswer(
  eventId: string,
  preferences: Preferences,
  session: string | null,
  chooser: Chooser,
  sources: EventSources,
): Answer {
  const asked = preferredAnswer(eventId, preferences, sources);
  if (asked) return asked;
  const taken = chooser.state.takeStep(eventId, session);
  if (taken) return { ...stepAnswer(taken.step, eventId, sources), scenario: taken.scenario.id };
  const { chaos } = chooser.options;
  // Stryker disable next-line EqualityOperator,ConditionalExpression: the rate check draws nothing when chaos is off; a draw never equals the rate
  if (chaos > 0 && chooser.chaosRandom.next() < chaos)
    return chaosAnswer(eventId, chooser.chaosRandom, sources);
  return normalAnswer(eventId, sources);
}
