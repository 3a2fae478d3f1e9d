import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DASHBOARD_DIR, loadDashboardAssets } from '../src/admin/dashboard-assets.js';
import { FAULTS } from '../src/core/fault.js';
import { FORCED_STATUSES } from '../src/core/forced-status.js';
import { createApp } from '../src/library/create-app.js';
import { admin, parse } from './helpers/mock-http.js';
import { serveMock } from './helpers/serve-mock.js';
import { waitFor } from './helpers/wait-for.js';

const TOKEN = 'dashb0ard-t0ken';
const SCENARIO = { match: { eventId: 'evt_1' }, steps: [{ status: 503 }] };

/** The page's own files, as it names them: `assets/<version>/<file>`. */
function assetPaths(html: string): string[] {
  return [...html.matchAll(/(?:href|src)="(assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
}

/** Every `import … from './x.js'` of a module. */
function importsOf(script: string): string[] {
  return [...script.matchAll(/from '\.\/([^']+)'/g)].map((match) => match[1] ?? '');
}

describe('the dashboard page at /__mock/', () => {
  it('is an HTML page with a Content-Security-Policy that allows only its own origin', async () => {
    const { url } = await serveMock();
    const res = await request(url).get('/__mock/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = res.headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe|https?:|\*/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).toContain('<title>audit-events-mock dashboard</title>');
    expect(res.text).not.toContain('%ASSETS%');
  });

  it('loads nothing from another host: every URL in the page and its scripts is relative', () => {
    const assets = loadDashboardAssets();
    const texts = [assets.page.raw, ...[...assets.files.values()].map((file) => file.raw)].map(
      (raw) => raw.toString('utf8'),
    );
    for (const text of texts) expect(text).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    for (const text of texts) expect(text).not.toMatch(/(?:import|fetch)\(?\s*'https?:/);
  });

  it('/__mock without its slash redirects to /__mock/ (the page uses relative URLs)', async () => {
    const { url } = await serveMock();
    const res = await request(url).get('/__mock');
    expect([res.status, res.headers['location']]).toEqual([308, '__mock/']);
  });

  it('serves every file the page and its modules load, gzipped, cached for good, with an ETag', async () => {
    const { url } = await serveMock();
    const page = await request(url).get('/__mock/');
    const paths = assetPaths(page.text);
    expect(paths.map((path) => path.split('/').pop())).toEqual([
      'icon.svg',
      'dashboard.css',
      'main.js',
    ]);
    const seen = new Set<string>();
    const queue = [...paths];
    while (queue.length > 0) {
      const path = queue.shift() ?? '';
      if (seen.has(path)) continue;
      seen.add(path);
      // fetch asks for gzip and unpacks it; the headers say how it came.
      const res = await fetch(`${url}/__mock/${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
      const text = await res.text();
      if (path.endsWith('.js')) {
        expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
        const dir = path.slice(0, path.lastIndexOf('/') + 1);
        queue.push(...importsOf(text).map((name) => dir + name));
      }
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  it('answers 304 to a request with the ETag it already has', async () => {
    const { url } = await serveMock();
    const first = await request(url).get('/__mock/');
    const again = await request(url)
      .get('/__mock/')
      .set('If-None-Match', first.headers['etag'] ?? '');
    expect(again.status).toBe(304);
  });

  it('answers 404 with what to do for a file of another version or an unknown name', async () => {
    const { url } = await serveMock();
    const { version } = loadDashboardAssets();
    for (const path of ['assets/0123456789ab/main.js', `assets/${version}/secret.txt`]) {
      const res = await request(url).get(`/__mock/${path}`);
      expect(res.status).toBe(404);
      expect(parse<{ detail: string }>(res.text).detail).toMatch(/reload \/__mock\//);
    }
  });

  it('weighs at most 100 KB gzipped, page and every file together', () => {
    const assets = loadDashboardAssets();
    const gzipped = [assets.page, ...assets.files.values()].reduce(
      (sum, file) => sum + file.gzip.length,
      0,
    );
    expect(gzipped).toBeLessThanOrEqual(100 * 1024);
  });
});

describe('the dashboard follows the access rules of the admin API', () => {
  it('in token mode, the page loads but everything it shows needs the token', async () => {
    const { url } = await serveMock({ admin: { token: TOKEN } });
    expect((await request(url).get('/__mock/')).status).toBe(200);
    for (const path of ['/health', '/requests/stream?all=true', '/fixtures', '/coverage']) {
      const refused = await request(url).get(`/__mock${path}`);
      expect(refused.status, path).toBe(401);
    }
    const allowed = await admin(url, 'get', '/health', {
      headers: { 'X-Mock-Admin-Token': TOKEN },
    });
    expect(allowed.status).toBe(200);
  });

  it('with --no-admin there is no page: /__mock/ is an unknown path of the provider', async () => {
    const { url } = await serveMock({ admin: { enabled: false } });
    const res = await request(url).get('/__mock/');
    expect([res.status, res.text]).toEqual([404, '{"detail":"Not Found"}']);
  });

  it('on a loopback bind, the page is refused to a foreign Host (DNS rebinding)', async () => {
    const { url } = await serveMock();
    const res = await request(url).get('/__mock/').set('Host', 'rebound.example:4010');
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('<html');
  });

  it.each([
    ['the page itself (Origin is the Host it was sent to)', true, undefined],
    ['another origin', false, 'http://localhost:5173'],
    ['the same host on another port', false, 'http://127.0.0.1:1'],
  ])('a state-changing call from %s: accepted %s', async (_, accepted, foreign) => {
    const { url } = await serveMock();
    const origin = foreign ?? url;
    const res = await admin(url, 'post', '/scenarios', {
      body: SCENARIO,
      headers: { Origin: origin },
    });
    expect(res.status).toBe(accepted ? 201 : 403);
  });

  it.each([
    ['a domain name, the admin API open, is refused (DNS rebinding)', {}, 'rebound.example', 403],
    ['a domain name, the token sent, is accepted', { token: TOKEN }, 'rebound.example', 201],
    ['an IP address, the admin API open, is accepted', {}, '192.0.2.7', 201],
    ['localhost, the admin API open, is accepted', {}, 'localhost', 201],
  ])(
    'createApp mounted anywhere: a call from its own origin with %s',
    async (_, adminOptions, host, status) => {
      const app = createApp({ admin: adminOptions });
      const res = await admin(app, 'post', '/scenarios', {
        body: SCENARIO,
        headers: {
          Host: `${host}:8080`,
          Origin: `http://${host}:8080`,
          ...('token' in adminOptions ? { 'X-Mock-Admin-Token': TOKEN } : {}),
        },
      });
      expect(res.status).toBe(status);
    },
  );
});

describe('GET /__mock/health for the Health view', () => {
  it('names the spec and says how much of the run-time limits is used', async () => {
    const { url } = await serveMock({ limits: { journal: 50 } });
    await request(url).get('/v1/audit/events/e1').set('Authorization', 'Bearer t');
    await admin(url, 'post', '/scenarios', { body: SCENARIO, session: 's1' });
    const body = await waitFor('the request in the journal', async () => {
      const health = parse<Record<string, unknown>>((await admin(url, 'get', '/health')).text);
      return health['requests'] === 1 ? health : undefined;
    });
    expect(body['spec']).toEqual({ title: 'Audit Events API', version: '1.0.0' });
    expect(body['state']).toMatchObject({
      budgetBytes: 64 * 1024 * 1024,
      sessions: { used: 1, limit: 1000 },
      journal: { entries: 1, sessions: 0, limitPerSession: 50 },
    });
  });
});

describe('the Outcomes templates offer what a scenario step takes', () => {
  /** An `export const NAME = [...]` list of the page's scenario-templates.js, read as JSON. */
  const pageList = (name: string): unknown => {
    const source = readFileSync(`${DASHBOARD_DIR}/scenario-templates.js`, 'utf8');
    const list = new RegExp(`export const ${name} = (\\[[^\\]]*\\]);`).exec(source)?.[1];
    if (list === undefined) throw new Error(`scenario-templates.js has no list ${name}.`);
    return JSON.parse(list.replaceAll("'", '"'));
  };

  it('every forced status, and every fault, as the mock knows them', () => {
    expect(pageList('STATUSES')).toEqual([...FORCED_STATUSES]);
    expect(pageList('FAULTS')).toEqual([...FAULTS]);
  });
});
