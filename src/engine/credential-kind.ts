import type { ResolvedOptions } from '../config/resolve-options.js';

type AuthOptions = ResolvedOptions['auth'];

/**
 * What a request's credentials are, as the provider's `OAuth2PasswordBearer` (plus an optional
 * `X-API-Key`) sees them: `bearer` and `api-key` pass; `none` and `other-scheme` get 401 "Not
 * authenticated"; `empty-token`, `expired-token` and `rejected` get 401 "Could not validate
 * credentials"; `unchecked` when the mock checks no credentials (`--auth none`).
 */
export type CredentialKind =
  | 'unchecked'
  | 'bearer'
  | 'api-key'
  | 'none'
  | 'other-scheme'
  | 'empty-token'
  | 'expired-token'
  | 'rejected';

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
  if (options.reject.includes(credential)) return false;
  return options.accept === undefined || options.accept.includes(credential);
}

/**
 * Reads credentials in the provider's order: a bearer token decides when there is one; else a
 * non-empty API key (unless bearer-only); else there are none (or another scheme).
 */
export function credentialKind(
  headers: Readonly<Record<string, string | undefined>>,
  apiKeyHeader: string | undefined,
  options: AuthOptions,
): CredentialKind {
  switch (options.mode) {
    case 'none':
      return 'unchecked';
    case 'bearer-only':
    case 'bearer-or-api-key': {
      const authorization = headers['authorization'];
      const token = bearerToken(authorization);
      if (token === '') return 'empty-token';
      if (token !== undefined)
        return accepted(token, options)
          ? 'bearer'
          : token === 'expired'
            ? 'expired-token'
            : 'rejected';
      const key = apiKeyHeader === undefined ? undefined : headers[apiKeyHeader.toLowerCase()];
      if (options.mode === 'bearer-or-api-key' && key)
        return accepted(key, options) ? 'api-key' : 'rejected';
      return authorization ? 'other-scheme' : 'none';
    }
    // Stryker disable next-line all: the switch is exhaustive, so this is never reached
    default:
      // Stryker disable next-line all: the switch is exhaustive, so this is never reached
      throw new Error(`Unknown auth mode "${String(options.mode satisfies never)}".`);
  }
}
