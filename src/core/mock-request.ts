/** The parts of an HTTP request the engine reads; the server builds it from Node's request. */
export interface MockRequest {
  readonly method: string;
  /** The raw request target: path and query, not decoded. */
  readonly target: string;
  /** Header values by lower-case name (repeated headers joined by `, `). */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** The header that scopes run-time state to one test worker. */
export const SESSION_HEADER = 'x-mock-session';

/** The session a request belongs to (`X-Mock-Session`), or `null` for the global state. */
export function sessionOf(request: MockRequest): string | null {
  return request.headers[SESSION_HEADER] ?? null;
}
