import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { MockOptions } from '../src/config/mock-options.js';
import { mockUrl } from './helpers/serve-mock.js';

interface GoldenCase {
  name: string;
  request: { method: string; path: string; headers: Record<string, string> };
  response: { status: number; headers: Record<string, string>; body: string };
  options?: MockOptions;
}

// Captured from a real FastAPI 0.128.0 / Starlette 0.47.3 app serving spec/openapi.json.
const golden = JSON.parse(
  readFileSync(new URL('./golden/fastapi-docs-routes.json', import.meta.url), 'utf8'),
) as { cases: GoldenCase[] };

const mocks = new Map<string, Promise<string>>();
function mockFor(options: MockOptions = {}): Promise<string> {
  const key = JSON.stringify(options);
  let url = mocks.get(key);
  if (!url) {
    url = mockUrl(options);
    mocks.set(key, url);
  }
  return url;
}

/** Starlette keeps a route's methods in a set: `GET, HEAD` and `HEAD, GET` are the same answer. */
function methods(allow: string | undefined): string | undefined {
  return allow?.split(', ').sort().join(', ');
}

describe("golden wire answers of FastAPI's built-in routes", () => {
  it.each(golden.cases)(
    '$name: $request.method $request.path → $response.status',
    async ({ request: sent, response: expected, options }) => {
      const app = await mockFor(options);
      const method = sent.method.toLowerCase() as 'get';
      let call = request(app)[method](sent.path).set('Host', 'testserver').redirects(0);
      for (const [name, value] of Object.entries(sent.headers)) call = call.set(name, value);
      const res = await call.buffer(true).parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
      expect(res.status).toBe(expected.status);
      for (const [name, value] of Object.entries(expected.headers)) {
        if (name === 'allow') expect(methods(res.headers[name]), name).toBe(methods(value));
        else expect(res.headers[name], name).toBe(value);
      }
      if (!('access-control-allow-origin' in expected.headers))
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(typeof res.body === 'string' ? res.body : '').toBe(expected.body);
    },
  );
});
