import type { MockRequest } from '../core/mock-request.js';
import type { ResolvedOptions } from '../config/resolve-options.js';
import type { Answer } from '../core/answer.js';
import { TEXT_CONTENT_TYPE } from '../core/answer.js';

/** The browser options, as Starlette's `CORSMiddleware(allow_origins, expose_headers, allow_credentials)`. */
type CorsOptions = ResolvedOptions['cors'];

// allow_methods=["*"] as Starlette expands it.
const ALLOW_METHODS = 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT';

function allowed(origin: string, options: CorsOptions): boolean {
  return options.origins === '*' || options.origins.includes(origin);
}

/**
 * Answers a CORS preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`) before any
 * routing, exactly as Starlette: `200 OK` echoing the requested headers, or `400 Disallowed CORS
 * origin`. With credentials allowed, the origin is echoed (never `*`) and said to take them.
 */
export function corsPreflight(request: MockRequest, options: CorsOptions): Answer | undefined {
  const origin = request.headers['origin'];
  if (
    request.method !== 'OPTIONS' ||
    origin === undefined ||
    request.headers['access-control-request-method'] === undefined
  ) {
    return undefined;
  }
  const explicit = options.origins !== '*' || options.allowCredentials;
  const headers: Record<string, string> = explicit
    ? { vary: 'Origin' }
    : { 'access-control-allow-origin': '*' };
  headers['access-control-allow-methods'] = ALLOW_METHODS;
  headers['access-control-max-age'] = '600';
  if (options.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  const ok = allowed(origin, options);
  if (ok && explicit) headers['access-control-allow-origin'] = origin;
  const requested = request.headers['access-control-request-headers'];
  if (requested !== undefined) headers['access-control-allow-headers'] = requested;
  headers['content-type'] = TEXT_CONTENT_TYPE;
  return {
    status: ok ? 200 : 400,
    headers,
    body: Buffer.from(ok ? 'OK' : 'Disallowed CORS origin'),
    source: 'cors',
  };
}

/**
 * Adds the CORS headers of an actual response, as Starlette: `access-control-allow-credentials`
 * and `access-control-expose-headers` when set, then `*` for any origin, or the request's origin
 * echoed (with `vary: Origin`) when it sent a cookie or origins are restricted. Starlette's own
 * 500 has none.
 */
export function withCors(response: Answer, request: MockRequest, options: CorsOptions): Answer {
  const origin = request.headers['origin'];
  if (origin === undefined || response.cors === false) return response;
  const headers: Record<string, string> = { ...response.headers };
  if (options.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (options.exposeHeaders.length > 0)
    headers['access-control-expose-headers'] = options.exposeHeaders.join(', ');
  const any = options.origins === '*';
  if (any && request.headers['cookie'] === undefined) headers['access-control-allow-origin'] = '*';
  else if (allowed(origin, options)) {
    const vary = response.headers['vary'];
    headers['access-control-allow-origin'] = origin;
    headers['vary'] = vary ? `${vary}, Origin` : 'Origin';
  }
  return { ...response, headers };
}
