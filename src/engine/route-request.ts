import { quoteUrl } from '../wire/quote-url.js';
import { unquotePath } from '../wire/unquote-path.js';

/** Where a request goes, decided as the provider's router decides it. */
export type Route =
  | { readonly kind: 'event'; readonly eventId: string }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'method-not-allowed' }
  | { readonly kind: 'not-found' };

/** Matches the decoded path against a path template, as Starlette compiles `{param}` to `[^/]+`. */
export type RouteMatcher = (decodedPath: string) => string | undefined;

export function createRouteMatcher(pathTemplate: string): RouteMatcher {
  const pattern = pathTemplate
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('([^/]+)');
  const regex = new RegExp(`^${pattern}$`, 's');
  return (decodedPath) => regex.exec(decodedPath)?.[1];
}

/**
 * Routes a request by its raw target (`/path?query`): the path is percent-decoded first, then
 * matched; a path that matches only without its trailing slashes is redirected (307), for any method.
 */
export function routeRequest(
  method: string,
  target: string,
  host: string | undefined,
  match: RouteMatcher,
): Route {
  const queryAt = target.indexOf('?');
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  const path = unquotePath(rawPath);
  const eventId = match(path);
  if (eventId !== undefined) {
    return method === 'GET' ? { kind: 'event', eventId } : { kind: 'method-not-allowed' };
  }
  if (path !== '/' && path.endsWith('/')) {
    const stripped = path.replace(/\/+$/, '');
    if (match(stripped) !== undefined) {
      const query = queryAt === -1 ? '' : target.slice(queryAt);
      const origin = host === undefined ? '' : `http://${host}`;
      return {
        kind: 'redirect',
        location: quoteUrl(`${origin}${stripped}${query === '?' ? '' : query}`),
      };
    }
  }
  return { kind: 'not-found' };
}
