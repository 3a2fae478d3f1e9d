import type { Mock } from '../create-mock.js';
import { sampleLatency } from '../runtime/latency-model.js';
import { authenticate } from './authenticate.js';
import { chaosAnswer, normalAnswer, preferredAnswer, stepAnswer } from './choose-answer.js';
import { corsPreflight, withCors } from './cors.js';
import type { MockResponse } from './mock-response.js';
import { detailResponse } from './mock-response.js';
import type { Preferences } from './read-preferences.js';
import { readPreferences } from './read-preferences.js';
import type { EventSources } from './respond-with-event.js';
import { routeRequest } from './route-request.js';

/** The parts of an HTTP request the mock reads; built by the HTTP adapter from Node's request. */
export interface MockRequest {
  readonly method: string;
  /** The raw request target: path and query, not decoded. */
  readonly target: string;
  /** Header values by lower-case name. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** An answer and the event id it was for (when the request reached the route). */
export interface HandledRequest {
  readonly response: MockResponse;
  readonly eventId: string | null;
  readonly session: string | null;
}

/** The header that scopes run-time state to one test worker. */
export const SESSION_HEADER = 'x-mock-session';
const ALLOW_GET = { allow: 'GET' };
const NO_PREFERENCES = { ok: true, preferences: {}, applied: [] } as const;
const EMPTY = Buffer.alloc(0);

function queryOf(target: string): URLSearchParams {
  const at = target.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : target.slice(at + 1));
}

/** After authentication: what the consumer asked for, a scenario step, chaos, or the normal answer. */
function answerEvent(
  eventId: string,
  preferences: Preferences,
  session: string | null,
  mock: Mock,
  sources: EventSources,
): MockResponse {
  const asked = preferredAnswer(eventId, preferences, sources);
  const taken = asked ? undefined : mock.runtime.takeStep(eventId, session);
  const chaos =
    !asked && !taken && mock.options.chaos > 0 && mock.chaosRandom.next() < mock.options.chaos;
  let response =
    asked ??
    (taken
      ? { ...stepAnswer(taken.step, eventId, sources), scenario: taken.scenario.id }
      : undefined) ??
    (chaos ? chaosAnswer(eventId, mock.chaosRandom, sources) : normalAnswer(eventId, sources));
  const delayMs =
    preferences.delay ??
    response.delayMs ??
    (mock.options.latency.kind === 'none'
      ? undefined
      : sampleLatency(mock.options.latency, mock.latencyRandom));
  if (delayMs !== undefined) response = { ...response, delayMs };
  if (preferences.fault !== undefined) {
    response = {
      ...response,
      fault: preferences.fault,
      ...(preferences.duration === undefined ? {} : { faultDurationMs: preferences.duration }),
    };
  }
  return response;
}

/**
 * Answers one request of the mocked API in the provider's order: routing (404/405/307),
 * authentication, then what the consumer asked for, a scenario, or what the id is pinned to.
 */
function answer(request: MockRequest, mock: Mock): HandledRequest {
  const session = request.headers[SESSION_HEADER] ?? null;
  const route = routeRequest(
    request.method,
    request.target,
    request.headers['host'],
    mock.matchRoute,
  );
  const done = (response: MockResponse, eventId: string | null = null) => ({
    response,
    eventId,
    session,
  });
  switch (route.kind) {
    case 'not-found':
      return done(detailResponse(404, 'Not Found', 'router'));
    case 'method-not-allowed':
      return done(detailResponse(405, 'Method Not Allowed', 'router', ALLOW_GET));
    case 'redirect':
      return done({
        status: 307,
        headers: { location: route.location },
        body: EMPTY,
        source: 'router',
      });
    case 'event':
      break;
    default:
      throw new Error(`Unknown route kind "${String(route satisfies never)}".`);
  }
  const { eventId } = route;
  const denied = authenticate(
    request.headers,
    mock.contract.operation.apiKeyHeader,
    mock.options.auth,
  );
  if (denied) return done(denied, eventId);
  const sources: EventSources = {
    contract: mock.contract,
    generate: mock.generate,
    serialize: mock.serialize,
    generated: mock.generated,
    fixtures: mock.runtime.lookup(mock.files, session),
  };
  const read =
    request.headers['prefer'] === undefined && !request.target.includes('?')
      ? NO_PREFERENCES
      : readPreferences(request.headers['prefer'], queryOf(request.target), () =>
          sources.fixtures.ids(),
        );
  if (!read.ok) return done(detailResponse(400, read.detail, 'preferences'), eventId);
  const response = answerEvent(eventId, read.preferences, session, mock, sources);
  if (read.applied.length === 0) return done(response, eventId);
  return done(
    {
      ...response,
      headers: { ...response.headers, 'preference-applied': read.applied.join(', ') },
    },
    eventId,
  );
}

/** Answers one request of the mocked API; CORS headers are added as Starlette's middleware adds them. */
export function handleRequest(request: MockRequest, mock: Mock): HandledRequest {
  const preflight = corsPreflight(request, mock.options.cors);
  if (preflight)
    return { response: preflight, eventId: null, session: request.headers[SESSION_HEADER] ?? null };
  const handled = answer(request, mock);
  const response = withCors(handled.response, request, mock.options.cors);
  return response === handled.response ? handled : { ...handled, response };
}
