import type { Router } from 'express';
import type { Engine } from '../engine/engine.js';
import { parseScenario, scenarioSession } from '../state/scenario.js';
import { sendDetail, sessionOf } from './admin-http.js';
import { describeScenario } from './describe.js';
import { violationsDetail } from './violations-detail.js';

/** `GET|POST|DELETE /__mock/scenarios[/{id}]`: a session's scenarios. */
export function routeScenarios(router: Router, engine: Engine): void {
  router.get('/scenarios', (req, res) => {
    res.json(engine.state.scenarios(sessionOf(req)).map(describeScenario));
  });
  router.post('/scenarios', (req, res) => {
    const session = scenarioSession(req.body, sessionOf(req));
    const context = {
      contract: engine.contract,
      serialize: engine.serialize,
      fixtureIds: engine.state.lookup(engine.files, session).ids(),
    };
    const { scenario, violations } = parseScenario(req.body, sessionOf(req), context);
    if (!scenario) {
      sendDetail(res, 400, violationsDetail(violations));
      return;
    }
    res.status(201).json(describeScenario(engine.state.addScenario(scenario, new Date())));
  });
  router.delete('/scenarios', (req, res) => {
    for (const scenario of engine.state.scenarios(sessionOf(req)))
      engine.state.deleteScenario(scenario.id, sessionOf(req));
    res.status(204).end();
  });
  router.delete('/scenarios/:id', (req, res) => {
    if (engine.state.deleteScenario(req.params.id, sessionOf(req))) res.status(204).end();
    else
      sendDetail(
        res,
        404,
        `No scenario has the id "${req.params.id}" in this session; GET /__mock/scenarios lists them.`,
      );
  });
}
