import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import { createAdminRouter } from './admin/create-admin-router.js';
import type { Mock } from './create-mock.js';
import { createMock } from './create-mock.js';
import { checkRequestLimits } from './http/request-limits.js';
import { sendResponse } from './http/send-response.js';
import { writeAnswer } from './http/write-answer.js';
import type { MockOptions } from './mock-options.js';
import { handleRequest } from './pipeline/handle-request.js';
import { detailResponse } from './pipeline/mock-response.js';
import type { MockResponse } from './pipeline/mock-response.js';
import { VERSION } from './version.js';

/** The prefix of the admin API. */
export const ADMIN_PREFIX = '/__mock';

/** Whether Express would route the path to the admin mount (it matches case-insensitively). */
function isAdminPath(url: string): boolean {
  const prefix = url.slice(0, ADMIN_PREFIX.length + 1).toLowerCase();
  return prefix === ADMIN_PREFIX || prefix === `${ADMIN_PREFIX}/` || prefix === `${ADMIN_PREFIX}?`;
}

function isMock(value: MockOptions | Mock): value is Mock {
  return 'contract' in value;
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
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

/** Serves the mocked API: answers through the pipeline, writes it (delay, faults), records it. */
function serveApi(mock: Mock) {
  return (req: IncomingMessage, res: ServerResponse) => {
    // At the top level (never mounted) the request target is exactly what the client sent.
    const target = req.url ?? '/';
    const method = req.method ?? 'GET';
    const started = process.hrtime.bigint();
    const arrived = new Date();
    const seq = mock.runtime.journal.reserve();
    const headers = headersOf(req);
    const { response, eventId, session } = handleRequest({ method, target, headers }, mock);
    if (response.violations)
      mock.options.logger.error('response broke the contract', {
        path: target,
        violations: response.violations,
      });
    res.once('close', () => {
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      const fault = response.fault ?? null;
      const { status, source } = response;
      mock.runtime.journal.record({
        seq,
        time: arrived.toISOString(),
        method,
        path: target,
        eventId,
        session,
        headers,
        status,
        source,
        scenario: response.scenario ?? null,
        fault,
        valid: response.violations === undefined,
        latencyMs,
      });
      mock.options.logger.request?.({
        method,
        path: target,
        status,
        source,
        latencyMs,
        session,
        fault,
      });
    });
    writeAnswer(req, res, response);
  };
}

/**
 * Answers a request of the mocked API, limits first; returns `false`, having done nothing, for a
 * request of the admin API. Shared by the Express app and the `node:http` listener.
 */
function createApiHandler(mock: Mock): (req: IncomingMessage, res: ServerResponse) => boolean {
  const api = serveApi(mock);
  const adminEnabled = mock.options.admin.enabled;
  return (req, res) => {
    const url = req.url ?? '/';
    const over = checkRequestLimits(url, req.rawHeaders, req.httpVersion, req.headers.host);
    if (over) sendResponse(res, over);
    else if (adminEnabled && isAdminPath(url)) return false;
    else api(req, res);
    return true;
  };
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

/** The JSON 500 for an error the mock did not expect (its own defect), logged with its stack. */
function unexpectedError(mock: Mock, path: string, error: unknown): MockResponse {
  const reason = error instanceof Error ? error.message : String(error);
  mock.options.logger.error('unexpected error in the mock', {
    path,
    error: error instanceof Error ? error.stack : reason,
  });
  return detailResponse(
    500,
    `Internal error in the mock (${reason}); this is a defect of the mock, please report it.`,
    'router',
  );
}

/**
 * The request listener `startServer` puts on its socket: the mocked API answered straight from
 * `node:http` through the same handler as the Express app (skipping Express's router on the hot
 * path), the admin API through the Express app.
 */
export function createRequestListener(mock: Mock, app: Express): RequestListener {
  const handle = createApiHandler(mock);
  return (req, res) => {
    try {
      if (!handle(req, res)) app(req, res);
    } catch (error) {
      if (!res.headersSent) sendResponse(res, unexpectedError(mock, req.url ?? '/', error));
      else res.destroy();
    }
  };
}
