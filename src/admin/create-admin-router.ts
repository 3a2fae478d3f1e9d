import { timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import type { AdminPolicy } from '../config/admin-access.js';
import { jsonTextShape, MAX_JSON_DEPTH } from '../core/json-depth.js';
import { MAX_ADMIN_JSON_VALUES } from '../core/limits.js';
import type { Engine } from '../engine/engine.js';
import { LimitError, limitStatus } from '../state/limit-error.js';
import { adminCors } from './admin-cors.js';
import { allParameter, sendDetail, sessionOf } from './admin-http.js';
import { refuseDeclaredBody } from './refuse-declared-body.js';
import { roomRefusal } from './room-refusal.js';
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

/** A body refused before it is parsed (too deep, too many values); Express answers its status. */
class BodyShapeError extends Error {
  readonly status = 400;
  readonly type = 'entity.shape';
}

/** Why a JSON body is refused before it is parsed, or `undefined`. */
function shapeProblem(text: string): string | undefined {
  const { depth, values } = jsonTextShape(text);
  if (depth > MAX_JSON_DEPTH)
    return `The request body nests deeper than ${MAX_JSON_DEPTH} levels; send a flatter document.`;
  if (values > MAX_ADMIN_JSON_VALUES)
    return `The request body holds about ${values.toLocaleString('en')} JSON values, more than the ${MAX_ADMIN_JSON_VALUES.toLocaleString('en')} the admin API parses; send a smaller document.`;
  return undefined;
}

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
  router.use((req, res, next) => {
    if (refuseDeclaredBody(req, res, policy.bodyLimit)) return;
    const noRoom = roomRefusal(req, engine);
    if (noRoom) {
      // The body is never read: the connection closes after the answer.
      res.setHeader('connection', 'close');
      sendDetail(res, limitStatus(noRoom.kind), noRoom.message);
    } else next();
  });
  router.use(
    express.json({
      limit: policy.bodyLimit,
      type: () => true,
      strict: false,
      // Checked on the text before it is parsed: a deep or huge document costs no parsing.
      verify: (_req, _res, body) => {
        const problem = shapeProblem(body.toString('utf8'));
        if (problem !== undefined) throw new BodyShapeError(problem);
      },
    }),
  );
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
    const all = allParameter(req);
    if (all === undefined) sendDetail(res, 400, 'all must be true or false.');
    else {
      const session = sessionOf(req);
      if (all) engine.state.resetAll();
      else engine.state.reset(session);
      engine.defaultPreferences.reset(all ? undefined : session);
      res.status(204).end();
    }
  });
  router.use((req, res) =>
    sendDetail(
      res,
      404,
      `No admin endpoint ${req.method} /__mock${req.path}; see docs/admin-api.md.`,
    ),
  );
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof LimitError) sendDetail(res, limitStatus(error.kind), error.message);
    else next(error);
  });
  return router;
}
