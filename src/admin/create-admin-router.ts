import { timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import type { Mock } from '../create-mock.js';
import { SESSION_HEADER } from '../pipeline/handle-request.js';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../http/json-depth.js';
import { LimitError } from '../runtime/runtime-state.js';
import { parseScenario, scenarioSession } from '../runtime/scenario.js';
import { refuseAdminRequest } from './refuse-admin-request.js';
import { describeFixtures, describeScenario } from './describe.js';
import { parseRuntimeFixture } from './parse-runtime-fixture.js';
import { violationsDetail } from './violations-detail.js';

/** The header that carries the admin token when one is configured. */
export const ADMIN_TOKEN_HEADER = 'x-mock-admin-token';

const detail = (res: Response, status: number, message: unknown) =>
  res.status(status).json({ detail: message });
const sessionOf = (req: Request): string | null => req.get(SESSION_HEADER) ?? null;

function tokenMatches(sent: string | undefined, expected: string): boolean {
  const a = Buffer.from(sent ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function routeFixtures(router: Router, mock: Mock): void {
  router.get('/fixtures', (req, res) => {
    res.json(describeFixtures(mock, sessionOf(req)));
  });
  router.get('/fixtures/:id', (req, res) => {
    const lookup = mock.runtime.lookup(mock.files, sessionOf(req));
    const { id } = req.params;
    const event = lookup.event(id);
    const response = lookup.response(id);
    if (event) res.json({ id, kind: 'event', event: event.event });
    else if (response)
      res.json({
        id,
        kind: 'response',
        status: response.response.status,
        headers: response.response.headers,
        body: response.response.body.toString('utf8'),
      });
    else detail(res, 404, `No fixture has the id "${id}"; GET /__mock/fixtures lists them.`);
  });
  router.put('/fixtures/:id', (req, res) => {
    const { id } = req.params;
    const { fixture, violations } = parseRuntimeFixture(
      id,
      req.body,
      mock.contract,
      mock.serialize,
    );
    if (!fixture) {
      detail(res, 400, violationsDetail(violations));
      return;
    }
    const session = sessionOf(req);
    const existed = mock.runtime.fixtures(session).has(id);
    mock.runtime.putFixture(session, id, fixture);
    res.status(existed ? 200 : 201).json({ id, kind: fixture.kind, session });
  });
  router.delete('/fixtures/:id', (req, res) => {
    const { id } = req.params;
    if (mock.runtime.deleteFixture(sessionOf(req), id)) res.status(204).end();
    else if (mock.files.events.has(id) || mock.files.responses.has(id))
      detail(
        res,
        409,
        `"${id}" is a file fixture; edit or remove its file under fixtures/ instead.`,
      );
    else
      detail(
        res,
        404,
        `No run-time fixture has the id "${id}" here; GET /__mock/fixtures lists them.`,
      );
  });
}

function routeScenarios(router: Router, mock: Mock): void {
  router.get('/scenarios', (req, res) => {
    res.json(mock.runtime.scenarios(sessionOf(req)).map(describeScenario));
  });
  router.post('/scenarios', (req, res) => {
    const session = scenarioSession(req.body, sessionOf(req));
    const context = {
      contract: mock.contract,
      serialize: mock.serialize,
      fixtureIds: mock.runtime.lookup(mock.files, session).ids(),
    };
    const { scenario, violations } = parseScenario(req.body, sessionOf(req), context);
    if (!scenario) {
      detail(res, 400, violationsDetail(violations));
      return;
    }
    res.status(201).json(describeScenario(mock.runtime.addScenario(scenario, new Date())));
  });
  router.delete('/scenarios', (req, res) => {
    for (const scenario of mock.runtime.scenarios(sessionOf(req)))
      mock.runtime.deleteScenario(scenario.id, sessionOf(req));
    res.status(204).end();
  });
  router.delete('/scenarios/:id', (req, res) => {
    if (mock.runtime.deleteScenario(req.params.id, sessionOf(req))) res.status(204).end();
    else
      detail(
        res,
        404,
        `No scenario has the id "${req.params.id}" in this session; GET /__mock/scenarios lists them.`,
      );
  });
}

function routeJournal(router: Router, mock: Mock): void {
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
      detail(
        res,
        400,
        'Filters: eventId=<id>, status=<3 digits>, session=<key>, since=<ISO 8601 time>, limit=<n>.',
      );
      return;
    }
    const session = query.get('session') ?? sessionOf(req);
    res.json(
      mock.runtime.journal.query({
        session,
        ...(query.get('eventId') === null ? {} : { eventId: query.get('eventId') ?? '' }),
        ...(status === null ? {} : { status: Number(status) }),
        ...(since === null ? {} : { since: Date.parse(since) }),
        ...(limit === null ? {} : { limit: Number(limit) }),
      }),
    );
  });
  router.delete('/requests', (req, res) => {
    mock.runtime.journal.clear(req.get(SESSION_HEADER) ?? undefined);
    res.status(204).end();
  });
}

/**
 * The admin API under `/__mock`: health, run-time fixtures, scenarios, the request journal and
 * reset. JSON in and out; errors as `{"detail": ...}`.
 */
export function createAdminRouter(mock: Mock, version: string): Router {
  const router = express.Router();
  const { token, bodyLimit } = mock.options.admin;
  router.use((req, res, next) => {
    const refusal = refuseAdminRequest(req, mock.options.admin);
    if (refusal) detail(res, refusal.status, refusal.detail);
    else if (token !== undefined && !tokenMatches(req.get(ADMIN_TOKEN_HEADER), token)) {
      detail(
        res,
        401,
        'The admin API needs the header X-Mock-Admin-Token with the token given by --admin-token.',
      );
    } else next();
  });
  router.use(express.json({ limit: bodyLimit, type: () => true, strict: false }));
  router.use((req, res, next) => {
    if (nestedDeeperThan(req.body))
      detail(
        res,
        400,
        `The request body nests deeper than ${MAX_JSON_DEPTH} levels; send a flatter document.`,
      );
    else next();
  });
  router.get('/health', (_req, res) => {
    res.json({
      status: 'ok',
      version,
      seed: mock.options.seed,
      fixtures: mock.files.events.size + mock.files.responses.size,
      uptimeSeconds: Math.round((Date.now() - mock.startedAt.getTime()) / 1000),
    });
  });
  routeFixtures(router, mock);
  routeScenarios(router, mock);
  routeJournal(router, mock);
  router.post('/reset', (req, res) => {
    mock.runtime.reset(req.get(SESSION_HEADER) ?? undefined);
    res.status(204).end();
  });
  router.use((req, res) =>
    detail(
      res,
      404,
      `No admin endpoint ${req.method} /__mock${req.path}; see the README's admin API section.`,
    ),
  );
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof LimitError) detail(res, 429, error.message);
    else next(error);
  });
  return router;
}
