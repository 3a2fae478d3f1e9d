import type { ResolvedOptions } from '../config/resolve-options.js';

type AuthOptions = ResolvedOptions['auth'];
import type { Answer } from '../core/answer.js';
import { detailAnswer } from '../core/answer.js';

const BEARER = { 'www-authenticate': 'Bearer' };

/** The provider's 401 when no usable credentials were sent. */
export const NOT_AUTHENTICATED = detailAnswer(401, 'Not authenticated', 'auth', BEARER);
/** The provider's 401 when the credentials were sent but refused. */
export const INVALID_CREDENTIALS = detailAnswer(
  401,
  'Could not validate credentials',
  'auth',
  BEARER,
);

/**
 * The bearer token as FastAPI's `OAuth2PasswordBearer` reads it: the scheme (before the first space)
 * compared case-insensitively, the rest as it is, so `Bearer` alone is the empty token.
 */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const space = authorization.indexOf(' ');
  const scheme = space === -1 ? authorization : authorization.slice(0, space);
  if (scheme.toLowerCase() !== 'bearer') return undefined;
  return space === -1 ? '' : authorization.slice(space + 1);
}

function accepted(credential: string, options: AuthOptions): boolean {
  if (credential === '' || options.reject.includes(credential)) return false;
  return options.accept === undefined || options.accept.includes(credential);
}

/**
 * Checks credentials in the provider's order: a bearer token decides when there is one; else a
 * non-empty `X-API-Key` (unless bearer-only). Returns the 401 to send, or `undefined` to go on.
 */
export function authenticate(
  headers: Readonly<Record<string, string | undefined>>,
  apiKeyHeader: string | undefined,
  options: AuthOptions,
): Answer | undefined {
  switch (options.mode) {
    case 'none':
      return undefined;
    case 'bearer-only':
    case 'bearer-or-api-key': {
      const token = bearerToken(headers['authorization']);
      if (token !== undefined) return accepted(token, options) ? undefined : INVALID_CREDENTIALS;
      const key = apiKeyHeader === undefined ? undefined : headers[apiKeyHeader.toLowerCase()];
      if (options.mode === 'bearer-or-api-key' && key)
        return accepted(key, options) ? undefined : INVALID_CREDENTIALS;
      return NOT_AUTHENTICATED;
    }
    // Stryker disable next-line all: the switch is exhaustive, so this is never reached
    default:
      // Stryker disable next-line all: the switch is exhaustive, so this is never reached
      throw new Error(`Unknown auth mode "${String(options.mode satisfies never)}".`);
  }
}
