import { isIP } from 'node:net';

/** Who may use the admin API of a server on a given address; a closed set. */
export type AdminAccess =
  | { readonly mode: 'open' }
  | { readonly mode: 'token'; readonly token: string }
  | { readonly mode: 'off'; readonly reason: string };

/** `true` for addresses only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) !== 6) return false;
  // The URL parser writes an IPv6 address in its shortest form: ::1, ::ffff:7f00:1 (127.0.0.1).
  const canonical = new URL(`http://[${bare}]/`).hostname;
  return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(canonical);
}

/**
 * Safe by default: open on a loopback bind; elsewhere only with a token, else off. `--no-admin`
 * turns it off anywhere; a token, when given, is required on every bind.
 */
export function decideAdminAccess(
  host: string,
  token: string | undefined,
  disabled: boolean,
): AdminAccess {
  if (disabled) return { mode: 'off', reason: 'turned off: admin.enabled false, --no-admin' };
  if (token !== undefined && token !== '') return { mode: 'token', token };
  if (isLoopback(host)) return { mode: 'open' };
  return { mode: 'off', reason: `bound to ${host}, which is not loopback, without --admin-token` };
}

/** The start-up line that says who may use the admin API. */
export function describeAdminAccess(access: AdminAccess): string {
  switch (access.mode) {
    case 'open':
      return 'admin API at /__mock: open (loopback bind)';
    case 'token':
      return 'admin API at /__mock: requires the X-Mock-Admin-Token header';
    case 'off':
      return `admin API: off (${access.reason})`;
    default:
      throw new Error(`Unknown admin access "${String(access satisfies never)}".`);
  }
}

/** Everything that decides who may use the admin API, and how much they may send. */
export interface AdminPolicy {
  readonly access: AdminAccess;
  /** Browser origins allowed to change state; any other `Origin` gets 403. */
  readonly origins: readonly string[];
  /** Largest admin request body, in bytes. */
  readonly bodyLimit: number;
  /** Refuse admin requests whose `Host` is not a loopback name or address (DNS rebinding). */
  readonly loopbackOnly: boolean;
}

/**
 * The admin policy for resolved options: on a server bound to `host`, as {@link decideAdminAccess}
 * decides, with `Host` checks on a loopback bind; for an app mounted elsewhere (no `host`), open
 * unless a token is set or the admin API is turned off.
 */
export function adminPolicy(
  admin: {
    readonly enabled: boolean;
    readonly token: string | undefined;
    readonly origins: readonly string[];
    readonly bodyLimit: number;
  },
  host: string | undefined,
): AdminPolicy {
  const access =
    host === undefined
      ? !admin.enabled
        ? ({ mode: 'off', reason: 'turned off: admin.enabled false' } as const)
        : admin.token === undefined
          ? ({ mode: 'open' } as const)
          : ({ mode: 'token', token: admin.token } as const)
      : decideAdminAccess(host, admin.token, !admin.enabled);
  return {
    access,
    origins: admin.origins,
    bodyLimit: admin.bodyLimit,
    loopbackOnly: host !== undefined && isLoopback(host),
  };
}
