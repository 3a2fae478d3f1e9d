import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/library/create-app.js';
import { OptionsError } from '../src/config/options-error.js';
import { outcomeRows, parseCurl } from './helpers/documented-outcomes.js';
import { closeServer, listenLocal, rawExchange } from './helpers/hostile-http.js';
import { serveMock } from './helpers/serve-mock.js';

interface Sent {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: string;
}

const golden = JSON.parse(
  readFileSync(new URL('./golden/fastapi-wire.json', import.meta.url), 'utf8'),
) as {
  cases: {
    name: string;
    request: { method: string; path: string; headers: Record<string, string> };
  }[];
};

/** Every documented outcome, every golden case, and calls of the admin API, in one order. */
const requests: Sent[] = [
  ...outcomeRows().map((row) => ({ name: row.outcome, ...parseCurl(row.curl) })),
  ...golden.cases.map(({ name, request }) => ({
    name: `golden: ${name}`,
    method: request.method,
    path: request.path,
    headers: Object.entries(request.headers),
  })),
  {
    name: 'admin: a run-time fixture',
    method: 'PUT',
    path: '/__mock/fixtures/evt_app',
    headers: [['content-type', 'application/json']],
    body: JSON.stringify({ status: 404, body: { detail: 'gone' } }),
  },
  {
    name: 'admin: the fixture it set',
    method: 'GET',
    path: '/__mock/fixtures/evt_app',
    headers: [],
  },
  { name: 'admin: an unknown endpoint', method: 'GET', path: '/__mock/nope', headers: [] },
  {
    name: 'admin: a body that is not JSON',
    method: 'POST',
    path: '/__mock/scenarios',
    headers: [['content-type', 'application/json']],
    body: '{',
  },
  {
    name: 'the pinned answer',
    method: 'GET',
    path: '/v1/audit/events/evt_app',
    headers: [['Authorization', 'Bearer t']],
  },
];

/** One request on a fresh connection, as raw bytes. */
function wire(sent: Sent): string {
  const body = sent.body ?? '';
  const lines = [
    `${sent.method} ${sent.path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: close',
    ...sent.headers.map(([name, value]) => `${name}: ${value}`),
    ...(body === '' ? [] : [`Content-Length: ${Buffer.byteLength(body)}`]),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** The answer's bytes, but for the `Date` header (the one thing that differs from second to second). */
async function exchange(port: number, sent: Sent): Promise<string> {
  const reply = await rawExchange(port, wire(sent), { halfClose: false });
  return reply.bytes.toString('latin1').replace(/\r\ndate: [^\r]*/i, '');
}

describe('createApp(): the mock as an Express app for mounting', () => {
  it('answers every documented outcome, golden case and admin call with the same bytes as startServer', async () => {
    const { server } = await serveMock();
    const mounted = createServer(createApp({ log: { level: 'silent' } }));
    const port = await listenLocal(mounted);
    try {
      expect(requests.length).toBeGreaterThan(40);
      for (const sent of requests) {
        const [fromServer, fromApp] = await Promise.all([
          exchange(server.port, sent),
          exchange(port, sent),
        ]);
        expect(fromServer, sent.name).toMatch(/^HTTP\/1\.1 \d{3} /);
        expect(fromApp, sent.name).toBe(fromServer);
      }
    } finally {
      await closeServer(mounted);
    }
  });

  it('refuses the options only a listening server has, naming them', () => {
    expect(() => createApp({ port: 0, watch: true })).toThrow(OptionsError);
    expect(() => createApp({ port: 0, watch: true })).toThrow(
      'createApp never listens, so port, watch are options of startServer only',
    );
  });
});
