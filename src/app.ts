import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import type { Mock } from './create-mock.js';
import { createMock } from './create-mock.js';
import { sendResponse } from './http/send-response.js';
import type { MockOptions } from './mock-options.js';
import { handleRequest } from './pipeline/handle-request.js';
import { detailResponse } from './pipeline/mock-response.js';

function isMock(value: MockOptions | Mock): value is Mock {
  return 'contract' in value;
}

function headersOf(req: Request): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * Builds the mock as an Express app; it never listens (use `supertest(app)`, or the CLI and
 * `startServer()` for a socket). Throws at once if the spec or a fixture cannot be served.
 * @example const app = createApp({ seed: 'ci', fixtures: './my-fixtures' });
 */
export function createApp(options: MockOptions | Mock = {}): Express {
  const mock = isMock(options) ? options : createMock(options);
  const { logger } = mock.options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((req: Request, res: Response) => {
    const response = handleRequest(
      { method: req.method, target: req.originalUrl, headers: headersOf(req) },
      mock,
    );
    if (response.violations) {
      logger.error('response broke the contract', {
        path: req.originalUrl,
        violations: response.violations,
      });
    }
    if (response.delayMs === undefined) {
      sendResponse(res, response);
      return;
    }
    const timer = setTimeout(() => sendResponse(res, response), response.delayMs);
    res.once('close', () => clearTimeout(timer));
  });

  // Express 5 sends rejections and throws here; never its HTML page, never a stack trace.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const reason = error instanceof Error ? error.message : String(error);
    logger.error('unexpected error in the mock', {
      path: req.originalUrl,
      error: error instanceof Error ? error.stack : reason,
    });
    sendResponse(
      res,
      detailResponse(
        500,
        `Internal error in the mock (${reason}); this is a defect of the mock, please report it.`,
        'router',
      ),
    );
  });
  return app;
}
