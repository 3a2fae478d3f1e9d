import { describe, expect, it } from 'vitest';
import { compileContract } from '../src/contract/compile-contract.js';
import type { OpenApiDocument } from '../src/contract/load-spec.js';
import { loadSpec } from '../src/contract/load-spec.js';
import { eventCoverage, outcomeCatalog } from '../src/contract/outcome-catalog.js';
import { Coverage } from '../src/state/coverage.js';
import { StateBudget } from '../src/state/state-budget.js';
import { bundledEventFixtures, readSpec } from './helpers/paths.js';

const catalog = outcomeCatalog(compileContract(loadSpec()));
const ids = catalog.outcomes.map((outcome) => outcome.id);

/** The spec with `edit` applied to a copy of its GET operation. */
function specWith(edit: (operation: Record<string, unknown>) => void): OpenApiDocument {
  const spec = structuredClone(readSpec()) as unknown as OpenApiDocument & {
    paths: Record<string, { get: Record<string, unknown> }>;
  };
  const operation = spec.paths['/v1/audit/events/{event_id}']?.get;
  if (!operation) throw new Error('the spec has no GET /v1/audit/events/{event_id}');
  edit(operation);
  return spec;
}

describe('the outcome model of the bundled contract', () => {
  it('has 60 contract and 18 mock-only outcomes, each with its own id', () => {
    const count = (kind: string) => catalog.outcomes.filter((o) => o.kind === kind).length;
    expect([count('contract'), count('mock-only')]).toEqual([60, 18]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps its ids stable (reports, JUnit files and CI thresholds refer to them)', () => {
    expect(ids.filter((id) => !id.startsWith('field-'))).toEqual([
      '200-event',
      '401-not-authenticated',
      '401-invalid-credentials',
      '404-event-not-found',
      '404-no-route',
      '405-method-not-allowed',
      '307-trailing-slash',
      '422-validation-error',
      '429-rate-limited',
      '500-internal-error',
      '403-forbidden',
      '502-bad-gateway',
      '503-unavailable',
      '504-gateway-timeout',
      'other-status',
      'auth-bearer',
      'auth-api-key',
      'auth-no-credentials',
      'auth-other-scheme',
      'auth-empty-token',
      'auth-expired-token',
      'auth-rejected-credentials',
      'cors-preflight',
      'cors-preflight-refused',
      'cors-actual-response',
      'mock-fixture',
      'mock-generated',
      'mock-response-fixture',
      'mock-preference',
      'mock-scenario',
      'mock-chaos',
      'mock-delay',
      'fault-connection-reset',
      'fault-empty-response',
      'fault-malformed-body',
      'fault-slow-body',
      'mock-bad-preference',
      'mock-defect',
    ]);
  });

  it('counts as contract what the spec declares or the provider is documented to send', () => {
    for (const outcome of catalog.outcomes)
      expect([outcome.id, outcome.kind]).toEqual([
        outcome.id,
        outcome.basis === 'mock' ? 'mock-only' : 'contract',
      ]);
    const mockOnly = catalog.outcomes.filter((o) => o.kind === 'mock-only').map((o) => o.id);
    expect(mockOnly.filter((id) => /^\d/.test(id))).toEqual([
      '403-forbidden',
      '502-bad-gateway',
      '503-unavailable',
      '504-gateway-timeout',
    ]);
  });

  it('has a null and a set outcome for each nullable field of AuditEventResponse, from the spec', () => {
    const properties = readSpec().components.schemas['AuditEventResponse']?.properties ?? {};
    const nullable = Object.entries(properties)
      .filter(([, schema]) => JSON.stringify(schema).includes('"type":"null"'))
      .map(([name]) => name)
      .filter((name) => name !== 'event_payload');
    expect(ids.filter((id) => id.startsWith('field-') && !id.includes('event_payload'))).toEqual(
      nullable.flatMap((name) => [`field-${name}-null`, `field-${name}-set`]),
    );
    expect(ids.filter((id) => id.startsWith('field-event_payload'))).toEqual([
      'field-event_payload-object',
      'field-event_payload-array',
      'field-event_payload-scalar',
      'field-event_payload-null',
    ]);
  });

  it('gives every outcome a way to produce it', () => {
    for (const outcome of catalog.outcomes) expect(outcome.howTo).not.toBe('');
  });

  it('the bundled fixtures together cover every field outcome', () => {
    const covered = new Set(
      bundledEventFixtures().flatMap(({ event }) => eventCoverage(event, catalog)),
    );
    const fields = ids.filter((id) => id.startsWith('field-'));
    expect(fields.filter((id) => !covered.has(catalog.indexOf(id)))).toEqual([]);
  });
});

describe('the outcome model follows the spec', () => {
  it('a status the spec declares beyond the modelled ones is a contract outcome', () => {
    const spec = specWith((operation) => {
      (operation['responses'] as Record<string, unknown>)['409'] = { description: 'Conflict' };
    });
    const declared = outcomeCatalog(compileContract(spec)).outcomes.find(
      (outcome) => outcome.id === '409-declared',
    );
    expect(declared).toMatchObject({ kind: 'contract', basis: 'spec', group: 'status' });
  });

  it('without an API-key header in the spec there is no API-key outcome', () => {
    const spec = specWith((operation) => {
      operation['parameters'] = (operation['parameters'] as { in: string }[]).filter(
        (parameter) => parameter.in !== 'header',
      );
    });
    const without = outcomeCatalog(compileContract(spec)).outcomes.map((outcome) => outcome.id);
    expect(without).not.toContain('auth-api-key');
    expect(without).toHaveLength(ids.length - 1);
  });
});

describe('Coverage', () => {
  it('counts a million requests exactly, in memory that does not grow with them', () => {
    const coverage = new Coverage(10, new StateBudget(64 * 1024 * 1024));
    const example = () => ({ method: 'GET', path: '/x', status: 200, session: 's', time: '' });
    const ids = ['a', 'b', 'c', 'd', 'e'];
    coverage.record('s', [0, 3], ids, example);
    const bytes = coverage.bytes;
    for (let request = 1; request < 1_000_000; request += 1)
      coverage.record(request % 2 === 0 ? 's' : null, [0, 3], ids, example);
    expect(coverage.tally()?.counts).toEqual([1_000_000, 0, 0, 1_000_000, 0]);
    expect(coverage.tally('s')?.requests).toBe(500_000);
    expect(coverage.bytes).toBe(bytes);
  });

  it('keeps the first request of each outcome, made only when needed', () => {
    const coverage = new Coverage(10, new StateBudget(64 * 1024 * 1024));
    let made = 0;
    const example = (path: string) => () => {
      made += 1;
      return { method: 'GET', path, status: 200, session: null, time: '' };
    };
    const ids = ['a', 'b', 'c'];
    coverage.record(null, [1], ids, example('/first'));
    coverage.record(null, [1], ids, example('/second'));
    coverage.record(null, [1, 2], ids, example('/third'));
    expect(coverage.tally()?.examples.map((found) => found?.path)).toEqual([
      undefined,
      '/first',
      '/third',
    ]);
    expect(made).toBe(2);
  });

  it('keeps what was counted by outcome id when the catalog changes (a spec read again)', () => {
    const coverage = new Coverage(10, new StateBudget(64 * 1024 * 1024));
    const example = () => ({ method: 'GET', path: '/x', status: 200, session: 's', time: '' });
    coverage.record('s', [0, 1], ['kept', 'dropped'], example);
    const next = ['added', 'kept'];
    expect(coverage.tally('s', next)?.counts).toEqual([0, 1]);
    coverage.record('s', [0, 1], next, example);
    expect(coverage.tally()?.counts).toEqual([1, 2]);
    expect(coverage.tally()?.requests).toBe(2);
  });

  it('keeps sessions and examples within its part of the state budget, never a count', () => {
    const budget = new StateBudget(1024 * 1024);
    const coverage = new Coverage(1_000, budget);
    const ids = ['a', 'b', 'c'];
    const session = (index: number) => `worker-${index}-${'s'.repeat(2_000)}`;
    for (let index = 0; index < 1_000; index += 1)
      coverage.record(session(index), [index % 3], ids, () => ({
        method: 'GET',
        path: `/${'p'.repeat(255)}`,
        status: 200,
        session: session(index),
        time: new Date(0).toISOString(),
      }));
    expect(coverage.bytes).toBe(budget.used('coverage'));
    expect(coverage.bytes).toBeLessThanOrEqual(budget.ceiling('coverage'));
    expect(coverage.evictedSessions).toBeGreaterThan(0);
    expect(coverage.sessions.at(-1)).toBe(session(999));
    expect(coverage.tally()?.counts).toEqual([334, 333, 333]);
    coverage.clear();
    expect(budget.used()).toBe(0);
  });
});
