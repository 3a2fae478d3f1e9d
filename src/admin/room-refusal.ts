import type { Request } from 'express';
import type { Engine } from '../engine/engine.js';
import type { LimitError } from '../state/limit-error.js';
import { sessionOf } from './admin-http.js';

const FIXTURE_PATH = /^\/fixtures\/([^/]+)$/;

/**
 * The 429 (or 413) for `PUT /__mock/fixtures/{id}` when the state budget has no room for a body of
 * the length `Content-Length` says, before a byte of it is read or parsed: once the budget is full,
 * a client sending megabyte bodies costs the server nothing. A new fixture is kept as its served
 * bytes, never more than the body plus a little; a replacement frees its old bytes first, so it is
 * read and decided on as usual.
 */
export function roomRefusal(req: Request, engine: Engine): LimitError | undefined {
  const declared = req.headers['content-length'];
  const id = FIXTURE_PATH.exec(req.path)?.[1];
  if (req.method !== 'PUT' || id === undefined || declared === undefined || !/^\d+$/.test(declared))
    return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(id);
  } catch {
    return undefined;
  }
  if (engine.state.fixtures(sessionOf(req)).has(decoded)) return undefined;
  return engine.state.refusal('fixtures', Number(declared), `the fixture "${decoded}"`);
}
