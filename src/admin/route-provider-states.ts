import type { Router } from 'express';
import { schemaChecks } from '../contract/compile-schemas.js';
import type { Engine } from '../engine/engine.js';
import type { ProviderStateChange } from '../generated/provider-state.js';
import { knownStateNames, readStateName } from '../report/provider-states.js';
import { sendDetail, sessionOf } from './admin-http.js';
import { providerStateStep } from './provider-state-step.js';
import { violationsDetail } from './violations-detail.js';

/**
 * `POST /__mock/provider-states`: the Pact verifier's state-change call (`providerStatesSetupUrl`).
 * On `setup` it makes the state's event id answer as the state says (a scenario of the caller's
 * session, or a global one), on `teardown` it removes it. States the request alone produces
 * ("the token is expired") and the empty state of an interaction without one need nothing.
 */
export function routeProviderStates(router: Router, engine: Engine): void {
  // The scenario each state set up, by session, name and params, until its teardown.
  const active = new Map<string, string>();
  router.post('/provider-states', (req, res) => {
    const violations = schemaChecks().providerState(req.body);
    if (violations.length > 0) {
      sendDetail(res, 400, violationsDetail(violations));
      return;
    }
    const change = req.body as ProviderStateChange;
    const params = (change.params ?? {}) as Record<string, unknown>;
    const session = sessionOf(req);
    const key = JSON.stringify([session, change.state, params]);
    const previous = active.get(key);
    if (previous !== undefined) {
      engine.state.deleteScenario(previous, session);
      active.delete(key);
    }
    if (change.action === 'teardown' || change.state === '') {
      res.json({});
      return;
    }
    const read = readStateName(change.state);
    if (!read) {
      sendDetail(
        res,
        400,
        `The mock knows no provider state "${change.state}"; it knows: ${knownStateNames().join('; ')}.`,
      );
      return;
    }
    const eventId = typeof params['event_id'] === 'string' ? params['event_id'] : read.eventId;
    const { step, violations: problems } = providerStateStep(
      read.template.kind,
      read.template.status,
      params,
      engine,
    );
    if (problems.length > 0) {
      sendDetail(res, 400, violationsDetail(problems));
      return;
    }
    if (step) {
      if (eventId === undefined) {
        sendDetail(
          res,
          400,
          `The state "${change.state}" needs params.event_id, the event id it is about.`,
        );
        return;
      }
      const scenario = engine.state.addScenario(
        { name: `provider state: ${change.state}`, match: { eventId }, session, steps: [step] },
        new Date(),
      );
      active.set(key, scenario.id);
    }
    res.json(eventId === undefined ? {} : { event_id: eventId });
  });
}
