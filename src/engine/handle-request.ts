import type { Answer } from '../core/answer.js';
import { detailAnswer } from '../core/answer.js';
import type { MockRequest } from '../core/mock-request.js';
import type { EventSources } from './answer-with-event.js';
import { authenticate } from './authenticate.js';
import { chooseAnswer } from './choose-answer.js';
import { corsPreflight, withCors } from './cors.js';
import type { Engine, HandledRequest } from './engine.js';
import type { DefaultPreferenceValues, PreferencesResult } from './read-preferences.js';
import { readPreferences } from './read-preferences.js';
import { requestSession } from './request-session.js';
import type { Route } from './route-request.js';
import { routeRequest } from './route-request.js';
import { withDelayAndFault } from './with-delay-and-fault.js';

const NO_PREFERENCES: PreferencesResult = { ok: true, preferences: {}, applied: [] };
const EMPTY = Buffer.alloc(0);

/**
 * The provider router's own answers: FastAPI's built-in routes, 404, 405 and the trailing-slash
 * 307 (kept in the session's path prefix).
 */
function routerAnswer(route: Exclude<Route, { kind: 'event' }>, prefix = ''): Answer {
  switch (route.kind) {
    case 'provider-route':
      return route.answer;
    case 'not-found':
      return detailAnswer(404, 'Not Found', 'router');
    case 'method-not-allowed':
      return detailAnswer(405, 'Method Not Allowed', 'router', { allow: route.allow });
    case 'redirect':
      return {
        status: 307,
        headers: { location: route.location.replace(/^(\w+:\/\/[^/]*)/, `$1${prefix}`) },
        body: EMPTY,
        source: 'router',
      };
    // Stryker disable next-line all: the switch is exhaustive, so this is never reached
    default:
      // Stryker disable next-line all: the switch is exhaustive, so this is never reached
      throw new Error(`Unknown route kind "${String(route satisfies never)}".`);
  }
}

function preferencesOf(
  request: MockRequest,
  sources: EventSources,
  defaults: DefaultPreferenceValues,
): PreferencesResult {
  const prefer = request.headers['prefer'];
  const at = request.target.indexOf('?');
  // A shortcut for the usual request, which asks for nothing: the general path answers the same.
  // Stryker disable next-line all: mutants here only skip the shortcut
  if (prefer === undefined && at === -1 && Object.keys(defaults).length === 0)
    return NO_PREFERENCES;
  // Stryker disable next-line all: without a '?' the target has no query parameters either way
  const query = new URLSearchParams(at === -1 ? '' : request.target.slice(at + 1));
  return readPreferences(prefer, query, () => sources.fixtures.ids(), defaults);
}

function withPreferenceApplied(answer: Answer, applied: readonly string[]): Answer {
  if (applied.length === 0) return answer;
  return { ...answer, headers: { ...answer.headers, 'preference-applied': applied.join(', ') } };
}

/**
 * Answers one request of the mocked API as the provider would, in its order. Each stage either
 * answers (and the rest are skipped) or hands on what it learnt:
 * 1. CORS preflight, before any routing (Starlette's middleware);
 * 2. routing: FastAPI's built-in routes (`/openapi.json`, `/docs`...), 404, 405 or the
 *    trailing-slash 307, else the event id;
 * 3. authentication: 401s;
 * 4. preferences (`?__code=`..., `Prefer`, the session's defaults): a 400 for one the mock cannot
 *    honour;
 * 5. choosing the answer: what was asked for, a scenario step, chaos, or the id's normal answer;
 * 6. delay and fault;
 * 7. CORS headers on the way out.
 */
export function handleRequest(received: MockRequest, engine: Engine): HandledRequest {
  const { session, target, prefix } = requestSession(received);
  const request = target === received.target ? received : { ...received, target };
  const done = (answer: Answer, eventId: string | null = null): HandledRequest => ({
    answer: withCors(answer, request, engine.options.cors),
    eventId,
    session,
    target,
  });

  const preflight = corsPreflight(request, engine.options.cors);
  if (preflight) return { answer: preflight, eventId: null, session, target };

  const route = routeRequest(
    request.method,
    request.target,
    request.headers['host'],
    engine.matchRoute,
    engine.providerRoutes,
  );
  if (route.kind !== 'event') return done(routerAnswer(route, prefix));
  const { eventId } = route;

  const denied = authenticate(
    request.headers,
    engine.contract.operation.apiKeyHeader,
    engine.options.auth,
  );
  if (denied) return done(denied, eventId);

  const sources: EventSources = {
    contract: engine.contract,
    generate: engine.generate,
    serialize: engine.serialize,
    generated: engine.generated,
    fixtures: engine.state.lookup(engine.files, session),
  };
  const read = preferencesOf(request, sources, engine.defaultPreferences.forRequest(session));
  if (!read.ok) return done(detailAnswer(400, read.detail, 'preferences'), eventId);

  const chosen = chooseAnswer(eventId, read.preferences, session, engine, sources);
  const delayed = withDelayAndFault(chosen, read.preferences, engine);
  return done(withPreferenceApplied(delayed, read.applied), eventId);
}
