import type { ResolvedOptions } from '../config/resolve-options.js';
import type { Answer } from '../core/answer.js';
import { JSON_CONTENT_TYPE } from '../core/answer.js';
import { standaloneBuffer } from '../core/standalone-buffer.js';
import { OAUTH2_REDIRECT_HTML } from '../wire/oauth2-redirect-html.js';
import { REDOC_CDN, redocHtml } from '../wire/redoc-html.js';
import { SWAGGER_UI_CDN, swaggerUiHtml } from '../wire/swagger-ui-html.js';
import type { DocsAssetFiles } from './load-docs-assets.js';

/** FastAPI's built-in routes by path, each with its 200 answer (GET and HEAD only). */
export type ProviderRoutes = ReadonlyMap<string, Answer>;

type RouteOptions = Pick<
  ResolvedOptions,
  'openapiUrl' | 'docsUrl' | 'redocUrl' | 'oauth2RedirectUrl' | 'docsAssets'
>;

/** Where `docsAssets: "local"` serves the files, as FastAPI's "self-hosting" how-to mounts them. */
export const LOCAL_ASSETS = {
  swaggerUiJs: '/static/swagger-ui-bundle.js',
  swaggerUiCss: '/static/swagger-ui.css',
  favicon: '/static/favicon-32x32.png',
  redocJs: '/static/redoc.standalone.js',
} as const;

const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

function page(contentType: string, body: string | Buffer): Answer {
  return {
    status: 200,
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? standaloneBuffer(body) : body,
    source: 'provider-route',
  };
}

/**
 * The routes FastAPI's `setup()` adds before any route of the app, under the same conditions: the
 * spec at `openapiUrl` (its JSON as FastAPI encodes it), Swagger UI at `docsUrl` with its OAuth2
 * redirect page, ReDoc at `redocUrl`; none without `openapiUrl`. The first route of a path wins,
 * as in Starlette. With local assets, their files are served under `/static/` too.
 */
export function createProviderRoutes(
  spec: { readonly title: string; readonly json: string },
  options: RouteOptions,
  assets: DocsAssetFiles | undefined,
): ProviderRoutes {
  const routes = new Map<string, Answer>();
  const { openapiUrl, docsUrl, redocUrl, oauth2RedirectUrl } = options;
  if (openapiUrl === null) return routes;
  const add = (path: string, answer: Answer) => {
    if (!routes.has(path)) routes.set(path, answer);
  };
  add(openapiUrl, page(JSON_CONTENT_TYPE, spec.json));
  const local = assets !== undefined;
  if (docsUrl !== null) {
    const html = swaggerUiHtml({
      title: `${spec.title} - Swagger UI`,
      openapiUrl,
      oauth2RedirectUrl,
      assets: local
        ? {
            js: LOCAL_ASSETS.swaggerUiJs,
            css: LOCAL_ASSETS.swaggerUiCss,
            favicon: LOCAL_ASSETS.favicon,
          }
        : SWAGGER_UI_CDN,
    });
    add(docsUrl, page(HTML_CONTENT_TYPE, html));
    if (oauth2RedirectUrl !== null)
      add(oauth2RedirectUrl, page(HTML_CONTENT_TYPE, OAUTH2_REDIRECT_HTML));
  }
  if (redocUrl !== null) {
    const html = redocHtml({
      title: `${spec.title} - ReDoc`,
      openapiUrl,
      assets: local ? { js: LOCAL_ASSETS.redocJs, favicon: LOCAL_ASSETS.favicon } : REDOC_CDN,
      withGoogleFonts: !local,
    });
    add(redocUrl, page(HTML_CONTENT_TYPE, html));
  }
  if (assets) {
    add(LOCAL_ASSETS.swaggerUiJs, page('text/javascript; charset=utf-8', assets.swaggerUiJs));
    add(LOCAL_ASSETS.swaggerUiCss, page('text/css; charset=utf-8', assets.swaggerUiCss));
    add(LOCAL_ASSETS.favicon, page('image/png', assets.favicon));
    if (assets.redocJs)
      add(LOCAL_ASSETS.redocJs, page('text/javascript; charset=utf-8', assets.redocJs));
  }
  return routes;
}
