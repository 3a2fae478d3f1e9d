import type { Router } from 'express';
import type { OpenApiDocument } from '../contract/load-spec.js';
import { isRecord } from '../core/is-record.js';
import type { Engine } from '../engine/engine.js';

/** The spec's `info.title` and `info.version` (`null` when it has none). */
function specInfo(document: OpenApiDocument): { title: string | null; version: string | null } {
  const info = isRecord(document['info']) ? document['info'] : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return { title: text(info['title']), version: text(info['version']) };
}

/**
 * `GET /__mock/health`: the mock is up; its version, seed, spec, file fixtures, requests since
 * start, uptime, and how much of the run-time state's budget and limits is in use.
 */
export function routeHealth(router: Router, engine: Engine, version: string): void {
  router.get('/health', (_req, res) => {
    const { state } = engine;
    const { journal, limits } = state;
    res.json({
      status: 'ok',
      version,
      seed: engine.options.seed,
      fixtures: engine.files.events.size + engine.files.responses.size,
      requests: journal.arrived,
      uptimeSeconds: Math.round((Date.now() - engine.startedAt.getTime()) / 1000),
      spec: specInfo(engine.spec.document),
      state: {
        budgetBytes: state.budget.limit,
        usedBytes: state.budget.used(),
        sessions: { used: state.sessionCount, limit: limits.sessions },
        journal: { ...journal.stats(), limitPerSession: limits.journal },
        coverage: {
          bytes: engine.coverage.bytes,
          evictedSessions: engine.coverage.evictedSessions,
        },
        interactions: { bytes: engine.interactions.bytes, dropped: engine.interactions.dropped },
      },
    });
  });
}
