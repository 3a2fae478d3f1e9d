import type { Answer } from '../core/answer.js';
import type { EventFixture, ResponseFixture } from '../fixture-files/load-fixtures.js';
import type { ScenarioDefinition } from './scenario.js';

/*
 * Estimates of what run-time state costs on the heap, charged to the state budget. They err on the
 * high side (strings as two bytes a character, generous object overheads), so the heap a full
 * budget holds stays within it; a test measures that.
 */

/** An object with a handful of fields, beyond what it points to. */
const OBJECT_BYTES = 96;
/** A Buffer: the object and its backing store's bookkeeping, beyond the bytes. */
const BUFFER_BYTES = 160;

/** A string kept on the heap (two bytes a character, whichever V8 uses). */
export function textBytes(text: string | null | undefined): number {
  return text === null || text === undefined ? 0 : 24 + 2 * text.length;
}

/** Header names and values kept in an object. */
export function headersBytes(headers: Readonly<Record<string, string | undefined>>): number {
  let bytes = OBJECT_BYTES;
  for (const [name, value] of Object.entries(headers))
    bytes += textBytes(name) + textBytes(value) + 32;
  return bytes;
}

/** A prebuilt answer: its body bytes and headers. */
export function answerBytes(answer: Answer): number {
  return OBJECT_BYTES + BUFFER_BYTES + answer.body.length + headersBytes(answer.headers);
}

/** A run-time fixture, with its id in the session's map. */
export function fixtureBytes(
  id: string,
  fixture:
    | { readonly kind: 'event'; readonly fixture: EventFixture }
    | { readonly kind: 'response'; readonly fixture: ResponseFixture },
): number {
  const own =
    fixture.kind === 'event'
      ? BUFFER_BYTES + fixture.fixture.body.length
      : answerBytes(fixture.fixture.answer) + textBytes(fixture.fixture.description);
  return 2 * OBJECT_BYTES + 2 * textBytes(id) + textBytes(fixture.fixture.file) + own;
}

/** A scenario: its match, name and built steps. */
export function scenarioBytes(definition: ScenarioDefinition): number {
  const { match } = definition;
  let bytes =
    4 * OBJECT_BYTES +
    textBytes(definition.name) +
    textBytes(definition.session) +
    // A glob keeps its pieces besides the pattern.
    ('pattern' in match ? 3 * textBytes(match.pattern) : textBytes(match.eventId));
  for (const step of definition.steps) {
    bytes += 2 * OBJECT_BYTES + textBytes(step.fixture);
    if (step.answer) bytes += answerBytes(step.answer);
    if (step.headers) bytes += headersBytes(step.headers);
  }
  return bytes;
}
