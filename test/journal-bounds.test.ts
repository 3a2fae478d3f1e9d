import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../src/state/journal.js';
import { runCli } from './helpers/cli-process.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { ROOT } from './helpers/paths.js';
import { serveMock } from './helpers/serve-mock.js';

/** Every numeric option of schemas/options.schema.json, by its path, with its bounds. */
function numericOptions(): [string, { minimum?: number; maximum?: number }][] {
  const found: [string, { minimum?: number; maximum?: number }][] = [];
  const visit = (node: unknown, path: string) => {
    if (typeof node !== 'object' || node === null) return;
    const schema = node as Record<string, unknown>;
    if (schema['type'] === 'integer' || schema['type'] === 'number')
      found.push([path, schema as { minimum?: number; maximum?: number }]);
    for (const [key, child] of Object.entries(schema)) {
      if (key === 'properties' && typeof child === 'object' && child !== null)
        for (const [name, property] of Object.entries(child))
          visit(property, path === '' ? name : `${path}.${name}`);
      else if (key === 'oneOf' || key === 'anyOf')
        for (const branch of child as unknown[]) visit(branch, path);
    }
  };
  visit(JSON.parse(readFileSync(`${ROOT}schemas/options.schema.json`, 'utf8')), '');
  return found;
}

describe('every numeric option has an upper bound', () => {
  it('the options schema gives each a maximum', () => {
    const options = numericOptions();
    expect(options.map(([path]) => path)).toEqual(
      expect.arrayContaining(['port', 'limits.stateBytes', 'limits.journal', 'admin.bodyLimit']),
    );
    for (const [path, schema] of options) expect(schema.maximum, path).toEqual(expect.any(Number));
  });

  it.each([
    ['--journal-size', '1000000000', 'limits.journal must be <= 100000 (rule: maximum)'],
    ['--state-bytes', '8589934592', 'limits.stateBytes must be <= 1073741824 (rule: maximum)'],
  ])('%s %s exits 2 naming the option and its bound', async (flag, value, message) => {
    const result = await runCli(['--port', '0', flag, value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe('the journal is read a page at a time', () => {
  const journal = async (url: string, query = '') => {
    const res = await fetch(`${url}/__mock/requests${query}`);
    return { entries: (await res.json()) as JournalEntry[], link: res.headers.get('link') };
  };

  it('answers at most 100 entries by default, and a Link to the next page, until all are read', async () => {
    const { url } = await serveMock();
    for (let index = 0; index < 250; index += 1)
      await fetch(`${url}/v1/audit/events/e${index}`, { headers: AUTH_HEADERS });
    const seen: number[] = [];
    let query = '';
    for (let page = 0; page < 10; page += 1) {
      const { entries, link } = await journal(url, query);
      expect(entries.length).toBeLessThanOrEqual(100);
      seen.push(...entries.map((entry) => entry.seq));
      if (link === null) break;
      expect(link).toMatch(/^<\/__mock\/requests\?before=\d+>; rel="next"$/);
      query = /<\/__mock\/requests(\?[^>]*)>/.exec(link)?.[1] ?? '';
    }
    expect(seen).toEqual(Array.from({ length: 250 }, (_, index) => 250 - index));
  });

  it('keeps filters on the next page and caps a page at 1,000 entries', async () => {
    const { url } = await serveMock({ limits: { journal: 2_000 } });
    for (let batch = 0; batch < 24; batch += 1)
      await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          fetch(`${url}/v1/audit/events/${index % 2 === 0 ? 'even' : 'odd'}`, {
            headers: AUTH_HEADERS,
          }).then((res) => res.arrayBuffer()),
        ),
      );
    const first = await journal(url, '?eventId=even&limit=500');
    expect(first.entries).toHaveLength(500);
    expect(first.entries.every((entry) => entry.eventId === 'even')).toBe(true);
    expect(first.link).toContain('eventId=even');
    const next = /<\/__mock\/requests(\?[^>]*)>/.exec(first.link ?? '')?.[1] ?? '';
    const second = await journal(url, next);
    expect(second.entries).toHaveLength(100);
    expect(second.link).toBeNull();
    const capped = await journal(url, '?limit=100000');
    expect(capped.entries.length).toBeGreaterThan(500);
    expect(capped.entries.length).toBeLessThanOrEqual(1_000);
    expect(capped.link).toMatch(/rel="next"/);
  });

  it('answers a journal of big requests quickly and in pages of about a megabyte', async () => {
    const { url } = await serveMock({ limits: { journal: 100_000, stateBytes: 64 * 1024 * 1024 } });
    const big = 'h'.repeat(12_000);
    for (let batch = 0; batch < 20; batch += 1)
      await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          fetch(`${url}/v1/audit/events/e${batch}_${index}`, {
            headers: { ...AUTH_HEADERS, 'x-big': big },
          }).then((res) => res.arrayBuffer()),
        ),
      );
    const res = await fetch(`${url}/__mock/requests?limit=1000`);
    const text = await res.text();
    expect(text.length).toBeLessThan(2 * 1024 * 1024);
    expect((JSON.parse(text) as unknown[]).length).toBeGreaterThan(10);
    expect(res.headers.get('link')).toMatch(/rel="next"/);
    expect((await fetch(`${url}/__mock/requests?all=true`, { method: 'DELETE' })).status).toBe(204);
    expect((await journal(url)).entries).toEqual([]);
  });
});
