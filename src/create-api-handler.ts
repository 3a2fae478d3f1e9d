import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Mock } from './create-mock.js';
import { checkRequestLimits } from './http/request-limits.js';
import { sendResponse } from './http/send-response.js';
import { writeAnswer } from './http/write-answer.js';
import { handleRequest } from './pipeline/handle-request.js';

/** The prefix of the admin API. */
export const ADMIN_PREFIX = '/__mock';

/** Whether Express would route the path to the admin mount (it matches case-insensitively). */
function isAdminPath(url: string): boolean {
  const prefix = url.slice(0, ADMIN_PREFIX.length + 1).toLowerCase();
  return prefix === ADMIN_PREFIX || prefix === `${ADMIN_PREFIX}/` || prefix === `${ADMIN_PREFIX}?`;
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
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
export function createApiHandler(
  mock: Mock,
): (req: IncomingMessage, res: ServerResponse) => boolean {
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
