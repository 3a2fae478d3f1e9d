import type { Random } from '../generator/random.js';
import type { ScenarioStep } from '../runtime/scenario.js';
import { forcedResponse } from './forced-response.js';
import { isForcedFailure } from './forced-status.js';
import type { MockResponse } from './mock-response.js';
import { JSON_CONTENT_TYPE } from './mock-response.js';
import type { Preferences } from './read-preferences.js';
import type { EventSources } from './respond-with-event.js';
import { respondWithEvent, respondWithGenerated } from './respond-with-event.js';

/** The answer a fixture gives: its event as a 200, or its pinned response. */
export function fixtureAnswer(id: string, sources: EventSources): MockResponse | undefined {
  const event = sources.fixtures.event(id);
  if (event)
    return {
      status: 200,
      headers: { 'content-type': JSON_CONTENT_TYPE },
      body: event.body,
      source: 'fixture',
    };
  return sources.fixtures.response(id)?.response;
}

/** The normal answer for an id: the response pinned to it, its event fixture, or a generated event. */
export function normalAnswer(eventId: string, sources: EventSources): MockResponse {
  return sources.fixtures.response(eventId)?.response ?? respondWithEvent(eventId, sources);
}

/** What a scenario step answers: its body, its fixture, its forced status, or the normal answer. */
export function stepAnswer(
  step: ScenarioStep,
  eventId: string,
  sources: EventSources,
): MockResponse {
  let answer: MockResponse;
  if (step.response) answer = step.response;
  else if (step.fixture !== undefined)
    answer = fixtureAnswer(step.fixture, sources) ?? normalAnswer(eventId, sources);
  else if (step.status !== undefined && isForcedFailure(step.status))
    answer = forcedResponse(step.status, eventId, sources.contract);
  else
    answer =
      step.status === 200 ? respondWithEvent(eventId, sources) : normalAnswer(eventId, sources);
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
export function chaosAnswer(eventId: string, random: Random, sources: EventSources): MockResponse {
  const pick = random.weighted(CHAOS);
  const status = Number(pick);
  if (isForcedFailure(status))
    return { ...forcedResponse(status, eventId, sources.contract), source: 'chaos' };
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
): MockResponse | undefined {
  const { code, example, dynamic } = preferences;
  if (code !== undefined && code !== 200) return forcedResponse(code, eventId, sources.contract);
  if (example !== undefined) return fixtureAnswer(example, sources);
  if (dynamic === true) return respondWithGenerated(eventId, sources);
  // code=200 asks for a success, so it passes over an error pinned to the id.
  if (code === 200) return respondWithEvent(eventId, sources);
  return undefined;
}
