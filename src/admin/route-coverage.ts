import type { Request, Router } from 'express';
import type { Engine } from '../engine/engine.js';
import { coverageReport } from '../report/coverage-report.js';
import { sessionOf } from './admin-http.js';

/** The mock's URL as the caller reached it, for the curl lines of the report. */
export function baseUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/**
 * `GET|DELETE /__mock/coverage`: the outcomes the requests met, of one session (`X-Mock-Session`)
 * or, without the header, of every request; and forgetting them (with the pact's interactions).
 * `POST /__mock/reset` leaves them, so a suite that resets after each test keeps its coverage.
 */
export function routeCoverage(router: Router, engine: Engine): void {
  router.get('/coverage', (req, res) => {
    res.json(coverageReport(engine, baseUrlOf(req), sessionOf(req) ?? undefined));
  });
  router.delete('/coverage', (req, res) => {
    const session = sessionOf(req);
    engine.coverage.clear(session ?? undefined);
    engine.interactions.clear(session ?? undefined);
    res.status(204).end();
  });
}
