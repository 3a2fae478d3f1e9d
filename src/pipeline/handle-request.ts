import type { Mock } from '../create-mock.js';
import { authenticate } from './authenticate.js';
import { chooseAnswer } from './choose-answer.js';
import { corsPreflight, withCors } from './cors.js';
import type { MockResponse } from './mock-response.js';
import { detailResponse } from './mock-response.js';
import { readPreferences } from './read-preferences.js';
import { routeRequest } from './route-request.js';

/** The parts of an HTTP request the mock reads; built by the HTTP adapter from Node's request. */
export interface MockRequest {
  readonly method: string;
  /** The raw request target: path and query, not decoded. */
  readonly target: string;
  /** Header values by lower-case name. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

const ALLOW_GET = { allow: 'GET' };
const EMPTY = Buffer.alloc(0);

function queryOf(target: string): URLSearchParams {
  const at = target.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : target.slice(at + 1));
}

/**
 * Answers one request of the mocked API in the provider's order: CORS preflight, routing
 * (404/405/307), authentication, then what the consumer asked for or what the id is pinned to.
 */
function answer(request: MockRequest, mock: Mock): MockResponse {
  const route = routeRequest(
    request.method,
    request.target,
    request.headers['host'],
    mock.matchRoute,
  );
  switch (route.kind) {
    case 'not-found':
      return detailResponse(404, 'Not Found', 'router');
    case 'method-not-allowed':
      return detailResponse(405, 'Method Not Allowed', 'router', ALLOW_GET);
    case 'redirect':
      return { status: 307, headers: { location: route.location }, body: EMPTY, source: 'router' };
    case 'event':
      break;
    default:
      throw new Error(`Unknown route kind "${String(route satisfies never)}".`);
  }
  const denied = authenticate(
    request.headers,
    mock.contract.operation.apiKeyHeader,
    mock.options.auth,
  );
  if (denied) return denied;
  const read = readPreferences(request.headers['prefer'], queryOf(request.target), () => [
    ...mock.fixtures.events.keys(),
    ...mock.fixtures.responses.keys(),
  ]);
  if (!read.ok) return detailResponse(400, read.detail, 'preferences');
  const response = chooseAnswer(route.eventId, read.preferences, mock);
  if (read.applied.length === 0) return response;
  return {
    ...response,
    headers: { ...response.headers, 'preference-applied': read.applied.join(', ') },
  };
}

/** Answers one request of the mocked API; CORS headers are added as Starlette's middleware adds them. */
export function handleRequest(request: MockRequest, mock: Mock): MockResponse {
  return (
    corsPreflight(request, mock.options.cors) ??
    withCors(answer(request, mock), request, mock.options.cors)
  );
}
