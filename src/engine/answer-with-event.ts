import type { Contract } from '../contract/compile-contract.js';
import { eventCoverage, outcomeCatalog } from '../contract/outcome-catalog.js';
import { formatViolation } from '../core/violation.js';
import type { HotCache } from '../state/bounded-cache.js';
import type { FixtureLookup } from '../state/runtime-state.js';
import type { SpecEventGenerator } from '../generator/follow-spec.js';
import type { EventSerializer } from '../wire/create-event-serializer.js';
import type { Answer } from '../core/answer.js';
import { detailAnswer, JSON_CONTENT_TYPE } from '../core/answer.js';

/** What answering an event needs: the contract, the fixtures this request sees and the generator. */
export interface EventSources {
  readonly contract: Contract;
  readonly fixtures: FixtureLookup;
  readonly generate: SpecEventGenerator;
  readonly serialize: EventSerializer;
  /** Generated answers already built for this seed, by id. */
  readonly generated?: HotCache<string, Answer>;
}

const JSON_HEADERS = { 'content-type': JSON_CONTENT_TYPE };

/**
 * The 200 answer for an id: its fixture (checked once at load) when there is one, else a generated
 * event, checked against the contract before it is sent. A violation is the mock's own defect: it
 * answers 500 naming it rather than send a body the provider never would.
 */
export function answerWithEvent(eventId: string, sources: EventSources): Answer {
  const fixture = sources.fixtures.event(eventId);
  if (fixture) return { status: 200, headers: JSON_HEADERS, body: fixture.body, source: 'fixture' };
  return answerWithGenerated(eventId, sources);
}

/** A generated event for the id, checked against the contract, whether or not a fixture has the id. */
export function answerWithGenerated(eventId: string, sources: EventSources): Answer {
  const cached = sources.generated?.get(eventId);
  if (cached) return cached;
  const event = sources.generate(eventId);
  const violations = sources.contract.validateEvent(event);
  if (violations.length > 0) {
    const detail = `The mock generated a response that breaks the spec (a defect of the mock, please report it): ${violations.map(formatViolation).join('; ')}`;
    return { ...detailAnswer(500, detail, 'contract-violation'), violations };
  }
  const response: Answer = {
    status: 200,
    headers: JSON_HEADERS,
    body: Buffer.from(sources.serialize(event)),
    source: 'generated',
    // Worked out from the event while it is at hand, so coverage never parses a generated body.
    covers: eventCoverage(event, outcomeCatalog(sources.contract)),
  };
  sources.generated?.offer(eventId, response);
  return response;
}
