import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { ROOT } from './helpers/paths.js';
import { serveMock } from './helpers/serve-mock.js';

const TOKEN = 'e2e-dashb0ard-t0ken';
/** Screenshots of the main views, for people to look at; `reports/` is not committed. */
const SHOTS = join(ROOT, 'reports', 'dashboard');
const WIDE = { width: 1280, height: 800 };
const NARROW = { width: 420, height: 800 };

// Run in the page; written as text, as the tests are type-checked without the DOM's types.
const FOCUSED_ID = 'document.activeElement?.id';
/** The ids of the shown form controls that have neither a `<label>` nor an `aria-label`. */
const UNLABELLED_CONTROLS = `[...document.querySelectorAll('input, select, textarea')]
  .filter((control) => !control.closest('[hidden]'))
  .filter((control) => control.labels.length === 0 && !control.getAttribute('aria-label'))
  .map((control) => control.id || control.outerHTML)`;
/** How far the page is wider than the window (0: no sideways scroll). */
const SIDEWAYS_OVERFLOW =
  'document.documentElement.scrollWidth - document.documentElement.clientWidth';

/** A request of the mocked API from the test itself, as a consumer would send it. */
async function getEvent(url: string, id: string): Promise<number> {
  const res = await fetch(`${url}/v1/audit/events/${id}`, { headers: AUTH_HEADERS });
  await res.arrayBuffer();
  return res.status;
}

