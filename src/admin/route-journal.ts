import type { Request, Router } from 'express';
import type { Engine } from '../engine/engine.js';
import type { JournalQuery } from '../state/journal.js';
import { MAX_PAGE_SIZE } from '../state/journal.js';
import { allParameter, queryOf, sendDetail, sessionOf } from './admin-http.js';

const FILTERS = `Filters: eventId=<id>, status=<3 digits>, session=<key>, since=<ISO 8601 time>, limit=<0 to ${MAX_PAGE_SIZE}>, before=<seq of an entry>.`;

/** The journal query of `GET /__mock/requests`, or `undefined` when a filter cannot be read. */
function readQuery(req: Request): JournalQuery | undefined {
  const query = queryOf(req);
  const status = query.get('status');
  const since = query.get('since');
  const limit = query.get('limit');
  const before = query.get('before');
  const eventId = query.get('eventId');
  if (
    (status !== null && !/^\d{3}$/.test(status)) ||
    (limit !== null && !/^\d{1,6}$/.test(limit)) ||
    (before !== null && !/^\d{1,15}$/.test(before)) ||
    (since !== null && Number.isNaN(Date.parse(since)))
  )
    return undefined;
  return {
    session: query.get('session') ?? sessionOf(req),
    ...(eventId === null ? {} : { eventId }),
    ...(status === null ? {} : { status: Number(status) }),
    ...(since === null ? {} : { since: Date.parse(since) }),
    ...(limit === null ? {} : { limit: Math.min(Number(limit), MAX_PAGE_SIZE) }),
    ...(before === null ? {} : { before: Number(before) }),
  };
}

/** `GET|DELETE /__mock/requests`: the request journal, a page at a time, with filters. */
export function routeJournal(router: Router, engine: Engine): void {
  router.get('/requests', (req, res) => {
    const query = readQuery(req);
    if (!query) {
      sendDetail(res, 400, FILTERS);
      return;
    }
    const { entries, next } = engine.state.journal.query(query);
    if (next !== undefined) {
      // The next page is this request again with `before` the oldest entry listed (RFC 8288).
      const params = queryOf(req);
      params.set('before', String(next));
      res.setHeader('link', `</__mock/requests?${params.toString()}>; rel="next"`);
    }
    res.json(entries);
  });
  router.delete('/requests', (req, res) => {
    const all = allParameter(req);
    if (all === undefined) sendDetail(res, 400, 'all must be true or false.');
    else {
      if (all) engine.state.journal.clearAll();
      else engine.state.journal.clear(sessionOf(req));
      res.status(204).end();
    }
  });
}
