import type { NextFunction, Request, Response } from 'express';

const ALLOW_METHODS = 'GET, POST, PUT, DELETE, OPTIONS';
/** Headers an admin answer may show a page besides the CORS-safelisted ones. */
const EXPOSE_HEADERS = 'link';

/**
 * CORS for the admin API, for the origins allowed with `--admin-origin` only: a preflight
 * (OPTIONS with `Access-Control-Request-Method`) is answered here, before the token check (a
 * browser sends no custom header on it), with the requested headers echoed; every answer to such
 * an origin says it may read it. Any other origin gets no CORS header, so a browser keeps the
 * page from reading the answer (and `refuseAdminRequest` refuses its changes).
 */
export function adminCors(origins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.get('origin');
    if (origin === undefined || !origins.includes(origin)) {
      next();
      return;
    }
    res.vary('Origin');
    res.set('access-control-allow-origin', origin);
    res.set('access-control-expose-headers', EXPOSE_HEADERS);
    if (req.method !== 'OPTIONS' || req.get('access-control-request-method') === undefined) {
      next();
      return;
    }
    res.set('access-control-allow-methods', ALLOW_METHODS);
    const requested = req.get('access-control-request-headers');
    if (requested !== undefined) res.set('access-control-allow-headers', requested);
    res.set('access-control-max-age', '600');
    res.status(204).end();
  };
}
