import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import type { AdminPolicy } from '../config/admin-access.js';
import type { Engine } from '../engine/engine.js';
import { unexpectedError } from '../engine/unexpected-error.js';
import { ADMIN_PREFIX } from '../server/create-request-listener.js';
import { sendAnswer } from '../server/send-answer.js';
import { detailAnswer } from '../core/answer.js';
import { createAdminRouter } from './create-admin-router.js';

/** The client's mistakes that Express and its body parser report as errors, as JSON answers. */
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
  if (type === 'entity.shape') return { status: 400, detail: message };
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
 * The admin API as an Express app: the router under `/__mock` and the one error handler, which
 * answers every error in JSON (never Express's HTML page, never a stack trace).
 */
export function createAdminApp(engine: Engine, policy: AdminPolicy, version: string): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(ADMIN_PREFIX, createAdminRouter(engine, policy, version));
  // Express 5 sends rejections and throws here.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = clientError(error);
    sendAnswer(
      res,
      known
        ? detailAnswer(known.status, known.detail, 'router')
        : unexpectedError(engine, req.originalUrl, error),
    );
  });
  return app;
}
