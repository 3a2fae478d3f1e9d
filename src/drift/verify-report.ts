import { formatTable } from './format-table.js';
import type { VerifyReport } from './verify-provider.js';

/** The report as a person reads it: one line per probe, then the spec's changes, then a count. */
export function formatVerifyReport(report: VerifyReport): string {
  const status = (value: number | null) => (value === null ? '-' : String(value));
  const probes = formatTable([
    ['RESULT', 'PROBE', 'REQUEST', 'PROVIDER', 'MOCK', 'NOTES'],
    ...report.probes.map((probe) => [
      probe.outcome,
      probe.name,
      `${probe.method} ${probe.path}`,
      status(probe.providerStatus),
      status(probe.mockStatus),
      probe.notes.join('; '),
    ]),
  ]);
  const spec = !report.specCompared
    ? 'spec: not compared (the mock serves no /openapi.json)'
    : report.specProblem !== null
      ? `spec: could not be compared: ${report.specProblem}`
      : report.specChanges.length === 0
        ? `spec: the provider's matches ${report.spec}`
        : `spec: ${report.specChanges.length} change${report.specChanges.length === 1 ? '' : 's'} from ${report.spec} to the provider's\n${formatTable(
            [
              ['CLASS', 'CHANGE', 'WHERE', 'DETAIL'],
              ...report.specChanges.map((found) => [
                found.class,
                found.kind,
                found.where,
                found.detail,
              ]),
            ],
          )}`;
  const drifted = report.probes.filter((probe) => probe.outcome === 'drift').length;
  const skipped = report.probes.filter((probe) => probe.outcome === 'skipped').length;
  const verdict =
    report.drift === 0
      ? `no drift: ${report.probes.length - skipped} probes agree with the mock${skipped > 0 ? ` (${skipped} skipped)` : ''}`
      : `drift: ${drifted} probe${drifted === 1 ? '' : 's'} and ${report.specChanges.length} spec change${report.specChanges.length === 1 ? '' : 's'} differ from the mock`;
  return `provider ${report.provider}\n\n${probes}\n\n${spec}\n\n${verdict}\n`;
}

/** XML 1.0 holds no control characters but tab and line breaks: they are left out. */
function printable(text: string): string {
  return [...text]
    .filter((char) => {
      const code = char.codePointAt(0) ?? 0;
      return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
    })
    .join('');
}

function xml(text: string): string {
  return printable(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** The report as JUnit XML: a test case per probe and per spec change (each change a failure). */
export function junitVerifyReport(report: VerifyReport): string {
  const cases: string[] = report.probes.map((probe) => {
    const name = `<testcase classname="verify.probes" name="${xml(`${probe.name}: ${probe.method} ${probe.path}`)}"`;
    if (probe.outcome === 'ok') return `    ${name}/>`;
    if (probe.outcome === 'skipped')
      return `    ${name}><skipped message="${xml(probe.notes.join('; '))}"/></testcase>`;
    return `    ${name}><failure message="${xml(probe.notes[0] ?? 'drift')}">${xml(probe.notes.join('\n'))}</failure></testcase>`;
  });
  if (report.specCompared && report.specProblem !== null)
    cases.push(
      `    <testcase classname="verify.spec" name="provider spec"><failure message="${xml(report.specProblem)}"/></testcase>`,
    );
  else if (report.specCompared && report.specChanges.length === 0)
    cases.push('    <testcase classname="verify.spec" name="provider spec matches the mock\'s"/>');
  for (const found of report.specChanges)
    cases.push(
      `    <testcase classname="verify.spec" name="${xml(`${found.kind} ${found.where}`)}"><failure message="${xml(`${found.class}: ${found.detail}`)}"/></testcase>`,
    );
  const failures = cases.filter((line) => line.includes('<failure')).length;
  const skipped = cases.filter((line) => line.includes('<skipped')).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n  <testsuite name="${xml(`audit-events-mock verify ${report.provider}`)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" errors="0">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`;
}