describe('the dashboard at /__mock/ in headless Chromium', () => {
  let browser: Browser | undefined;
  /** What went wrong in the pages: script errors, CSP refusals, requests to any other host. */
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  // Each test also checks that its page met no script error, CSP refusal or request elsewhere.
  afterEach(() => {
    const met = problems.splice(0);
    expect(met).toEqual([]);
  });

  /** Opens the dashboard of the mock at `url`; anything asked of another host is refused. */
  async function openDashboard(url: string, viewport = WIDE): Promise<Page> {
    if (!browser) throw new Error('Chromium did not start');
    const page = await browser.newPage({ viewport });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // The browser logs every answer that is not a success; the page shows those itself.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(`console: ${message.text()}`);
    });
    await page.route('**/*', (route) => {
      if (route.request().url().startsWith(`${url}/`)) return route.continue();
      problems.push(`asked another host: ${route.request().url()}`);
      return route.abort('internetdisconnected');
    });
    await page.goto(`${url}/__mock/`);
    return page;
  }

  const live = (page: Page) =>
    page.locator('#stream-state[data-state="live"]').waitFor({ timeout: 10_000 });

  it('shows a request made by the test as it happens, and expands it', async () => {
    const { url } = await serveMock();
    const page = await openDashboard(url);
    await live(page);
    expect(await getEvent(url, 'evt_e2e_live')).toBe(200);
    const row = page.locator('tr.request', { hasText: 'evt_e2e_live' });
    await row.waitFor();
    expect(await row.locator('td').allInnerTexts()).toEqual(
      expect.arrayContaining(['GET', '/v1/audit/events/evt_e2e_live', '200', 'valid']),
    );
    await row.getByRole('button', { name: /Details of request/ }).click();
    const details = page.locator('.details-row:not([hidden])');
    await details.waitFor();
    expect(await details.locator('dl.headers').innerText()).toMatch(
      /authorization\s+Bearer \[redacted\]/i,
    );
    expect(await details.locator('pre.body').innerText()).toContain('\n  "id": "evt_e2e_live"');
    await page.screenshot({ path: join(SHOTS, 'requests.png') });
    await page.close();
  });

  it('filters the live requests by status and event id', async () => {
    const { url } = await serveMock();
    const page = await openDashboard(url);
    await live(page);
    await getEvent(url, 'evt_e2e_a');
    await getEvent(url, 'evt_e2e_b');
    await page.locator('tr.request', { hasText: 'evt_e2e_b' }).waitFor();
    await page.getByLabel('Event id contains').fill('_a');
    await page.getByText('1 of 2 shown.').waitFor();
    await page.getByLabel('Event id contains').fill('');
    await page.getByLabel('Status').first().fill('5xx');
    await page.getByText('0 of 2 shown.').waitFor();
    await page.close();
  });

  it('creates "503 twice then 200" from the page: three requests get 503, 503, 200', async () => {
    const { url } = await serveMock();
    const page = await openDashboard(url);
    await live(page);
    await page.getByRole('tab', { name: 'Outcomes' }).click();
    await page.getByLabel('Template').selectOption('sequence');
    await page.getByLabel('Event id or pattern').fill('evt_e2e_flaky');
    await page.getByLabel('First').selectOption('503');
    await page.getByLabel('Times').fill('2');
    await page.getByLabel('Then').selectOption('200');
    await page.getByRole('button', { name: 'Add scenario' }).click();
    const scenario = page.locator('#scenarios tbody tr', { hasText: 'evt_e2e_flaky' });
    await scenario.waitFor();
    expect(await scenario.innerText()).toMatch(/503 ×2 \(2 left\)[\s\S]*200 ×1 \(1 left\)/);
    await page.screenshot({ path: join(SHOTS, 'outcomes.png') });

    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push(await getEvent(url, 'evt_e2e_flaky'));
    expect(statuses).toEqual([503, 503, 200]);
    // The stream tells the page the scenario was used: its uses left follow.
    await page
      .locator('#scenarios tbody tr', { hasText: /200 ×1 \(0 left\)[\s\S]*0, used up/ })
      .waitFor();
    await page.close();
  });

  it('removes an active scenario from the page', async () => {
    const { url } = await serveMock();
    const page = await openDashboard(url);
    await live(page);
    await page.getByRole('tab', { name: 'Outcomes' }).click();
    await page.getByLabel('Template').selectOption('status');
    await page.getByLabel('Event id or pattern').fill('evt_e2e_gone');
    await page.getByRole('button', { name: 'Add scenario' }).click();
    await page.getByRole('button', { name: /^Remove scenario/ }).click();
    await page.getByText('No active scenarios').waitFor();
    expect(await getEvent(url, 'evt_e2e_gone')).toBe(200);
    await page.close();
  });

  it('adds a run-time fixture with a schema error and shows the violation inline', async () => {
    const { url } = await serveMock();
    const page = await openDashboard(url);
    await live(page);
    await page.getByRole('tab', { name: 'Fixtures' }).click();
    await page.getByRole('button', { name: 'View fixture evt_login_failed' }).click();
    await page.getByRole('button', { name: 'Copy to a run-time fixture' }).click();
    const json = page.getByLabel('Fixture JSON');
    const event = JSON.parse(await json.inputValue()) as Record<string, unknown>;
    await page.getByLabel('Fixture id').fill('evt_e2e_broken');
    await json.fill(JSON.stringify({ ...event, id: 'evt_e2e_broken', event_type: 42 }, null, 2));
    await page.getByRole('button', { name: 'Check and save' }).click();
    const violations = page.locator('#fixture-problems li');
    await violations.first().waitFor();
    expect(await violations.allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/event_type[\s\S]*string/)]),
    );
    await page.screenshot({ path: join(SHOTS, 'fixtures.png') });
    expect((await fetch(`${url}/__mock/fixtures/evt_e2e_broken`)).status).toBe(404);

    await json.fill(JSON.stringify({ ...event, id: 'evt_e2e_broken' }, null, 2));
    await page.getByRole('button', { name: 'Check and save' }).click();
    await page.locator('#fixtures tr', { hasText: 'evt_e2e_broken' }).waitFor();
    expect((await fetch(`${url}/__mock/fixtures/evt_e2e_broken`)).status).toBe(200);
    await page.close();
  });

  it('shows coverage from GET /__mock/coverage and the health of the mock', async () => {
    const { url } = await serveMock();
    await getEvent(url, 'evt_e2e_covered');
    const page = await openDashboard(url);
    await live(page);
    await page.getByRole('tab', { name: 'Coverage' }).click();
    const covered = page.locator('#coverage tr.outcome.covered', { hasText: '200-event' });
    await covered.waitFor();
    expect(await covered.innerText()).toContain('GET /v1/audit/events/evt_e2e_covered → 200');
    const uncovered = page.locator('#coverage tr.outcome.not-covered', {
      hasText: '401-not-authenticated',
    });
    expect(await uncovered.innerText()).toContain(`curl ${url}/v1/audit/events/any-id`);
    await page.screenshot({ path: join(SHOTS, 'coverage.png') });

    await page.getByRole('tab', { name: 'Health' }).click();
    const health = page.locator('#health');
    await health.getByText('Audit Events API 1.0.0').waitFor();
    expect(await health.innerText()).toMatch(/Requests since start\s+1\b/);
    await page.screenshot({ path: join(SHOTS, 'health.png') });
    await page.close();
  });

  it('is usable from the keyboard: arrow keys move between the views', async () => {
    const { url } = await serveMock();
    const page = await openDashboard(url);
    await live(page);
    await page.getByRole('tab', { name: 'Requests' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#panel-outcomes').isVisible()).toBe(true);
    expect(await page.evaluate<string>(FOCUSED_ID)).toBe('tab-outcomes');
    await page.keyboard.press('End');
    expect(await page.locator('#panel-health').isVisible()).toBe(true);
    // Every form control of every view has a label a screen reader reads.
    const unlabelled: string[] = [];
    for (const view of ['Requests', 'Outcomes', 'Fixtures', 'Coverage', 'Health']) {
      await page.getByRole('tab', { name: view }).click();
      unlabelled.push(...(await page.evaluate<string[]>(UNLABELLED_CONTROLS)));
    }
    expect(unlabelled).toEqual([]);
    await page.close();
  });

  it('fits a narrow window: no view needs a sideways scroll', async () => {
    const { url } = await serveMock();
    await getEvent(url, 'evt_e2e_narrow');
    const page = await openDashboard(url, NARROW);
    await live(page);
    /** Each view, and what shows once its data is in. */
    const views = [
      ['Requests', 'tr.request'],
      ['Outcomes', '#panel-outcomes .empty'],
      ['Fixtures', '#fixtures tbody tr'],
      ['Coverage', '#coverage tbody tr'],
      ['Health', '#health dd'],
    ] as const;
    const overflow: Record<string, number> = {};
    for (const [view, ready] of views) {
      await page.getByRole('tab', { name: view }).click();
      await page.locator(ready).first().waitFor();
      overflow[view] = await page.evaluate<number>(SIDEWAYS_OVERFLOW);
      if (view === 'Requests') await page.screenshot({ path: join(SHOTS, 'requests-narrow.png') });
    }
    expect(overflow).toEqual({ Requests: 0, Outcomes: 0, Fixtures: 0, Coverage: 0, Health: 0 });
    await page.close();
  });

  it('in token mode refuses without the token, asks for it, and works with it', async () => {
    const { url } = await serveMock({ admin: { token: TOKEN } });
    const page = await openDashboard(url);
    const dialog = page.getByRole('dialog', { name: 'Admin token' });
    await dialog.waitFor();
    await page.locator('#stream-state[data-state="unauthorized"]').waitFor();
    await getEvent(url, 'evt_e2e_secret');
    await page.screenshot({ path: join(SHOTS, 'token-prompt.png') });

    await dialog.getByLabel('Token').fill('not-the-token');
    await dialog.getByRole('button', { name: 'Use this token' }).click();
    await dialog.getByText('The mock refused that token').waitFor();
    expect(await page.locator('tr.request').count()).toBe(0);

    await dialog.getByLabel('Token').fill(TOKEN);
    await dialog.getByRole('button', { name: 'Use this token' }).click();
    await live(page);
    await page.locator('tr.request', { hasText: 'evt_e2e_secret' }).waitFor();
    await page.close();
  });
});
