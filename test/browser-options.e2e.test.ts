// A page on another origin, in Debian's headless Chromium, using the options for browser apps:
// it reads retry-after (--cors-expose-headers), sends credentials (--cors-allow-credentials),
// drives a scenario and default preferences through /__mock (--admin-origin), and picks a
// session without any custom header (a /__session/<key> prefix, a mock-session cookie).
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminClient } from '../src/client/create-admin-client.js';
import type { RunningServer } from '../src/library/start-server.js';
import { startServer } from '../src/library/start-server.js';
import { launchChromium } from './helpers/chromium.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { closeServer } from './helpers/hostile-http.js';

/** What the page's `fetch` could read, or why it could read nothing. */
type PageFetch =
  { status: number; body: string; headers: Record<string, string> } | { error: string };

/** A page server on another port of 127.0.0.1: another origin, the same site as the mock. */
async function startPageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>a browser app</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('a browser app on another origin, with the options for browser apps', () => {
  let page: Page;
  let browser: Browser | undefined;
  let pageServer: { server: Server; origin: string } | undefined;
  let mock: RunningServer | undefined;
  let plain: RunningServer | undefined;

  beforeAll(async () => {
    pageServer = await startPageServer();
    const { origin } = pageServer;
    mock = await startServer({
      port: 0,
      log: { level: 'silent' },
      cors: {
        origins: [origin],
        exposeHeaders: ['retry-after', 'preference-applied'],
        allowCredentials: true,
      },
      admin: { origins: [origin] },
    });
    plain = await startServer({ port: 0, log: { level: 'silent' } });
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${origin}/`);
  });

  afterAll(async () => {
    await Promise.allSettled([
      browser?.close(),
      pageServer && closeServer(pageServer.server),
      mock?.close(),
      plain?.close(),
    ]);
  });

  /** `fetch(url, init)` run by the page's own JavaScript. */
  function fetchFromPage(url: string, init: RequestInit = {}): Promise<PageFetch> {
    return page.evaluate(
      async ([target, options]): Promise<PageFetch> => {
        try {
          const res = await fetch(target, options);
          const headers: Record<string, string> = {};
          res.headers.forEach((value, name) => (headers[name] = value));
          return { status: res.status, body: await res.text(), headers };
        } catch (error) {
          return { error: String(error) };
        }
      },
      [url, init] as const,
    );
  }

  it('reads retry-after with --cors-expose-headers, and cannot without it', async () => {
    const exposed = await fetchFromPage(`${mock?.url}/v1/audit/events/e1?__code=429`, {
      headers: AUTH_HEADERS,
    });
    expect(exposed).toMatchObject({ status: 429, headers: { 'retry-after': '30' } });
    const hidden = await fetchFromPage(`${plain?.url}/v1/audit/events/e1?__code=429`, {
      headers: AUTH_HEADERS,
    });
    expect(hidden).toMatchObject({ status: 429 });
    expect('headers' in hidden && hidden.headers['retry-after']).toBeUndefined();
  });

  it('sends credentials with --cors-allow-credentials (its cookie picks a session), and cannot without it', async () => {
    await createAdminClient({ url: mock?.url ?? '', session: 'from-cookie' }).addScenario({
      match: { eventId: 'evt_cookie' },
      steps: [{ status: 404 }],
    });
    // The page's own script sets the cookie: on 127.0.0.1, it is the mock's too (ports aside).
    await page.evaluate("document.cookie = 'mock-session=from-cookie; path=/'");
    const res = await fetchFromPage(`${mock?.url}/v1/audit/events/evt_cookie`, {
      headers: AUTH_HEADERS,
      credentials: 'include',
    });
    expect(res).toMatchObject({ status: 404, body: '{"detail":"Audit event not found"}' });
    const refused = await fetchFromPage(`${plain?.url}/v1/audit/events/evt_cookie`, {
      headers: AUTH_HEADERS,
      credentials: 'include',
    });
    expect(refused).toMatchObject({ error: expect.stringContaining('Failed to fetch') });
  });

  it('drives a scenario and default preferences through /__mock, then reads the journal', async () => {
    const admin = (path: string, method: string, body?: unknown) =>
      fetchFromPage(`${mock?.url}/__mock${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-mock-session': 'page' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const added = await admin('/scenarios', 'POST', {
      match: { eventId: 'evt_page' },
      steps: [{ status: 503 }],
    });
    expect(added).toMatchObject({ status: 201 });
    expect(await admin('/preferences', 'PUT', { delay: 1 })).toMatchObject({ status: 200 });

    // The app's own request: no X-Mock-Session, no Prefer; the session is in its base URL.
    const app = `${mock?.url}/__session/page/v1/audit/events`;
    const first = await fetchFromPage(`${app}/evt_page`, { headers: AUTH_HEADERS });
    expect(first).toMatchObject({
      status: 503,
      headers: { 'retry-after': '30', 'preference-applied': 'delay=1' },
    });
    expect(await fetchFromPage(`${app}/evt_page`, { headers: AUTH_HEADERS })).toMatchObject({
      status: 200,
    });

    const journal = await admin('/requests?eventId=evt_page', 'GET');
    expect('body' in journal && (JSON.parse(journal.body) as { status: number }[])).toEqual([
      expect.objectContaining({ status: 200, session: 'page' }),
      expect.objectContaining({ status: 503, session: 'page' }),
    ]);
  });

  it('cannot drive the admin API of a mock that does not allow its origin', async () => {
    const res = await fetchFromPage(`${plain?.url}/__mock/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ match: { eventId: 'e' }, steps: [{ status: 503 }] }),
    });
    expect(res).toMatchObject({ error: expect.stringContaining('Failed to fetch') });
    expect(await createAdminClient({ url: plain?.url ?? '' }).listScenarios()).toEqual([]);
  });
});
