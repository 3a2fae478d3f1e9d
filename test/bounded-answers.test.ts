import { writeFileSync } from 'node:fs';
import type * as FsModule from 'node:fs';
import type * as FsPromisesModule from 'node:fs/promises';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { MockInstance } from 'vitest';
import { describe, expect, it, vi } from 'vitest';
import { generateEvent } from '../src/library/generate-event.js';
import { startServer } from '../src/library/start-server.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { parseRawAnswers } from './helpers/hostile-http.js';
import { serveMock } from './helpers/serve-mock.js';
import { tempDir } from './helpers/temp-dir.js';
import { waitFor } from './helpers/wait-for.js';

// The builtins' CommonJS objects can be spied on (see test/traversal.test.ts).
const require = createRequire(import.meta.url);
const fs = require('node:fs') as typeof FsModule;
const fsp = require('node:fs/promises') as typeof FsPromisesModule;

/** A fixtures folder of `count` event files. */
function manyFixtures(count: number): string {
  const template = JSON.stringify(generateEvent('evt_template'));
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index += 1)
    files[`events/evt_${index}.json`] = template.replace('"evt_template"', `"evt_${index}"`);
  return tempDir(files);
}

describe('error answers stay small whatever the mock holds', () => {
  it('Prefer: example=nope names a few fixture ids and how many more, not all 2,000', async () => {
    const { url } = await serveMock({ fixtures: manyFixtures(2_000), pinnedResponses: false });
    const res = await fetch(`${url}/v1/audit/events/e1`, {
      headers: { ...AUTH_HEADERS, prefer: 'example=nope' },
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text.length).toBeLessThan(1_000);
    expect(JSON.parse(text)).toEqual({
      detail: expect.stringMatching(
        /^Prefer: example=nope names no fixture; example can be one of (evt_\d+, ){9}evt_\d+ and 1,990 more \(GET \/__mock\/fixtures lists them all\)\.$/,
      ),
    });
  });

  it('a body with thousands of violations is answered with the first 50 and a count of the rest', async () => {
    const { url } = await serveMock();
    const extra = Object.fromEntries(Array.from({ length: 5_000 }, (_, index) => [`k${index}`, 1]));
    const res = await fetch(`${url}/__mock/fixtures/evt_x`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...generateEvent('evt_x'), ...extra }),
    });
    expect(res.status).toBe(400);
    const { detail } = (await res.json()) as { detail: { type: string; msg: string }[] };
    expect(detail).toHaveLength(51);
    expect(detail.at(-1)).toEqual({
      type: 'truncated',
      loc: ['body'],
      msg: 'and 4,950 more violations; fix these and send it again to see them',
    });
  });
});

/** Sends `head` (a request whose body is announced but never sent) and resolves with the answer. */
async function answerBeforeTheBody(port: number, head: string) {
  const socket = connect(port, '127.0.0.1');
  const reply = await new Promise<Buffer>((resolve) => {
    const parts: Buffer[] = [];
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk: Buffer) => {
      parts.push(chunk);
      if (Buffer.concat(parts).includes('}')) resolve(Buffer.concat(parts));
    });
  });
  socket.destroy();
  const [answer] = parseRawAnswers(reply);
  return answer;
}

const putHead = (id: string, length: number) =>
  `PUT /__mock/fixtures/${id} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n{"id":`;

describe('an admin body that cannot be taken is refused as soon as Content-Length says so', () => {
  it('answers 413 for a body over admin.bodyLimit before the body is sent', async () => {
    const { server } = await serveMock();
    const answer = await answerBeforeTheBody(server.port, putHead('big', 2_097_152));
    expect(answer?.status).toBe(413);
    expect(answer?.headers['connection']).toBe('close');
    expect(JSON.parse(answer?.body ?? '')).toEqual({
      detail:
        'The request body is too large for the admin API: Content-Length says 2097152 bytes, the limit is 1048576 (admin.bodyLimit); send less, or raise admin.bodyLimit.',
    });
  });

  it('answers 429 for a new fixture the full state budget has no room for, before its body is sent', async () => {
    const { server, url } = await serveMock({ limits: { stateBytes: 2 * 1024 * 1024 } });
    const filler = { ...generateEvent('evt_fill'), event_payload: 'f'.repeat(900_000) };
    const fill = await fetch(`${url}/__mock/fixtures/evt_fill`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(filler),
    });
    expect(fill.status).toBe(201);
    const answer = await answerBeforeTheBody(server.port, putHead('evt_more', 500_000));
    expect(answer?.status).toBe(429);
    expect(answer?.headers['connection']).toBe('close');
    expect(JSON.parse(answer?.body ?? '')).toEqual({
      detail: expect.stringMatching(/budget of 2 MiB \(limits\.stateBytes\) is full.*"evt_more"/),
    });
  });
});

describe('a reload of a large folder reads only what changed', () => {
  it('opens one file when one of 3,000 fixtures changes', async () => {
    const dir = manyFixtures(3_000);
    const server = await startServer({
      fixtures: dir,
      watch: true,
      port: 0,
      log: { level: 'silent' },
    });
    const opened = [
      vi.spyOn(fs, 'openSync') as MockInstance,
      vi.spyOn(fs, 'readFileSync') as MockInstance,
      vi.spyOn(fsp, 'open') as MockInstance,
      vi.spyOn(fsp, 'readFile') as MockInstance,
    ];
    syncBuiltinESMExports();
    try {
      const changed = JSON.stringify({ ...generateEvent('evt_7'), event_payload: 'changed' });
      writeFileSync(join(dir, 'events', 'evt_7.json'), changed);
      await waitFor('the changed fixture to be served', async () => {
        const res = await fetch(`${server.url}/v1/audit/events/evt_7`, { headers: AUTH_HEADERS });
        return ((await res.json()) as { event_payload: unknown }).event_payload === 'changed'
          ? true
          : undefined;
      });
      const paths = opened.flatMap((spy) => spy.mock.calls.map((args) => String(args[0])));
      expect(paths.filter((path) => path.startsWith(dir))).toEqual([
        join(dir, 'events', 'evt_7.json'),
      ]);
    } finally {
      for (const spy of opened) spy.mockRestore();
      syncBuiltinESMExports();
      await server.close();
    }
  });
});
