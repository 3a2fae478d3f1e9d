import type { MockResponse } from './mock-response.js';
import { JSON_CONTENT_TYPE } from './mock-response.js';
import type { Preferences } from './read-preferences.js';
import { forcedResponse } from './forced-response.js';
import type { EventSources } from './respond-with-event.js';
import { respondWithEvent, respondWithGenerated } from './respond-with-event.js';

/**
 * Picks the answer for an authenticated request of an event id, most specific first: a forced
 * status, a named example, a generated event on demand, the response pinned to the id, then the
 * event's fixture or a generated event.
 */
export function chooseAnswer(
  eventId: string,
  preferences: Preferences,
  sources: EventSources,
): MockResponse {
  const { code, example, dynamic } = preferences;
  if (code !== undefined && code !== 200) return forcedResponse(code, eventId, sources.contract);
  if (example !== undefined) {
    const event = sources.fixtures.events.get(example);
    if (event)
      return {
        status: 200,
        headers: { 'content-type': JSON_CONTENT_TYPE },
        body: event.body,
        source: 'fixture',
      };
    const pinned = sources.fixtures.responses.get(example);
    if (pinned) return pinned.response;
  }
  if (dynamic === true) return respondWithGenerated(eventId, sources);
  // code=200 asks for a success, so it passes over an error pinned to the id.
  const pinned = code === 200 ? undefined : sources.fixtures.responses.get(eventId);
  return pinned ? pinned.response : respondWithEvent(eventId, sources);
}
