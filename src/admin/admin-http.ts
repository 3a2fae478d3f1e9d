import type { Request, Response } from 'express';
import { SESSION_HEADER } from '../core/mock-request.js';

/** Sends `{"detail": message}` with `status`, the provider's error shape. */
export function sendDetail(res: Response, status: number, message: unknown): void {
  res.status(status).json({ detail: message });
}

/** The session of an admin call (`X-Mock-Session`), or `null` for the global state. */
export function sessionOf(req: Request): string | null {
  return req.get(SESSION_HEADER) ?? null;
}

/** The query parameters of an admin call, read without Express's nested-object parser. */
export function queryOf(req: Request): URLSearchParams {
  const at = req.originalUrl.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : req.originalUrl.slice(at + 1));
}

/**
 * `?all=true`: the call is for every session, not just the caller's (or the global state).
 * `false` when absent; `undefined` when it is neither `true` nor `false`.
 */
export function allParameter(req: Request): boolean | undefined {
  const all = queryOf(req).get('all');
  if (all === null || all === 'false') return false;
  return all === 'true' ? true : undefined;
}
