import { timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import type { AdminPolicy } from '../config/admin-access.js';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../core/json-depth.js';
import { SESSION_HEADER } from '../core/mock-request.js';
import type { Engine } from '../engine/engine.js';
import { LimitError } from '../state/runtime-state.js';
import { adminCors } from './admin-cors.js';
import { sendDetail } from './admin-http.js';
import { refuseAdminRequest } from './refuse-admin-request.js';
import { routeCoverage } from './route-coverage.js';
import { routeDashboard } from './route-dashboard.js';
import { routeFixtures } from './route-fixtures.js';
import { routeHealth } from './route-health.js';
import { routeJournal } from './route-journal.js';
import { routePact } from './route-pact.js';
import { routeProviderStates } from './route-provider-states.js';
import { routePreferences } from './route-preferences.js';
import { routeRequestStream } from './route-request-stream.js';
import { routeScenarios } from './route-scenarios.js';

/** The header that carries the admin token when one is configured. */
export const ADMIN_TOKEN_HEADER = 'x-mock-admin-token';

function tokenMatches(sent: string | undefined, expected: string): boolean {
  const a = Buffer.from(sent ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The admin API under `/__mock`: the dashboard, health, run-time fixtures, scenarios, the request
 * journal (and its live stream), coverage, pact, provider states and reset. JSON in and out;
 * errors as `{"detail": ...}`.
 */
export function createAdminRouter(engine: Engine, policy: AdminPolicy, version: string): Router {
  const router = express.Router();
  const token = policy.access.mode === 'token' ? policy.access.token : undefined;
  router.use(adminCors(policy.origins));
  router.use((req, res, next) => {
    const refusal = refuseAdminRequest(req, policy);
    if (refusal) sendDetail(res, refusal.status, refusal.detail);
    else next();
  });
  // The dashboard's page and files hold no data: they load without the token, and the page asks
  // for it; everything it shows comes from the calls below, which need it.
  routeDashboard(router);
  router.use((req, res, next) => {
    if (token !== undefined && !tokenMatches(req.get(ADMIN_TOKEN_HEADER), token)) {
      sendDetail(
        res,
        401,
        'The admin API needs the header X-Mock-Admin-Token with the token given by --admin-token.',
      );
    } else next();
  });
  router.use(express.json({ limit: policy.bodyLimit, type: () => true, strict: false }));
  router.use((req, res, next) => {
    if (nestedDeeperThan(req.body))
      sendDetail(
        res,
        400,
        `The request body nests deeper than ${MAX_JSON_DEPTH} levels; send a flatter document.`,
      );
    else next();
  });
  routeHealth(router, engine, version);
  routeFixtures(router, engine);
  routeScenarios(router, engine);
  routeRequestStream(router, engine);
  routeJournal(router, engine);
  routeCoverage(router, engine);
  routePact(router, engine);
  routeProviderStates(router, engine);
  routePreferences(router, engine);
  router.post('/reset', (req, res) => {
    engine.state.reset(req.get(SESSION_HEADER) ?? undefined);
    engine.defaultPreferences.reset(req.get(SESSION_HEADER) ?? undefined);
    res.status(204).end();
  });
  router.use((req, res) =>
    sendDetail(
      res,
      404,
      `No admin endpoint ${req.method} /__mock${req.path}; see docs/admin-api.md.`,
    ),
  );
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof LimitError) sendDetail(res, 429, error.message);
    else next(error);
  });
  return router;
}
