import type { MockRequest } from '../core/mock-request.js';
import { SESSION_HEADER } from '../core/mock-request.js';

/** A path prefix that puts a request in a session without any header: `/__session/<key>/v1/...`. */
export const SESSION_PREFIX = '/__session/';
/** The cookie that puts a browser's requests (sent with credentials) in a session. */
export const SESSION_COOKIE = 'mock-session';

const MAX_KEY = 256;

/** The session a request belongs to, and its target without a session prefix. */
export interface RequestSession {
  /** `null`: the global state. */
  readonly session: string | null;
  /** The request target as the provider's router sees it (without `/__session/<key>`). */
  readonly target: string;
  /** `/__session/<key>` when the target had it, to keep it in a redirect's location. */
  readonly prefix: string | undefined;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function cookieSession(cookie: string | undefined): string | undefined {
  if (cookie === undefined) return undefined;
  for (const pair of cookie.split(';')) {
    const at = pair.indexOf('=');
    if (at !== -1 && pair.slice(0, at).trim() === SESSION_COOKIE) {
      const key = decoded(pair.slice(at + 1).trim());
      return key !== '' && key.length <= MAX_KEY ? key : undefined;
    }
  }
  return undefined;
}

/**
 * A request's session, for browser apps too: its `X-Mock-Session` header, else the key of a
 * `/__session/<key>` path prefix, else its `mock-session` cookie; without any, the global state.
 * A session prefix is taken off the target before routing.
 */
export function requestSession(request: MockRequest): RequestSession {
  const { target } = request;
  let prefixed: { key: string; prefix: string; rest: string } | undefined;
  if (target.startsWith(SESSION_PREFIX)) {
    const end = target.indexOf('/', SESSION_PREFIX.length);
    const key = end === -1 ? '' : decoded(target.slice(SESSION_PREFIX.length, end));
    if (key !== '' && key.length <= MAX_KEY)
      prefixed = { key, prefix: target.slice(0, end), rest: target.slice(end) };
  }
  const session =
    request.headers[SESSION_HEADER] ?? prefixed?.key ?? cookieSession(request.headers['cookie']);
  return {
    session: session ?? null,
    target: prefixed?.rest ?? target,
    prefix: prefixed?.prefix,
  };
}
