import { readFileSync } from 'node:fs';
import { ROOT } from './paths.js';

/** A row of the documented outcome table. */
export interface OutcomeRow {
  readonly outcome: string;
  readonly status: number;
  readonly answer: string;
  readonly curl: string;
}

/** Where the outcome table is documented: every row must hold. */
export const OUTCOMES_DOC = 'docs/outcomes.md';
/** The heading of the table's section; the section ends at the next heading. */
export const OUTCOMES_HEADING = '## Outcomes';

/** The rows of the documented "Outcomes" table. */
export function outcomeRows(): OutcomeRow[] {
  const text = readFileSync(`${ROOT}${OUTCOMES_DOC}`, 'utf8');
  const start = text.split('\n').indexOf(OUTCOMES_HEADING);
  if (start === -1) throw new Error(`${OUTCOMES_DOC} has no "${OUTCOMES_HEADING}" heading.`);
  const after = text.split('\n').slice(start + 1);
  const end = after.findIndex((line) => line.startsWith('#'));
  const section = (end === -1 ? after : after.slice(0, end)).join('\n');
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && /\| \d{3} +\|/.test(line))
    .map((line) => {
      const [outcome = '', status = '', answer = '', curl = ''] = line.slice(2, -2).split(/ +\| +/);
      return {
        outcome: outcome.trim(),
        status: Number(status),
        answer: answer.trim(),
        curl: curl.trim().replace(/^`|`$/g, ''),
      };
    });
}

/** Reads a documented curl line: its method, headers and path. */
export function parseCurl(line: string): {
  method: string;
  headers: [string, string][];
  path: string;
} {
  const words = [...line.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
  let method = 'GET';
  const headers: [string, string][] = [];
  let url = '';
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index] ?? '';
    if (word === '-X') method = words[(index += 1)] ?? '';
    else if (word === '-H') {
      const header = words[(index += 1)] ?? '';
      const colon = header.indexOf(':');
      headers.push([header.slice(0, colon), header.slice(colon + 1).trim()]);
    } else if (word.startsWith('http')) url = word;
  }
  return { method, headers, path: url.replace(/^http:\/\/[^/]+/, '') };
}
