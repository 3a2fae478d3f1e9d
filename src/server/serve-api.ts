import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockRequest } from '../core/mock-request.js';
import type { Engine } from '../engine/engine.js';
import { recordOutcome } from '../engine/record-outcome.js';
import type { RecordedRequest } from '../state/journal.js';
import { writeAnswer } from './write-answer.js';

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** The engine's view of a Node request. */
export function toMockRequest(req: IncomingMessage): MockRequest {
  // At the top level (never mounted) the request target is exactly what the client sent.
  return { method: req.method ?? 'GET', target: req.url ?? '/', headers: headersOf(req) };
}

/**
 * Serves one request of the mocked API: the engine answers it, the answer is written (after its
 * delay, broken as its fault says), and once the exchange is over it is journaled, handed to the
 * live feed and logged.
 */
export function serveApi(engine: Engine, req: IncomingMessage, res: ServerResponse): void {
  const started = process.hrtime.bigint();
  const arrived = new Date();
  const seq = engine.state.journal.reserve();
  const request = toMockRequest(req);
  const handled = engine.handle(request);
  const { answer, eventId, session } = handled;
  const { method, target: path, headers } = request;
  if (answer.violations)
    engine.logger.error('response broke the contract', { path, violations: answer.violations });
  res.once('close', () => {
    const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
    const fault = answer.fault ?? null;
    const { status, source } = answer;
    const entry: RecordedRequest = {
      seq,
      time: arrived.toISOString(),
      method,
      path,
      eventId,
      session,
      headers,
      status,
      source,
      scenario: answer.scenario ?? null,
      fault,
      valid: answer.violations === undefined,
      latencyMs,
    };
    engine.state.journal.record(entry);
    recordOutcome(engine, request, handled, arrived);
    // After the outcome is counted, so a client of the feed that reads the coverage sees it.
    engine.state.feed.publish(entry, answer);
    engine.logger.request?.({ method, path, status, source, latencyMs, session, fault });
  });
  writeAnswer(req, res, answer);
}
