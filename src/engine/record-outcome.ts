import { outcomeCatalog } from '../contract/outcome-catalog.js';
import type { MockRequest } from '../core/mock-request.js';
import { EXAMPLE_PATH_LENGTH } from '../state/coverage.js';
import { classifyAnswer } from './classify-answer.js';
import { credentialKind } from './credential-kind.js';
import type { Engine, HandledRequest } from './engine.js';
import { recordInteraction } from './record-interaction.js';

/**
 * Counts the outcomes an answered request met (overall and for its session) and keeps it as an
 * interaction for the pact export when its shape is new. Called once the exchange is over; bodies
 * are never parsed here (what a body covers was worked out when its answer was built, or once per
 * body buffer).
 */
export function recordOutcome(
  engine: Engine,
  request: MockRequest,
  handled: HandledRequest,
  arrived: Date,
): void {
  const { contract, options } = engine;
  const catalog = outcomeCatalog(contract);
  const { answer, eventId, session } = handled;
  const { apiKeyHeader } = contract.operation;
  // Only a request that reached the route was authenticated.
  const credential =
    eventId === null ? null : credentialKind(request.headers, apiKeyHeader, options.auth);
  const outcomes = classifyAnswer(request, answer, credential, catalog);
  engine.coverage.record(session, outcomes, catalog.ids, () => ({
    method: request.method,
    path: request.target.slice(0, EXAMPLE_PATH_LENGTH),
    status: answer.status,
    session,
    time: arrived.toISOString(),
  }));
  // The pact holds what the provider would be sent: the path without a session prefix.
  const routed =
    handled.target === request.target ? request : { ...request, target: handled.target };
  recordInteraction(engine.interactions, routed, answer, {
    session,
    eventId,
    credential,
    outcomes,
    apiKeyHeader,
  });
}
