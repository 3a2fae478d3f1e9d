import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { createProviderRoutes, LOCAL_ASSETS } from '../../src/engine/provider-routes.js';
import type { ProviderRoutes } from '../../src/engine/provider-routes.js';
import {
  createRouteMatcher,
  PROVIDER_ROUTE_ALLOW,
  routeRequest,
} from '../../src/engine/route-request.js';
import { specJson, specTitle } from '../../src/engine/spec-json.js';
import { readSpecFile } from '../../src/contract/load-spec.js';
import { testEngine } from '../helpers/engine.js';

const DEFAULTS = {
  openapiUrl: '/openapi.json',
  docsUrl: '/docs',
  redocUrl: '/redoc',
  oauth2RedirectUrl: '/docs/oauth2-redirect',
  docsAssets: 'cdn',
} as const;
const SPEC = { title: 'T', json: '{"openapi":"3.1.0"}' };
const ASSETS = {
  swaggerUiJs: Buffer.from('js'),
  swaggerUiCss: Buffer.from('css'),
  favicon: Buffer.from('png'),
  redocJs: Buffer.from('redoc'),
};
const text = (routes: ProviderRoutes, path: string) => routes.get(path)?.body.toString('utf8');

describe('FastAPI setup(): which built-in routes exist', () => {
  it.each([
    { given: {}, paths: ['/openapi.json', '/docs', '/docs/oauth2-redirect', '/redoc'] },
    { given: { openapiUrl: null }, paths: [] },
    { given: { docsUrl: null }, paths: ['/openapi.json', '/redoc'] },
    { given: { redocUrl: null }, paths: ['/openapi.json', '/docs', '/docs/oauth2-redirect'] },
    { given: { oauth2RedirectUrl: null }, paths: ['/openapi.json', '/docs', '/redoc'] },
    {
      given: { docsUrl: '/openapi.json' },
      paths: ['/openapi.json', '/docs/oauth2-redirect', '/redoc'],
    },
  ])('$given → $paths', ({ given, paths }) => {
    expect([...createProviderRoutes(SPEC, { ...DEFAULTS, ...given }, undefined).keys()]).toEqual(
      paths,
    );
  });

  it('answers 200 with the spec as JSON and the pages as UTF-8 HTML, titled after the spec', () => {
    const routes = createProviderRoutes(SPEC, DEFAULTS, undefined);
    const spec = routes.get('/openapi.json');
    expect(spec).toMatchObject({
      status: 200,
      headers: { 'content-type': 'application/json' },
      source: 'provider-route',
    });
    expect(text(routes, '/openapi.json')).toBe(SPEC.json);
    for (const path of ['/docs', '/docs/oauth2-redirect', '/redoc'])
      expect(routes.get(path)?.headers).toEqual({ 'content-type': 'text/html; charset=utf-8' });
    expect(text(routes, '/docs')).toContain('<title>T - Swagger UI</title>');
    expect(text(routes, '/docs')).toContain(
      'https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js',
    );
    expect(text(routes, '/redoc')).toContain('<title>T - ReDoc</title>');
    expect(text(routes, '/redoc')).toContain('fonts.googleapis.com');
  });

  it('serves local assets under /static/ and points the pages at them', () => {
    const routes = createProviderRoutes(SPEC, { ...DEFAULTS, docsAssets: 'local' }, ASSETS);
    expect(text(routes, LOCAL_ASSETS.swaggerUiJs)).toBe('js');
    expect(routes.get(LOCAL_ASSETS.swaggerUiCss)?.headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect(routes.get(LOCAL_ASSETS.favicon)?.headers['content-type']).toBe('image/png');
    expect(text(routes, LOCAL_ASSETS.redocJs)).toBe('redoc');
    expect(text(routes, '/docs')).toContain(`<script src="${LOCAL_ASSETS.swaggerUiJs}"></script>`);
    expect(text(routes, '/redoc')).toContain(`<script src="${LOCAL_ASSETS.redocJs}"> </script>`);
    expect(text(routes, '/redoc')).not.toContain('fonts.googleapis.com');
    const withoutRedoc = createProviderRoutes(
      SPEC,
      { ...DEFAULTS, redocUrl: null },
      { ...ASSETS, redocJs: undefined },
    );
    expect(withoutRedoc.has(LOCAL_ASSETS.redocJs)).toBe(false);
  });

  it('reads the title and the FastAPI encoding of a loaded spec', () => {
    const loaded = readSpecFile();
    expect(specTitle(loaded.document)).toBe('Audit Events API');
    expect(specJson(loaded)).toBe(JSON.stringify(JSON.parse(loaded.text)));
    expect(specTitle({ ...loaded.document, info: undefined })).toBe('');
  });
});

describe('routing with the built-in routes', () => {
  const match = createRouteMatcher('/v1/audit/events/{event_id}');
  const page: Answer = {
    status: 200,
    headers: {},
    body: Buffer.alloc(0),
    source: 'provider-route',
  };
  const routes: ProviderRoutes = new Map([
    ['/docs', page],
    ['/v1/audit/events/openapi.json', page],
  ]);
  it.each([
    ['GET', '/docs', { kind: 'provider-route', answer: page }],
    ['HEAD', '/docs?x=1', { kind: 'provider-route', answer: page }],
    ['POST', '/docs', { kind: 'method-not-allowed', allow: PROVIDER_ROUTE_ALLOW }],
    ['OPTIONS', '/docs', { kind: 'method-not-allowed', allow: 'GET, HEAD' }],
    ['GET', '/docs/', { kind: 'redirect', location: 'http://h/docs' }],
    ['DELETE', '/docs//?a=1', { kind: 'redirect', location: 'http://h/docs?a=1' }],
    ['GET', '/v1/audit/events/openapi.json', { kind: 'provider-route', answer: page }],
    ['GET', '/v1/audit/events/e1', { kind: 'event', eventId: 'e1' }],
    ['HEAD', '/v1/audit/events/e1', { kind: 'method-not-allowed', allow: 'GET' }],
    ['GET', '/docs/x', { kind: 'not-found' }],
  ])('%s %s', (method, target, route) => {
    expect(routeRequest(method, target, 'h', match, routes)).toEqual(route);
  });

  it('routes as before without built-in routes', () => {
    expect(routeRequest('GET', '/docs', 'h', match)).toEqual({ kind: 'not-found' });
    expect(routeRequest('GET', '/docs', 'h', match, new Map())).toEqual({ kind: 'not-found' });
  });
});

describe('the engine answers the built-in routes before authentication', () => {
  it('needs no credentials and adds CORS', () => {
    const engine = testEngine();
    const { answer } = engine.handle({
      method: 'GET',
      target: '/openapi.json',
      headers: { host: 'h', origin: 'http://o' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(
      engine.handle({ method: 'PUT', target: '/redoc', headers: { host: 'h' } }).answer,
    ).toMatchObject({
      status: 405,
      headers: { allow: 'GET, HEAD' },
    });
  });
});
