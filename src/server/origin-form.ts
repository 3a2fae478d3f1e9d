/** `http://host/path?query` as a request target: its authority and its path and query. */
const ABSOLUTE_FORM = /^https?:\/\/([^/?#]*)([^#]*)/i;

/**
 * The origin-form (`/path?query`) and authority of an absolute-form request target
 * (`GET http://host/v1/audit/events/e1`, as sent to a proxy), or `undefined` for any other form.
 * RFC 9112 §3.2.2: a server routes such a request by its path, and takes the host from the
 * target rather than from `Host`.
 */
export function originForm(target: string): { path: string; authority: string } | undefined {
  if (target.startsWith('/')) return undefined;
  const match = ABSOLUTE_FORM.exec(target);
  if (!match) return undefined;
  const authority = (match[1] ?? '').replace(/^.*@/, '');
  const rest = match[2] ?? '';
  return { authority, path: rest.startsWith('/') ? rest : `/${rest}` };
}
