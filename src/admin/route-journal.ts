import type { Router } from 'express';
import { SESSION_HEADER } from '../core/mock-request.js';
import type { Engine } from '../engine/engine.js';
import { sendDetail, sessionOf } from './admin-http.js';

/** `GET|DELETE /__mock/requests`: the request journal, with filters. */
export function routeJournal(router: Router, engine: Engine): void {
  router.get('/requests', (req, res) => {
    const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    const status = query.get('status');
    const since = query.get('since');
    const limit = query.get('limit');
    if (
      (status !== null && !/^\d{3}$/.test(status)) ||
      (limit !== null && !/^\d{1,6}$/.test(limit)) ||
      (since !== null && Number.isNaN(Date.parse(since)))
    ) {
      sendDetail(
        res,
        400,
        'Filters: eventId=<id>, status=<3 digits>, session=<key>, since=<ISO 8601 time>, limit=<n>.',
      );
      return;
    }
    const session = query.get('session') ?? sessionOf(req);
    res.json(
      engine.state.journal.query({
        session,
        ...(query.get('eventId') === null ? {} : { eventId: query.get('eventId') ?? '' }),
        ...(status === null ? {} : { status: Number(status) }),
        ...(since === null ? {} : { since: Date.parse(since) }),
        ...(limit === null ? {} : { limit: Number(limit) }),
      }),
    );
  });
  router.delete('/requests', (req, res) => {
    engine.state.journal.clear(req.get(SESSION_HEADER) ?? undefined);
    res.status(204).end();
  });
}
