import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { createAdminRouter } from './admin/create-admin-router.js';
import { ADMIN_PREFIX, createApiHandler } from './create-api-handler.js';
import type { Mock } from './create-mock.js';
import { createMock } from './create-mock.js';
import { sendResponse } from './http/send-response.js';
import type { MockOptions } from './mock-options.js';
import { detailResponse } from './pipeline/mock-response.js';
import { unexpectedError } from './unexpected-error.js';
import { VERSION } from './version.js';

function isMock(value: MockOptions | Mock): value is Mock {
  return 'contract' in value;
}

function clientError(error: unknown): { status: number; detail: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const type = 'type' in error ? error.type : undefined;
  const message = error instanceof Error ? error.message : 'bad request';
  if (type === 'entity.too.large')
    return {
      status: 413,
      detail:
        'The request body is too large for the admin API; send less (the limit is set by admin.bodyLimit).',
    };
  if (type === 'entity.parse.failed')
    return { status: 400, detail: `The request body is not valid JSON: ${message}.` };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return { status: 415, detail: 'Send the admin API UTF-8 JSON, uncompressed.' };
  // Express and its body parser mark the client's mistakes (an undecodable path parameter, a body
  // that is not the encoding it claims) with a 4xx status.
  const status = 'status' in error ? Number(error.status) : Number.NaN;
  if (status >= 400 && status < 500)
    return { status, detail: `The request cannot be read: ${message}.` };
  return undefined;
}

/**
 * Builds the mock as an Express app; it never listens (use `supertest(app)`, or the CLI and
 * `startServer()` for a socket). Throws at once if the spec or a fixture cannot be served.
 * @example const app = createApp({ seed: 'ci', fixtures: './my-fixtures' });
 */
export function createApp(options: MockOptions | Mock = {}): Express {
  const mock = isMock(options) ? options : createMock(options);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const handle = createApiHandler(mock);
  // One layer serves the mocked API, so its requests pass through no other middleware.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!handle(req, res)) next();
  });
  if (mock.options.admin.enabled) app.use(ADMIN_PREFIX, createAdminRouter(mock, VERSION));

  // Express 5 sends rejections and throws here; never its HTML page, never a stack trace.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = clientError(error);
    if (known) {
      sendResponse(res, detailResponse(known.status, known.detail, 'router'));
      return;
    }
    sendResponse(res, unexpectedError(mock, req.originalUrl, error));
  });
  return app;
}
