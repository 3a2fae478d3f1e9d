import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { mockUrl } from './helpers/serve-mock.js';

interface GoldenCase {
  name: string;
  request: { method: string; path: string; headers: Record<string, string> };
  response: { status: number; headers: Record<string, string>; body: string };
}

// Answers captured from a real FastAPI 0.128.0 / Starlette 0.47.3 app modelled on the seed.
const golden = JSON.parse(
  readFileSync(new URL('./golden/fastapi-wire.json', import.meta.url), 'utf8'),
) as { cases: GoldenCase[] };
const ECHOED_EVENT = '(an AuditEventResponse whose id echoes the path id)';
const app = await mockUrl();

describe('golden wire answers of the real provider', () => {
  it.each(golden.cases)(
    '$name: $request.method $request.path → $response.status',
    async ({ request: sent, response: expected }) => {
      const method = sent.method.toLowerCase() as 'get' | 'post' | 'delete' | 'head' | 'options';
      let call = request(app)[method](sent.path).set('Host', 'testserver').redirects(0);
      for (const [name, value] of Object.entries(sent.headers)) call = call.set(name, value);
      const res = await call.buffer(true).parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
      expect(res.status).toBe(expected.status);
      for (const [name, value] of Object.entries(expected.headers))
        expect(res.headers[name], name).toBe(value);
      if (!('access-control-allow-origin' in expected.headers))
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
      // supertest parses no body for HEAD; an empty body is what must have arrived.
      const body = typeof res.body === 'string' ? res.body : '';
      if (expected.body === ECHOED_EVENT) {
        expect(JSON.parse(body).id).toBe(sent.path.split('/').at(-1));
      } else {
        expect(body).toBe(expected.body);
      }
    },
  );
});
