import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { runMain } from './helpers/in-process-cli.js';
import { SPEC_FILE } from './helpers/paths.js';
import { prismViolations } from './helpers/prism-check.js';
import { mockUrl } from './helpers/serve-mock.js';

const ADDED = [401, 403, 404, 429, 500, 502, 503, 504];
const ROUTE = '/v1/audit/events/{event_id}';

async function specWithErrors(): Promise<{
  info: Record<string, unknown>;
  paths: Record<string, { get: { responses: Record<string, Record<string, unknown>> } }>;
  components: { schemas: Record<string, unknown> };
}> {
  const { code, stdout, stderr } = await runMain(['spec', '--with-errors']);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout);
}

describe('audit-events-mock spec', () => {
  it('writes the bundled spec as it is', async () => {
    const { code, stdout } = await runMain(['spec']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(readFileSync(SPEC_FILE, 'utf8')));
  });

  it('--with-errors adds every error answer the provider gives, marked as added', async () => {
    const spec = await specWithErrors();
    const responses = spec.paths[ROUTE]?.get.responses ?? {};
    expect(Object.keys(responses)).toEqual([
      '200',
      ...ADDED.slice(0, 3).map(String),
      '422',
      ...ADDED.slice(3).map(String),
    ]);
    for (const status of ADDED) expect(responses[status]?.['x-audit-events-mock']).toBe('added');
    expect(responses['200']?.['x-audit-events-mock']).toBeUndefined();
    expect(responses['422']).toEqual(
      JSON.parse(readFileSync(SPEC_FILE, 'utf8')).paths[ROUTE].get.responses['422'],
    );
    expect(spec.components.schemas['ErrorDetail']).toMatchObject({
      required: ['detail'],
      'x-audit-events-mock': 'added',
    });
    expect(spec.info['x-audit-events-mock']).toContain('401, 403, 404, 429, 500, 502, 503, 504');
    expect(responses['500']?.['content']).toEqual({
      'text/plain': { schema: { type: 'string' }, example: 'Internal Server Error' },
    });
    expect(Object.keys(responses['429']?.['headers'] ?? {})).toEqual(['Retry-After']);
    expect(Object.keys(responses['401']?.['headers'] ?? {})).toEqual(['WWW-Authenticate']);
  });

  it('--with-errors describes the answers the mock really sends, by Prism’s validator', async () => {
    const spec = await specWithErrors();
    const url = await mockUrl();
    for (const status of ADDED) {
      const res = await fetch(`${url}/v1/audit/events/evt_1?__code=${status}`, {
        headers: AUTH_HEADERS,
      });
      const type = res.headers.get('content-type') ?? '';
      const text = await res.text();
      const body: unknown = type.startsWith('application/json') ? JSON.parse(text) : text;
      expect(res.status).toBe(status);
      expect(prismViolations(status, type, body, spec), String(status)).toEqual([]);
      expect(prismViolations(status, type, { detail: 7 }, spec), String(status)).not.toEqual([]);
    }
  });

  it('--with-errors gives a generated client a type for each error body', async () => {
    const types = astToString(await openapiTS(JSON.stringify(await specWithErrors())));
    // The operation's responses, by status: openapi-typescript writes each as `<status>: {`.
    const byStatus = new Map(
      types.split(/\n\s+(?=\d{3}: \{)/).map((chunk) => [chunk.slice(0, 3), chunk]),
    );
    for (const status of ADDED.filter((status) => status !== 500))
      expect(byStatus.get(String(status)), String(status)).toContain(
        '"application/json": components["schemas"]["ErrorDetail"];',
      );
    expect(byStatus.get('500')).toContain('"text/plain": string;');
    expect(types).toMatch(/ErrorDetail: \{[^}]*detail: string;/);
  });

  it('takes --spec <file> and says what it cannot read', async () => {
    const { code, stdout } = await runMain(['spec', '--with-errors', '--spec', SPEC_FILE]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(await specWithErrors());
    const missing = await runMain(['spec', '--spec', '/nonexistent/openapi.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read the spec file /nonexistent/openapi.json');
  });
});
