import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { serveOptions } from '../src/cli/serve-command.js';
import { OptionsError } from '../src/config/options-error.js';
import { resolveOptions } from '../src/config/resolve-options.js';
import { startMock } from '../src/library/start-server.js';
import { fastapiJson } from '../src/wire/fastapi-json.js';
import { mockUrl } from './helpers/serve-mock.js';
import { SPEC_FILE } from './helpers/paths.js';
import { tempDir } from './helpers/temp-dir.js';

const golden = JSON.parse(
  readFileSync(new URL('./golden/fastapi-docs-routes.json', import.meta.url), 'utf8'),
) as { cases: { name: string; response: { body: string } }[] };
const goldenBody = (name: string) =>
  golden.cases.find((found) => found.name === name)?.response.body;

describe("/openapi.json as FastAPI's JSONResponse encodes the spec", () => {
  it('serves the bundled spec byte for byte as the provider does (3429 bytes, compact)', async () => {
    const res = await request(await mockUrl()).get('/openapi.json');
    expect(res.text).toBe(goldenBody('spec'));
    expect(res.text).toHaveLength(3429);
  });

  it('keeps key order and number kinds where JSON.stringify would not', () => {
    expect(fastapiJson('{ "201": {"a": 1.0}, "200": {"b": 100, "c": 1e-5, "d": 2E16} }')).toBe(
      '{"201":{"a":1.0},"200":{"b":100,"c":1e-05,"d":2e+16}}',
    );
  });

  it('writes strings as Python does: UTF-8 raw, only quotes, backslashes and controls escaped', () => {
    expect(
      fastapiJson('\uFEFF{"t": "\\u00c9v\\u00e9nements \\/ \\u2713", "n": "a\\u0001\\n"}'),
    ).toBe('{"t":"Événements / ✓","n":"a\\u0001\\n"}');
  });

  it('serves a spec of your own, title and all, with its docs pages titled after it', async () => {
    const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8'));
    spec.info.title = 'Audit Événements';
    const file = `${tempDir({ 'openapi.json': JSON.stringify(spec, null, 4) })}/openapi.json`;
    const app = await mockUrl({ spec: file, fixtures: tempDir() });
    const res = await request(app).get('/openapi.json');
    expect(res.text).toBe(JSON.stringify(spec));
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
    expect((await request(app).get('/docs')).text).toContain(
      '<title>Audit Événements - Swagger UI</title>',
    );
    expect((await request(app).get('/redoc')).text).toContain(
      '<title>Audit Événements - ReDoc</title>',
    );
  });
});

describe('the built-in routes follow the provider configuration', () => {
  it('moves each route, and points the pages at the moved spec and redirect page', async () => {
    const app = await mockUrl({
      openapiUrl: '/api/openapi.json',
      docsUrl: '/api/docs',
      redocUrl: '/api/redoc',
      oauth2RedirectUrl: '/api/docs/oauth2-redirect',
    });
    expect((await request(app).get('/openapi.json')).status).toBe(404);
    expect((await request(app).get('/api/openapi.json')).status).toBe(200);
    const docs = (await request(app).get('/api/docs')).text;
    expect(docs).toContain("url: '/api/openapi.json',");
    expect(docs).toContain(
      "oauth2RedirectUrl: window.location.origin + '/api/docs/oauth2-redirect',",
    );
    expect((await request(app).get('/api/redoc')).text).toContain(
      '<redoc spec-url="/api/openapi.json">',
    );
    expect((await request(app).get('/api/docs/oauth2-redirect')).status).toBe(200);
  });

  it('leaves the redirect line out of Swagger UI without an OAuth2 redirect page, as FastAPI', async () => {
    const app = await mockUrl({ oauth2RedirectUrl: null });
    const docs = (await request(app).get('/docs')).text;
    expect(docs).not.toContain('oauth2RedirectUrl');
    expect(docs).toContain('"showCommonExtensions": true,\n\n    presets: [');
    expect((await request(app).get('/docs/oauth2-redirect')).status).toBe(404);
  });

  it('maps the flags onto the options, none turning a route off', () => {
    const options = serveOptions(
      [
        '--openapi-url',
        '/spec.json',
        '--docs-url',
        'none',
        '--redoc-url',
        '/r',
        '--oauth2-redirect-url',
        'none',
        '--docs-assets',
        'local',
        '--spec-timeout',
        '2500',
      ],
      {},
    );
    expect(options).toMatchObject({
      openapiUrl: '/spec.json',
      docsUrl: null,
      redocUrl: '/r',
      oauth2RedirectUrl: null,
      docsAssets: 'local',
      specTimeoutMs: 2500,
    });
    expect(resolveOptions().docsUrl).toBe('/docs');
  });

  it('refuses a route that is not a path, and an unknown assets mode', () => {
    expect(() => serveOptions(['--docs-url', 'docs'], {})).toThrow(/docsUrl/);
    expect(() => serveOptions(['--docs-assets', 'disk'], {})).toThrow(
      /docsAssets must be one of cdn, local/,
    );
  });

  it('gives a built-in route on a path the event route also matches to the built-in route, as FastAPI', async () => {
    const app = await mockUrl({ openapiUrl: '/v1/audit/events/openapi.json' });
    const res = await request(app).get('/v1/audit/events/openapi.json');
    expect(res.text).toBe(goldenBody('spec'));
    expect((await request(app).post('/v1/audit/events/openapi.json')).headers['allow']).toBe(
      'GET, HEAD',
    );
    expect(
      (await request(app).get('/v1/audit/events/e1').set('Authorization', 'Bearer t')).status,
    ).toBe(200);
  });

  it('answers the event route as before when a built-in route is turned off', async () => {
    const app = await mockUrl({ openapiUrl: null });
    expect((await request(app).get('/openapi.json')).text).toBe('{"detail":"Not Found"}');
    expect(
      (await request(app).get('/v1/audit/events/e1').set('Authorization', 'Bearer t')).status,
    ).toBe(200);
  });
});

describe('docs assets served from local packages (docsAssets: local)', () => {
  it('serves Swagger UI from swagger-ui-dist under /static/ and points the page there', async () => {
    const app = await mockUrl({ docsAssets: 'local', redocUrl: null });
    const docs = (await request(app).get('/docs')).text;
    expect(docs).toContain('<script src="/static/swagger-ui-bundle.js"></script>');
    expect(docs).toContain('href="/static/swagger-ui.css"');
    expect(docs).not.toContain('cdn.jsdelivr.net');
    const js = await request(app).get('/static/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.text).toContain('SwaggerUIBundle');
    expect((await request(app).get('/static/swagger-ui.css')).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
  });

  it('says which package to install when ReDoc is on but redoc is not installed', async () => {
    const start = startMock({ port: 0, docsAssets: 'local', log: { level: 'silent' } });
    await expect(start).rejects.toThrow(OptionsError);
    await expect(start).rejects.toThrow(
      /npm install redoc@2.*or turn the ReDoc page off with --redoc-url none/,
    );
  });
});
