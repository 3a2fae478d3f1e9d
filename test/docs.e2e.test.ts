import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/library/start-server.js';
import { startServer } from '../src/library/start-server.js';
import { launchChromium } from './helpers/chromium.js';

const swaggerDist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const CDN = 'https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/';
const OPERATION = '/v1/audit/events/{event_id}';

describe('/docs renders Swagger UI in a browser, pointed at the mock’s /openapi.json', () => {
  let browser: Browser | undefined;
  const mocks: RunningServer[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await Promise.allSettled([browser?.close(), ...mocks.map((mock) => mock.close())]);
  });

  /** A page that records every URL it asks for; requests off the mock are answered by `offMock`. */
  async function openPage(mock: RunningServer, offMock: (url: string) => Buffer | undefined) {
    if (!browser) throw new Error('Chromium did not start');
    const page: Page = await browser.newPage();
    const requested: string[] = [];
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      requested.push(url);
      if (url.startsWith(mock.url)) return route.continue();
      const body = offMock(url);
      return body === undefined ? route.abort('internetdisconnected') : route.fulfill({ body });
    });
    await page.goto(`${mock.url}/docs`);
    await page.waitForSelector('.opblock-summary-path', { timeout: 15_000 });
    const path = await page.textContent('.opblock-summary-path');
    const title = await page.textContent('.info .title');
    await page.close();
    return { requested, path, title };
  }

  it('with FastAPI’s page as it is, its CDN files answered from swagger-ui-dist', async () => {
    const mock = await startServer({ port: 0, log: { level: 'silent' } });
    mocks.push(mock);
    const { requested, path, title } = await openPage(mock, (url) =>
      url.startsWith(CDN) ? readFileSync(join(swaggerDist, url.slice(CDN.length))) : undefined,
    );
    expect(path?.replaceAll('\u200b', '')).toBe(OPERATION);
    expect(title).toContain('Audit Events API');
    expect(requested).toContain(`${mock.url}/openapi.json`);
    expect(requested).toContain(`${CDN}swagger-ui-bundle.js`);
  });

  it('with docsAssets local, offline: nothing is asked of any other host', async () => {
    const mock = await startServer({
      port: 0,
      docsAssets: 'local',
      redocUrl: null,
      log: { level: 'silent' },
    });
    mocks.push(mock);
    const { requested, path } = await openPage(mock, () => undefined);
    expect(path?.replaceAll('\u200b', '')).toBe(OPERATION);
    expect(requested.filter((url) => !url.startsWith(mock.url))).toEqual([]);
    expect(requested).toContain(`${mock.url}/static/swagger-ui-bundle.js`);
    expect(requested).toContain(`${mock.url}/openapi.json`);
  });
});
