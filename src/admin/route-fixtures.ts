import type { Router } from 'express';
import type { Engine } from '../engine/engine.js';
import { sendDetail, sessionOf } from './admin-http.js';
import { unservableReason } from '../fixture-files/servable-id.js';
import { describeFixtures } from './describe.js';
import { parseRuntimeFixture } from './parse-runtime-fixture.js';
import { violationsDetail } from './violations-detail.js';

/** `GET|PUT|DELETE /__mock/fixtures[/{id}]`: the fixtures a session sees, and run-time ones. */
export function routeFixtures(router: Router, engine: Engine): void {
  router.get('/fixtures', (req, res) => {
    res.json(describeFixtures(engine, sessionOf(req)));
  });
  router.get('/fixtures/:id', (req, res) => {
    const lookup = engine.state.lookup(engine.files, sessionOf(req));
    const { id } = req.params;
    const event = lookup.event(id);
    const response = lookup.response(id);
    if (event) res.json({ id, kind: 'event', event: JSON.parse(event.body.toString('utf8')) });
    else if (response)
      res.json({
        id,
        kind: 'response',
        status: response.answer.status,
        headers: response.answer.headers,
        body: response.answer.body.toString('utf8'),
      });
    else sendDetail(res, 404, `No fixture has the id "${id}"; GET /__mock/fixtures lists them.`);
  });
  router.put('/fixtures/:id', (req, res) => {
    const { id } = req.params;
    const unservable = unservableReason(id, engine.contract.operation.pathTemplate);
    if (unservable !== undefined) {
      sendDetail(res, 400, `The fixture id "${id}" ${unservable}.`);
      return;
    }
    const { fixture, violations } = parseRuntimeFixture(
      id,
      req.body,
      engine.contract,
      engine.serialize,
    );
    if (!fixture) {
      sendDetail(res, 400, violationsDetail(violations));
      return;
    }
    const session = sessionOf(req);
    const existed = engine.state.fixtures(session).has(id);
    engine.state.putFixture(session, id, fixture);
    res.status(existed ? 200 : 201).json({ id, kind: fixture.kind, session });
  });
  router.delete('/fixtures/:id', (req, res) => {
    const { id } = req.params;
    if (engine.state.deleteFixture(sessionOf(req), id)) res.status(204).end();
    else if (engine.files.events.has(id) || engine.files.responses.has(id))
      sendDetail(
        res,
        409,
        `"${id}" is a file fixture; edit or remove its file under fixtures/ instead.`,
      );
    else
      sendDetail(
        res,
        404,
        `No run-time fixture has the id "${id}" here; GET /__mock/fixtures lists them.`,
      );
  });
}
