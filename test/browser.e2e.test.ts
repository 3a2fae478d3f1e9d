import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/library/start-server.js';
import { startServer } from '../src/library/start-server.js';
import { CHROMIUM, chromiumMissing, launchChromium } from './helpers/chromium.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { closeServer } from './helpers/hostile-http.js';

const EVENT_ID = 'evt_browser_e2e';
const TOKEN = AUTH_HEADERS;

/** What the page's own `fetch` could read of an answer, or why it could read nothing. */
type PageFetch = { status: number; body: string } | { error: string };

/** A page server on `http://localhost:<port>`: another origin than the mock's 127.0.0.1. */
async function startPageServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>audit-events-mock in a browser</title><p>e2e</p>');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://localhost:${port}/` };
}

// Outside the describe, so a missing browser fails here too, not only in its beforeAll.
it(`finds Debian's Chromium at ${CHROMIUM}`, () => {
  expect(chromiumMissing(), chromiumMissing()).toBeUndefined();
});

describe('a browser page on another origin', () => {
  let mock: RunningServer | undefined;
  let pageServer: { server: Server; url: string } | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const consoleLines: string[] = [];

  beforeAll(async () => {
    mock = await startServer({ port: 0, host: '127.0.0.1', log: { level: 'silent' } });
    pageServer = await startPageServer();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    await page.goto(pageServer.url);
  });

  afterAll(async () => {
    const results = await Promise.allSettled([
      browser?.close(),
      pageServer && closeServer(pageServer.server),
      mock?.close(),
    ]);
    const failures = results.filter((result) => result.status === 'rejected');
    if (failures.length > 0) throw new AggregateError(failures.map((failure) => failure.reason));
  });

  /** `fetch(mock + path)` from the page's JavaScript; throws with the browser's console if blocked. */
  async function fetchFromPage(path: string, headers: Record<string, string>) {
    if (!mock) throw new Error('the mock did not start');
    const url = `${mock.url}${path}`;
    consoleLines.length = 0;
    const result = await page.evaluate(
      async ([target, init]): Promise<PageFetch> => {
        try {
          const res = await fetch(target, { headers: init });
          return { status: res.status, body: await res.text() };
        } catch (error) {
          return { error: String(error) };
        }
      },
      [url, headers] as const,
    );
    if ('error' in result) {
      throw new Error(
        `the page at ${pageServer?.url} could not read ${url} (CORS headers missing or wrong?): ${result.error}\n${consoleLines.join('\n')}`,
      );
    }
    return result;
  }

  it('runs the page on an origin other than the mock', () => {
    expect(pageServer && new URL(pageServer.url).origin).not.toBe(mock && new URL(mock.url).origin);
  });

  it('reads an event with a bearer token and Prefer: code=200 (after a preflight)', async () => {
    const res = await fetchFromPage(`/v1/audit/events/${EVENT_ID}`, {
      ...TOKEN,
      prefer: 'code=200',
    });
    expect(res.status).toBe(200);
    expect((JSON.parse(res.body) as { id: unknown }).id).toBe(EVENT_ID);
  });

  it('reads the 401 of a request without credentials', async () => {
    const res = await fetchFromPage(`/v1/audit/events/${EVENT_ID}`, {});
    expect(res).toEqual({ status: 401, body: '{"detail":"Not authenticated"}' });
  });

  it('reads the 422 asked for with Prefer: code=422', async () => {
    const res = await fetchFromPage(`/v1/audit/events/${EVENT_ID}`, {
      ...TOKEN,
      prefer: 'code=422',
    });
    expect(res.status).toBe(422);
    const body = JSON.parse(res.body) as { detail: { loc: unknown }[] };
    expect(body.detail[0]?.loc).toEqual(['path', 'event_id']);
  });
});
