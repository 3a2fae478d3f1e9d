import { isIP } from 'node:net';
import type { AdminAccess, AdminPolicy } from '../config/admin-access.js';
import { isLoopback } from '../config/admin-access.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/**
 * Whether `origin` is the mock's own (the `Host` the request was sent to), as for a call of the
 * dashboard: browsers send `Origin` on every state-changing request, same-origin ones included.
 * A DNS-rebinding page also sends matching `Origin` and `Host`, both its own domain name, so a
 * name is trusted only when it is a loopback one or the admin API needs a token (which such a
 * page does not have); an IP address cannot be rebound.
 */
function isOwnOrigin(
  origin: string,
  host: string | string[] | undefined,
  access: AdminAccess,
): boolean {
  if (typeof host !== 'string' || host === '') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.host !== host.toLowerCase())
    return false;
  const name = url.hostname.replace(/^\[|\]$/g, '');
  return access.mode === 'token' || isLoopback(name) || isIP(name) !== 0;
}

/**
 * Keeps web pages out of the admin API: on a loopback bind the `Host` must be a loopback name (a
 * DNS-rebinding page sends its own), and a state-changing request from a page (`Origin`) must come
 * from the mock's own origin (its dashboard) or one explicitly allowed. Returns the 403 to send,
 * or `undefined`.
 */
export function refuseAdminRequest(
  request: {
    readonly method: string;
    readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  },
  admin: Pick<AdminPolicy, 'access' | 'origins' | 'loopbackOnly'>,
): { status: 403; detail: string } | undefined {
  const host = request.headers['host'];
  if (admin.loopbackOnly && (typeof host !== 'string' || !isLoopback(hostName(host)))) {
    return {
      status: 403,
      detail: `The admin API of a mock bound to loopback only answers requests addressed to localhost, 127.0.0.1 or [::1], not Host "${String(host)}".`,
    };
  }
  const origin = request.headers['origin'];
  if (
    typeof origin === 'string' &&
    !SAFE_METHODS.has(request.method) &&
    !admin.origins.includes(origin) &&
    !isOwnOrigin(origin, host, admin.access)
  ) {
    return {
      status: 403,
      detail: `Admin requests from web pages are refused (Origin "${origin}"); allow one with --admin-origin if a page really must change the mock.`,
    };
  }
  return undefined;
}
