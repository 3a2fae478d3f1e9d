import type { CoverageReport, OutcomeCoverage } from './coverage-report.js';

const LABELS: Readonly<Record<OutcomeCoverage['status'], string>> = {
  covered: 'COVERED',
  'not-covered': 'NOT COVERED',
  unavailable: 'UNAVAILABLE',
};

/** The first request of an example, e.g. `GET /v1/audit/events/x -> 401 (session a)`. */
export function describeExample(outcome: OutcomeCoverage): string {
  const { example } = outcome;
  if (!example) return '';
  const session = example.session === null ? '' : ` (session ${example.session})`;
  return `${example.method} ${example.path} -> ${example.status}${session}`;
}

/** The headline: how much of the contract was covered, by how many requests, where. */
export function coverageHeadline(report: CoverageReport): string {
  const scope = report.scope === 'overall' ? 'all sessions' : `session ${report.session ?? ''}`;
  return `Contract outcomes covered: ${report.contractCovered} of ${report.contractOutcomes} (${report.percent}%), ${report.requests} request${report.requests === 1 ? '' : 's'} (${scope}); mock-only outcomes covered: ${report.mockOnlyCovered} of ${report.mockOnlyOutcomes}`;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/**
 * The report as a plain-text table for a terminal: one line per outcome, COVERED with its count
 * and first request, NOT COVERED with how to produce it, UNAVAILABLE with why.
 */
export function coverageTable(report: CoverageReport): string {
  const rows = report.outcomes.map((outcome) => [
    LABELS[outcome.status],
    outcome.kind,
    outcome.id,
    String(outcome.count),
    outcome.status === 'covered'
      ? describeExample(outcome)
      : outcome.status === 'unavailable'
        ? `unavailable: ${outcome.unavailableBecause ?? ''}`
        : outcome.howTo,
  ]);
  const head = ['status', 'kind', 'outcome', 'count', 'first request / how to produce it'];
  const widths = head.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (column === 4 ? 0 : (row[column] ?? '').length))),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === 4 ? cell : pad(cell, widths[column] ?? 0, column === 3)))
      .join('  ')
      .trimEnd();
  const sessions = report.sessions.map(
    (session) =>
      `  session ${session.session ?? ''}: ${session.contractCovered} of ${session.contractOutcomes} (${session.percent}%), ${session.requests} requests`,
  );
  return `${[coverageHeadline(report), ...sessions, '', line(head), ...rows.map(line)].join('\n')}\n`;
}
