import type { ResolvedOptions } from '../config/resolve-options.js';
import type { Answer } from '../core/answer.js';
import { detailAnswer } from '../core/answer.js';
import { credentialKind } from './credential-kind.js';

type AuthOptions = ResolvedOptions['auth'];

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
 * Checks credentials in the provider's order: a bearer token decides when there is one; else a
 * non-empty `X-API-Key` (unless bearer-only). Returns the 401 to send, or `undefined` to go on.
 */
export function authenticate(
  headers: Readonly<Record<string, string | undefined>>,
  apiKeyHeader: string | undefined,
  options: AuthOptions,
): Answer | undefined {
  const kind = credentialKind(headers, apiKeyHeader, options);
  switch (kind) {
    case 'unchecked':
    case 'bearer':
    case 'api-key':
      return undefined;
    case 'none':
    case 'other-scheme':
      return NOT_AUTHENTICATED;
    case 'empty-token':
    case 'expired-token':
    case 'rejected':
      return INVALID_CREDENTIALS;
    // Stryker disable next-line all: the switch is exhaustive, so this is never reached
    default:
      // Stryker disable next-line all: the switch is exhaustive, so this is never reached
      throw new Error(`Unknown credential kind "${String(kind satisfies never)}".`);
  }
}
