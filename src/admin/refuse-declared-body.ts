import type { Request, Response } from 'express';
import { sendDetail } from './admin-http.js';

/**
 * Answers 413 at once, before reading a byte of the body, when `Content-Length` already says it
 * is over the limit; the connection then closes, so the rest of the body is never read. Returns
 * whether it answered. (A body without a length is counted as it arrives, by the JSON parser.)
 */
export function refuseDeclaredBody(req: Request, res: Response, limit: number): boolean {
  const declared = req.headers['content-length'];
  if (declared === undefined || !/^\d+$/.test(declared) || Number(declared) <= limit) return false;
  res.setHeader('connection', 'close');
  sendDetail(
    res,
    413,
    `The request body is too large for the admin API: Content-Length says ${declared} bytes, the limit is ${limit} (admin.bodyLimit); send less, or raise admin.bodyLimit.`,
  );
  return true;
}
