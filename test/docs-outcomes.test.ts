import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { mockUrl } from './helpers/serve-mock.js';
import { OUTCOMES_DOC, outcomeRows, parseCurl } from './helpers/documented-outcomes.js';

const app = await mockUrl();
const rows = outcomeRows();

describe(`every outcome in the table of ${OUTCOMES_DOC} holds`, () => {
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
