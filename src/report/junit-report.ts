import type { CoverageReport, OutcomeCoverage } from './coverage-report.js';
import { describeExample } from './coverage-table.js';

function xml(text: string): string {
  return (
    text
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      // Characters XML 1.0 cannot hold at all.
      // eslint-disable-next-line no-control-regex -- they are exactly what must go
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

function testCase(outcome: OutcomeCoverage, failUncovered: boolean): string {
  const open = `    <testcase classname="audit-events-mock.${outcome.kind}.${outcome.group}" name="${xml(`${outcome.id}: ${outcome.title}`)}" time="0">`;
  switch (outcome.status) {
    case 'covered':
      return `${open}\n      <system-out>${xml(`covered by ${outcome.count} request${outcome.count === 1 ? '' : 's'}; first: ${describeExample(outcome)}`)}</system-out>\n    </testcase>`;
    case 'unavailable':
      return `${open}\n      <skipped message="${xml(`unavailable: ${outcome.unavailableBecause ?? ''}`)}"/>\n    </testcase>`;
    case 'not-covered':
      if (failUncovered && outcome.kind === 'contract')
        return `${open}\n      <failure type="NotCovered" message="${xml('no request of the suite met this outcome')}">${xml(`to cover it: ${outcome.howTo}`)}</failure>\n    </testcase>`;
      return `${open}\n      <skipped message="${xml(`not covered; to cover it: ${outcome.howTo}`)}"/>\n    </testcase>`;
    default:
      throw new Error(`Unknown coverage status "${String(outcome.status satisfies never)}".`);
  }
}

function suite(name: string, outcomes: readonly OutcomeCoverage[], failUncovered: boolean): string {
  const failures = outcomes.filter(
    (outcome) => failUncovered && outcome.kind === 'contract' && outcome.status === 'not-covered',
  ).length;
  const skipped = outcomes.filter((outcome) => outcome.status !== 'covered').length - failures;
  return [
    `  <testsuite name="${name}" tests="${outcomes.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
    ...outcomes.map((outcome) => testCase(outcome, failUncovered)),
    '  </testsuite>',
  ].join('\n');
}

/**
 * The report as JUnit XML: one test case per outcome, in a suite of contract outcomes and one of
 * mock-only outcomes. Covered outcomes pass; uncovered contract outcomes fail only when a minimum
 * coverage was asked for (else they are skipped, as are mock-only and unavailable ones).
 */
export function junitReport(report: CoverageReport, minCoverage: number | undefined): string {
  const failUncovered = minCoverage !== undefined;
  const contract = report.outcomes.filter((outcome) => outcome.kind === 'contract');
  const mockOnly = report.outcomes.filter((outcome) => outcome.kind === 'mock-only');
  const suites = [
    suite('contract outcomes', contract, failUncovered),
    suite('mock-only outcomes', mockOnly, false),
  ];
  const failures = failUncovered
    ? contract.filter((outcome) => outcome.status === 'not-covered').length
    : 0;
  const skipped =
    report.outcomes.filter((outcome) => outcome.status !== 'covered').length - failures;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="audit-events-mock coverage" tests="${report.outcomes.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
