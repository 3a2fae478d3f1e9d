import type { ResolvedOptions } from '../config/resolve-options.js';
import { eventCoverage, outcomeCatalog } from '../contract/outcome-catalog.js';
import type { Outcome } from '../contract/outcome.js';
import { isRecord } from '../core/is-record.js';
import type { Engine } from '../engine/engine.js';

/** Why an outcome cannot happen with the options the mock runs with, or `undefined`. */
export function unavailableBecause(outcome: Outcome, options: ResolvedOptions): string | undefined {
  const { mode } = options.auth;
  if (mode === 'none' && (outcome.group === 'auth' || outcome.id === '401-invalid-credentials'))
    return 'the mock checks no credentials (--auth none); start it without --auth none';
  if (mode === 'bearer-only' && outcome.id === 'auth-api-key')
    return 'the mock accepts no API key (--auth bearer-only); start it with --auth bearer-or-api-key';
  if (options.cors.origins === '*' && outcome.id === 'cors-preflight-refused')
    return 'every origin is allowed; start the mock with --cors-origin <origin> to refuse the others';
  if (options.chaos === 0 && outcome.id === 'mock-chaos')
    return 'chaos is off; start the mock with --chaos <rate>';
  if (outcome.id === 'mock-defect') return 'only a defect of the mock produces it';
  return undefined;
}

const AUTH = "-H 'Authorization: Bearer any-token'";

/**
 * How to produce each outcome against the mock at `base`: the catalog's curl line, made concrete
 * with the fixtures this mock serves (a fixture whose event covers a field outcome, a fixture id,
 * a response fixture id).
 */
export function howToProduce(engine: Engine, base: string): (outcome: Outcome) => string {
  const catalog = outcomeCatalog(engine.contract);
  const events = [...engine.files.events.values()].sort((a, b) => a.id.localeCompare(b.id));
  const byOutcome = new Map<number, string>();
  for (const fixture of events) {
    // A fixture keeps only its bytes; reading them back is fine for a report.
    const event: unknown = JSON.parse(fixture.body.toString('utf8'));
    if (!isRecord(event)) continue;
    for (const index of eventCoverage(event, catalog))
      if (!byOutcome.has(index)) byOutcome.set(index, fixture.id);
  }
  const responses = [...engine.files.responses.keys()].sort();
  const event = (id: string) => `curl ${AUTH} ${base}/v1/audit/events/${encodeURIComponent(id)}`;
  return (outcome) => {
    const fixture = byOutcome.get(catalog.indexOf(outcome.id));
    if (fixture !== undefined) return event(fixture);
    if (outcome.id === 'mock-fixture' && events[0]) return event(events[0].id);
    if (outcome.id === 'mock-response-fixture' && responses[0] !== undefined)
      return event(responses[0]);
    return outcome.howTo.replaceAll('{base}', base);
  };
}
