import type { Mock } from '../create-mock.js';
import type { MockResponse } from './mock-response.js';
import { detailResponse } from './mock-response.js';
import { respondWithEvent } from './respond-with-event.js';
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

/** Answers one request of the mocked API: route, then the event from a fixture or the generator. */
export function handleRequest(request: MockRequest, mock: Mock): MockResponse {
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
      return {
        status: 307,
        headers: { location: route.location },
        body: Buffer.alloc(0),
        source: 'router',
      };
    case 'event':
      return respondWithEvent(route.eventId, mock);
    default:
      throw new Error(`Unknown route kind "${String(route satisfies never)}".`);
  }
}
