import type { SpecChange } from '../contract/spec-change.js';
import { formatTable } from './format-table.js';

/** `diff-spec`'s result: the changes, counted by class. */
export interface SpecDiffReport {
  readonly old: string;
  readonly new: string;
  readonly breaking: number;
  readonly safe: number;
  readonly changes: readonly SpecChange[];
}

export function specDiffReport(
  old: string,
  now: string,
  changes: readonly SpecChange[],
): SpecDiffReport {
  const breaking = changes.filter((found) => found.class === 'breaking').length;
  return { old, new: now, breaking, safe: changes.length - breaking, changes };
}

/** The changes as a table, breaking ones first, and a count. */
export function formatSpecDiff(report: SpecDiffReport): string {
  if (report.changes.length === 0)
    return `no changes to the operation between ${report.old} and ${report.new}\n`;
  const sorted = [...report.changes].sort((a, b) =>
    a.class === b.class ? 0 : a.class === 'breaking' ? -1 : 1,
  );
  const table = formatTable([
    ['CLASS', 'CHANGE', 'WHERE', 'DETAIL'],
    ...sorted.map((found) => [found.class, found.kind, found.where, found.detail]),
  ]);
  const count = `${report.changes.length} change${report.changes.length === 1 ? '' : 's'}: ${report.breaking} breaking, ${report.safe} safe`;
  return `${table}\n\n${count}\n`;
}
