import type { Answer } from '../core/answer.js';
import { quoteUrl } from '../wire/quote-url.js';
import { unquotePath } from '../wire/unquote-path.js';
import type { ProviderRoutes } from './provider-routes.js';

/** Where a request goes, decided as the provider's router decides it. */
export type Route =
  | { readonly kind: 'event'; readonly eventId: string }
  | { readonly kind: 'provider-route'; readonly answer: Answer }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'method-not-allowed'; readonly allow: string }
  | { readonly kind: 'not-found' };

const NO_PROVIDER_ROUTES: ProviderRoutes = new Map();

/**
 * The methods a FastAPI built-in route answers. Starlette keeps them in a set, so a real provider
 * says `GET, HEAD` or `HEAD, GET` depending on the process's hash seed; the mock always says this.
 */
export const PROVIDER_ROUTE_ALLOW = 'GET, HEAD';

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
 * matched, FastAPI's built-in routes (GET and HEAD) before the event route (GET only), as FastAPI
 * adds them first; a path that matches only without its trailing slashes is redirected (307), for
 * any method.
 */
export function routeRequest(
  method: string,
  target: string,
  host: string | undefined,
  match: RouteMatcher,
  providerRoutes: ProviderRoutes = NO_PROVIDER_ROUTES,
): Route {
  const queryAt = target.indexOf('?');
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  const path = unquotePath(rawPath);
  const eventId = match(path);
  // FastAPI adds its routes first, so one of them wins over the event route on the same path.
  if (eventId !== undefined && (providerRoutes.size === 0 || !providerRoutes.has(path))) {
    return method === 'GET'
      ? { kind: 'event', eventId }
      : { kind: 'method-not-allowed', allow: 'GET' };
  }
  const builtIn = providerRoutes.size === 0 ? undefined : providerRoutes.get(path);
  if (builtIn) {
    return method === 'GET' || method === 'HEAD'
      ? { kind: 'provider-route', answer: builtIn }
      : { kind: 'method-not-allowed', allow: PROVIDER_ROUTE_ALLOW };
  }
  if (path !== '/' && path.endsWith('/')) {
    const stripped = path.replace(/\/+$/, '');
    if (match(stripped) !== undefined || providerRoutes.has(stripped)) {
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
