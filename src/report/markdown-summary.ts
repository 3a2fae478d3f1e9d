import type { CoverageReport, OutcomeCoverage } from './coverage-report.js';
import { meetsThreshold } from './coverage-report.js';
import { describeExample } from './coverage-table.js';

/** Text in a Markdown table cell: pipes escaped, no line breaks. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
}

const code = (text: string) => (text === '' ? '' : `\`${text.replaceAll('`', "'")}\``);

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
}

/**
 * The report as Markdown for a CI job summary (`$GITHUB_STEP_SUMMARY`): the contract percentage
 * and the threshold, each session's share, a table of covered outcomes and, folded, the outcomes
 * not covered with how to produce each.
 */
export function markdownSummary(report: CoverageReport, minCoverage: number | undefined): string {
  const verdict =
    minCoverage === undefined
      ? ''
      : meetsThreshold(report, minCoverage)
        ? `; minimum ${minCoverage}%: met`
        : `; minimum ${minCoverage}%: **not met**`;
  const covered = report.outcomes.filter((outcome) => outcome.status === 'covered');
  const missing = report.outcomes.filter(
    (outcome) => outcome.kind === 'contract' && outcome.status === 'not-covered',
  );
  const row = (outcome: OutcomeCoverage) => [
    code(outcome.id),
    outcome.title,
    outcome.kind,
    String(outcome.count),
    code(describeExample(outcome)),
  ];
  const lines = [
    `### audit-events-mock: ${report.contractCovered} of ${report.contractOutcomes} contract outcomes covered (${report.percent}%)${verdict}`,
    '',
    `${report.requests} request${report.requests === 1 ? '' : 's'}; mock-only outcomes covered: ${report.mockOnlyCovered} of ${report.mockOnlyOutcomes}.`,
    ...(report.sessions.length === 0
      ? []
      : [
          '',
          ...table(
            ['session', 'requests', 'contract outcomes covered'],
            report.sessions.map((session) => [
              code(session.session ?? ''),
              String(session.requests),
              `${session.contractCovered} of ${session.contractOutcomes} (${session.percent}%)`,
            ]),
          ),
        ]),
    '',
    ...table(['outcome', 'what', 'kind', 'requests', 'first request'], covered.map(row)),
    '',
    `<details><summary>${missing.length} contract outcome${missing.length === 1 ? '' : 's'} not covered</summary>`,
    '',
    ...table(
      ['outcome', 'what', 'how to produce it'],
      missing.map((outcome) => [code(outcome.id), outcome.title, code(outcome.howTo)]),
    ),
    '',
    '</details>',
  ];
  return `${lines.join('\n')}\n`;
}
