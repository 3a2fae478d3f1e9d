import { outcomeCatalog } from '../contract/outcome-catalog.js';
import type { OutcomeBasis, OutcomeGroup, OutcomeKind } from '../contract/outcome.js';
import type { Engine } from '../engine/engine.js';
import type { CoverageExample } from '../state/coverage.js';
import { howToProduce, unavailableBecause } from './outcome-guidance.js';

/** One outcome in a coverage report. */
export interface OutcomeCoverage {
  readonly id: string;
  readonly kind: OutcomeKind;
  readonly group: OutcomeGroup;
  readonly basis: OutcomeBasis;
  readonly title: string;
  /** `unavailable`: it cannot happen with the options the mock runs with (see `unavailableBecause`). */
  readonly status: 'covered' | 'not-covered' | 'unavailable';
  /** Requests that met it. */
  readonly count: number;
  /** The first request that met it. */
  readonly example: CoverageExample | null;
  /** How to produce it (for outcomes not covered). */
  readonly howTo: string;
  readonly unavailableBecause: string | null;
}

/** How much of the contract a session (or every request) met. */
export interface CoverageSummary {
  readonly session: string | null;
  readonly requests: number;
  /** Contract outcomes that can happen with the mock's options. */
  readonly contractOutcomes: number;
  readonly contractCovered: number;
  /** `contractCovered` of `contractOutcomes`, in percent, one decimal. */
  readonly percent: number;
}

/** The coverage report of `GET /__mock/coverage` and of `run --coverage-json`. */
export interface CoverageReport extends CoverageSummary {
  /** `overall`: every request, all sessions together; `session`: one `X-Mock-Session`'s requests. */
  readonly scope: 'overall' | 'session';
  readonly mockOnlyOutcomes: number;
  readonly mockOnlyCovered: number;
  readonly outcomes: readonly OutcomeCoverage[];
  /** For the overall report: each session's summary (at most `limits.sessions` are kept apart). */
  readonly sessions: readonly CoverageSummary[];
  /** Sessions whose own tally was dropped to stay within `limits.sessions` (counted overall still). */
  readonly evictedSessions: number;
}

const percentOf = (covered: number, total: number) =>
  total === 0 ? 100 : Math.floor((covered * 1000) / total) / 10;

/**
 * The coverage of every request (`session` undefined) or of one session: each outcome of the
 * contract's catalog covered (count, first example) or not (how to produce it against `base`),
 * and the share of contract outcomes covered. Contract outcomes the mock's options make impossible
 * are `unavailable` and left out of the share.
 */
export function coverageReport(engine: Engine, base: string, session?: string): CoverageReport {
  const catalog = outcomeCatalog(engine.contract);
  const tally = engine.coverage.tally(session, catalog.ids);
  const howTo = howToProduce(engine, base);
  const outcomes = catalog.outcomes.map((outcome, index): OutcomeCoverage => {
    const count = tally?.counts[index] ?? 0;
    const unavailable = unavailableBecause(outcome, engine.options);
    return {
      ...outcome,
      status: count > 0 ? 'covered' : unavailable === undefined ? 'not-covered' : 'unavailable',
      count,
      example: tally?.examples[index] ?? null,
      howTo: howTo(outcome),
      unavailableBecause: unavailable ?? null,
    };
  });
  const summary = summarize(outcomes, session ?? null, tally?.requests ?? 0);
  const mockOnly = outcomes.filter((outcome) => outcome.kind === 'mock-only');
  return {
    scope: session === undefined ? 'overall' : 'session',
    ...summary,
    mockOnlyOutcomes: mockOnly.length,
    mockOnlyCovered: mockOnly.filter((outcome) => outcome.status === 'covered').length,
    outcomes,
    sessions:
      session === undefined
        ? engine.coverage.sessions.map((name) => {
            const { outcomes: of, requests } = coverageReport(engine, base, name);
            return summarize(of, name, requests);
          })
        : [],
    evictedSessions: session === undefined ? engine.coverage.evictedSessions : 0,
  };
}

function summarize(
  outcomes: readonly OutcomeCoverage[],
  session: string | null,
  requests: number,
): CoverageSummary {
  const contract = outcomes.filter(
    (outcome) => outcome.kind === 'contract' && outcome.status !== 'unavailable',
  );
  const covered = contract.filter((outcome) => outcome.status === 'covered').length;
  return {
    session,
    requests,
    contractOutcomes: contract.length,
    contractCovered: covered,
    percent: percentOf(covered, contract.length),
  };
}

/** Whether the report's contract coverage reaches `minPercent` (compared exactly, not rounded). */
export function meetsThreshold(report: CoverageSummary, minPercent: number): boolean {
  return report.contractCovered * 100 >= minPercent * report.contractOutcomes;
}
