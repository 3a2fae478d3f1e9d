import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { afterAll } from 'vitest';
import { closeServer, listenLocal } from './hostile-http.js';
import { FIXTURES_DIR, SPEC_FILE } from './paths.js';

/** Ways the stand-in strays from the provider the mock imitates. */
export interface Deviations {
  /** Leave this field out of every event. */
  readonly missingField?: string;
  /** The body of the 401 for a token it rejects. */
  readonly rejectedBody?: string;
  /** `www-authenticate` of the 401 without credentials. */
  readonly wwwAuthenticate?: string;
  /** The spec served at /openapi.json instead of the bundled one. */
  readonly spec?: unknown;
}

/** A provider stand-in: its URL and every request it received. */
export interface StandIn {
  readonly url: string;
  readonly requests: { method: string; url: string }[];
}

/** The credentials the stand-in accepts, and the one event it holds. */
export const STAND_IN = { token: 'good-token', apiKey: 'good-key', eventId: 'evt_known' } as const;

const servers: Server[] = [];
afterAll(() => Promise.all(servers.splice(0).map((server) => closeServer(server))));

const JSON_TYPE = { 'content-type': 'application/json' };
const DOCS = new Set(['/docs', '/redoc', '/docs/oauth2-redirect']);
const EVENT = /^\/v1\/audit\/events\/([^/]+)$/;

function eventBody(deviations: Deviations): string {
  const event = JSON.parse(
    readFileSync(`${FIXTURES_DIR}/events/evt_login_failed.json`, 'utf8'),
  ) as Record<string, unknown>;
  event['id'] = STAND_IN.eventId;
  const kept = Object.entries(event).filter(([name]) => name !== deviations.missingField);
  return JSON.stringify(Object.fromEntries(kept));
}

/**
 * A FastAPI provider as a few lines of node:http, for the requests `verify` sends: the event route
 * with OAuth2PasswordBearer and an X-API-Key, FastAPI's built-in routes, 404, 405, the trailing-slash
 * 307 and Starlette's CORS, each with the provider's bytes, except where `deviations` say otherwise.
 */
export async function startStandIn(deviations: Deviations = {}): Promise<StandIn> {
  const requests: { method: string; url: string }[] = [];
  const spec = JSON.stringify(deviations.spec ?? JSON.parse(readFileSync(SPEC_FILE, 'utf8')));
  const answer = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: string,
  ) => {
    const cors = req.headers.origin === undefined ? {} : { 'access-control-allow-origin': '*' };
    res
      .writeHead(status, { ...headers, ...cors, 'content-length': String(Buffer.byteLength(body)) })
      .end(body);
  };
  const detail = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    text: string,
    headers: Record<string, string> = {},
  ) => answer(req, res, status, { ...headers, ...JSON_TYPE }, JSON.stringify({ detail: text }));
  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ method, url: req.url ?? '/' });
    if (
      method === 'OPTIONS' &&
      req.headers.origin !== undefined &&
      req.headers['access-control-request-method'] !== undefined
    ) {
      const requested = req.headers['access-control-request-headers'];
      res.writeHead(200, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT',
        'access-control-max-age': '600',
        ...(requested === undefined ? {} : { 'access-control-allow-headers': requested }),
        'content-type': 'text/plain; charset=utf-8',
      });
      res.end('OK');
      return;
    }
    if (path === '/openapi.json' || DOCS.has(path)) {
      if (method !== 'GET' && method !== 'HEAD')
        return detail(req, res, 405, 'Method Not Allowed', { allow: 'HEAD, GET' });
      if (path === '/openapi.json') return answer(req, res, 200, JSON_TYPE, spec);
      return answer(
        req,
        res,
        200,
        { 'content-type': 'text/html; charset=utf-8' },
        '<!DOCTYPE html><title>docs</title>',
      );
    }
    const id = EVENT.exec(path)?.[1];
    if (id === undefined) {
      const stripped = path.replace(/\/+$/, '');
      if (
        stripped !== path &&
        (EVENT.test(stripped) || stripped === '/openapi.json' || DOCS.has(stripped))
      )
        return answer(
          req,
          res,
          307,
          { location: `http://${req.headers.host ?? ''}${stripped}` },
          '',
        );
      return detail(req, res, 404, 'Not Found');
    }
    if (method !== 'GET') return detail(req, res, 405, 'Method Not Allowed', { allow: 'GET' });
    const authorization = req.headers.authorization;
    const space = authorization?.indexOf(' ') ?? -1;
    const bearer =
      authorization !== undefined &&
      (space === -1 ? authorization : authorization.slice(0, space)).toLowerCase() === 'bearer';
    const token =
      bearer && authorization !== undefined
        ? space === -1
          ? ''
          : authorization.slice(space + 1)
        : undefined;
    const key = req.headers['x-api-key'];
    const bearerHeader = { 'www-authenticate': 'Bearer' };
    if (token !== undefined && token !== STAND_IN.token) {
      if (deviations.rejectedBody !== undefined && token !== '')
        return answer(req, res, 401, { ...bearerHeader, ...JSON_TYPE }, deviations.rejectedBody);
      return detail(req, res, 401, 'Could not validate credentials', bearerHeader);
    }
    if (token === undefined && key !== STAND_IN.apiKey) {
      if (typeof key === 'string' && key !== '')
        return detail(req, res, 401, 'Could not validate credentials', bearerHeader);
      return detail(req, res, 401, 'Not authenticated', {
        'www-authenticate': deviations.wwwAuthenticate ?? 'Bearer',
      });
    }
    if (id !== STAND_IN.eventId) return detail(req, res, 404, 'Audit event not found');
    return answer(req, res, 200, JSON_TYPE, eventBody(deviations));
  });
  servers.push(server);
  return { url: `http://127.0.0.1:${await listenLocal(server)}`, requests };
}
