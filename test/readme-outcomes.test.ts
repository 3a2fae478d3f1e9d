import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/library/create-app.js';
import { ROOT } from './helpers/paths.js';

interface Row {
  outcome: string;
  status: number;
  answer: string;
  curl: string;
}

/** The rows of the README's "Outcomes" table: every documented outcome must hold. */
function outcomeRows(): Row[] {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const section = readme.split('## Outcomes')[1]?.split('\n###')[0] ?? '';
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

/** Reads a documented curl line: its method, headers and URL. */
function parseCurl(line: string): { method: string; headers: [string, string][]; path: string } {
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

const app = createApp();
const rows = outcomeRows();

describe('every outcome in the README table holds', () => {
  it('the table lists every outcome', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });

  it.each(rows)('$outcome → $status', async ({ status, answer, curl }) => {
    const { method, headers, path } = parseCurl(curl);
    let call = request(app)[method.toLowerCase() as 'get'](path).redirects(0);
    for (const [name, value] of headers) call = call.set(name, value);
    const res = await call;
    expect(res.status).toBe(status);
    const exact = /^`([^`]+)`$/.exec(answer)?.[1];
    if (exact !== undefined) expect(res.text).toBe(exact);
    if (status === 200 && method === 'GET') expect(JSON.parse(res.text)).toHaveProperty('id');
  });
});
