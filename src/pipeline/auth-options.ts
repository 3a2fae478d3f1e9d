/** How the mock checks credentials; a closed set. */
export const AUTH_MODES = ['bearer-or-api-key', 'bearer-only', 'none'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** Options of the provider's authentication. */
export interface AuthOptions {
  /**
   * `bearer-or-api-key`: a bearer token or an `X-API-Key`; `bearer-only`: a bearer token only;
   * `none`: no check (for quick demos).
   * @default 'bearer-or-api-key'
   */
  readonly mode: AuthMode;
  /**
   * When set, the only tokens and API keys accepted; any other is rejected.
   * @default undefined (any non-empty credential that is not rejected)
   */
  readonly accept?: readonly string[];
  /**
   * Tokens and API keys rejected with "Could not validate credentials".
   * @default ['expired', 'invalid']
   */
  readonly reject: readonly string[];
}

export const DEFAULT_AUTH: AuthOptions = {
  mode: 'bearer-or-api-key',
  reject: ['expired', 'invalid'],
};

export function parseAuthMode(value: string): AuthMode {
  const mode = AUTH_MODES.find((candidate) => candidate === value);
  if (mode === undefined)
    throw new RangeError(`Unknown auth mode "${value}"; use one of ${AUTH_MODES.join(', ')}.`);
  return mode;
}
