import type { Engine } from '../engine/engine.js';
import type { ActiveScenario } from '../state/runtime-state.js';

/** A scenario as `GET /__mock/scenarios` lists it, with the uses each step has left. */
export function describeScenario(scenario: ActiveScenario) {
  return {
    id: scenario.id,
    name: scenario.name ?? null,
    match: scenario.match,
    session: scenario.session,
    created: scenario.created,
    remaining: scenario.remaining.reduce((sum, left) => sum + left, 0),
    steps: scenario.steps.map((step, index) => ({
      status: step.answer?.status ?? step.status ?? null,
      fixture: step.fixture ?? null,
      body: step.answer !== undefined,
      delayMs: step.delayMs ?? null,
      fault: step.fault ?? null,
      times: step.times,
      remaining: scenario.remaining[index] ?? 0,
    })),
  };
}

/** Every fixture a session sees: the files, then run-time ones (which take precedence). */
export function describeFixtures(engine: Engine, session: string | null) {
  const listed = new Map<
    string,
    { id: string; kind: 'event' | 'response'; origin: string; session: string | null }
  >();
  for (const id of engine.files.events.keys())
    listed.set(id, { id, kind: 'event', origin: 'file', session: null });
  for (const id of engine.files.responses.keys())
    listed.set(id, { id, kind: 'response', origin: 'file', session: null });
  const layers: (string | null)[] = session === null ? [null] : [null, session];
  for (const layer of layers) {
    for (const [id, fixture] of engine.state.fixtures(layer))
      listed.set(id, { id, kind: fixture.kind, origin: 'runtime', session: layer });
  }
  return [...listed.values()].sort((a, b) => a.id.localeCompare(b.id));
}
