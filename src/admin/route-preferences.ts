import type { Router } from 'express';
import { schemaChecks } from '../contract/compile-schemas.js';
import type { Engine } from '../engine/engine.js';
import type { PreferencesDefinition } from '../generated/preferences.js';
import { sendDetail, sessionOf } from './admin-http.js';
import { violationsDetail } from './violations-detail.js';

/**
 * `GET|PUT|DELETE /__mock/preferences`: the preferences the session's requests get when they do
 * not ask themselves, for browser apps that cannot send `Prefer` (without a session: every
 * request's).
 */
export function routePreferences(router: Router, engine: Engine): void {
  router.get('/preferences', (req, res) => {
    res.json(engine.defaultPreferences.get(sessionOf(req)));
  });
  router.put('/preferences', (req, res) => {
    const violations = schemaChecks().preferences(req.body);
    if (violations.length > 0) {
      sendDetail(res, 400, violationsDetail(violations));
      return;
    }
    const preferences = req.body as PreferencesDefinition;
    if (preferences.example !== undefined) {
      const ids = engine.state.lookup(engine.files, sessionOf(req)).ids();
      if (!ids.includes(preferences.example)) {
        sendDetail(
          res,
          400,
          `No fixture has the id "${preferences.example}" in this session; GET /__mock/fixtures lists them.`,
        );
        return;
      }
    }
    engine.defaultPreferences.set(sessionOf(req), preferences);
    res.json(engine.defaultPreferences.get(sessionOf(req)));
  });
  router.delete('/preferences', (req, res) => {
    engine.defaultPreferences.reset(sessionOf(req));
    res.status(204).end();
  });
}
