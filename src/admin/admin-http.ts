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
