import type { Request, Response, Router } from 'express';
import type { DashboardAssets, DashboardFile } from './dashboard-assets.js';
import { loadDashboardAssets } from './dashboard-assets.js';
import { sendDetail } from './admin-http.js';

/**
 * What the dashboard may load and where it may connect: its own files and the admin API, nothing
 * inline, nothing from elsewhere (it works offline), and no page may frame it.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
} as const;

/** The page names its files by version, so they never change under a URL: cache them for a year. */
const FILE_CACHE = 'private, max-age=31536000, immutable';
/** The page itself is checked again on every load (a cheap 304), so a new version shows at once. */
const PAGE_CACHE = 'no-cache';

function sendFile(req: Request, res: Response, file: DashboardFile, cacheControl: string): void {
  res.set({
    ...SECURITY_HEADERS,
    'content-type': file.contentType,
    'cache-control': cacheControl,
    etag: file.etag,
    vary: 'accept-encoding',
  });
  if (req.get('if-none-match') === file.etag) {
    res.status(304).end();
    return;
  }
  const gzip = req.acceptsEncodings('gzip', 'identity') === 'gzip';
  const body = gzip ? file.gzip : file.raw;
  if (gzip) res.set('content-encoding', 'gzip');
  res.set('content-length', String(body.length));
  res.status(200).end(req.method === 'HEAD' ? undefined : body);
}

/**
 * `GET /__mock/` (the dashboard's page) and `GET /__mock/assets/<version>/<file>`: a web page for
 * people over the admin API. Its files hold no data, so they load without the admin token (the
 * page asks for it); every call the page makes goes through the admin API's own checks.
 */
export function routeDashboard(
  router: Router,
  load: () => DashboardAssets = loadDashboardAssets,
): void {
  let loaded: DashboardAssets | undefined;
  /** The files, read on first use; a missing folder is a 500 that says what to do. */
  const assets = (res: Response): DashboardAssets | undefined => {
    try {
      return (loaded ??= load());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      sendDetail(res, 500, `The dashboard cannot be served: ${reason}`);
      return undefined;
    }
  };
  router.get('/', (req, res) => {
    // `/__mock` without its slash: the page's relative URLs need it (relative, so it also holds
    // under a mount path).
    const path = req.originalUrl.split('?')[0] ?? '';
    if (!path.endsWith('/')) {
      res.redirect(308, `${path.slice(path.lastIndexOf('/') + 1)}/`);
      return;
    }
    const dashboard = assets(res);
    if (dashboard) sendFile(req, res, dashboard.page, PAGE_CACHE);
  });
  router.get('/assets/:version/:name', (req, res) => {
    const dashboard = assets(res);
    if (!dashboard) return;
    const { version, name } = req.params;
    const file = dashboard.files.get(name);
    if (version !== dashboard.version || file === undefined) {
      sendDetail(
        res,
        404,
        `No dashboard file ${version}/${name}: the mock was updated since the page loaded; reload /__mock/.`,
      );
      return;
    }
    sendFile(req, res, file, FILE_CACHE);
  });
}
