import type { JournalEntry } from '../../src/state/journal.js';
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import request from 'supertest';

import { AUTH } from './credentials.js';

export { AUTH };
export const EVENTS = '/v1/audit/events';

export type Headers = Readonly<Record<string, string>>;

/** What supertest can send to: a mock's URL (see `serveMock`), or an app such as `await mockUrl()`'s. */
export type Target = Parameters<typeof request>[0];

/** `GET /v1/audit/events/{id}` with accepted credentials and any extra headers. */
export function getEvent(app: Target, id: string, headers: Headers = {}) {
  let req = request(app).get(`${EVENTS}/${id}`).set('Authorization', AUTH);
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  return req;
}

type Method = 'get' | 'put' | 'post' | 'delete';

/** A call to the admin API under `/__mock`, optionally in a session and with a JSON body. */
export function admin(
  app: Target,
  method: Method,
  path: string,
  options: { readonly session?: string; readonly body?: unknown; readonly headers?: Headers } = {},
) {
  let req = request(app)[method](`/__mock${path}`);
  if (options.session !== undefined) req = req.set('X-Mock-Session', options.session);
  for (const [name, value] of Object.entries(options.headers ?? {})) req = req.set(name, value);
  return options.body === undefined ? req : req.send(options.body as object);
}

/** A journal entry as `GET /__mock/requests` lists it. */
export type JournalView = JournalEntry;

/** A scenario as `GET /__mock/scenarios` lists it. */
export interface ScenarioView {
  readonly id: string;
  readonly name: string | null;
  readonly match: Record<string, string>;
  readonly session: string | null;
  readonly remaining: number;
  readonly steps: readonly {
    readonly status: number | null;
    readonly fixture: string | null;
    readonly delayMs: number | null;
    readonly fault: string | null;
    readonly times: number;
    readonly remaining: number;
  }[];
}

/** A `{"detail": [...]}` item of a 400 from the admin API. */
export interface DetailItem {
  readonly type: string;
  readonly loc: readonly (string | number)[];
  readonly msg: string;
}

export const parse = <T>(text: string): T => JSON.parse(text) as T;

/** The journal as a session (or the global state) sees it, with optional query filters. */
export async function journal(app: Target, session?: string, query = ''): Promise<JournalView[]> {
  const res = await admin(
    app,
    'get',
    `/requests${query}`,
    session === undefined ? {} : { session },
  );
  if (res.status !== 200)
    throw new Error(`GET /__mock/requests answered ${res.status}: ${res.text}`);
  return parse<JournalView[]>(res.text);
}

/** Posts a scenario and returns what the admin API answered. */
export async function addScenario(app: Target, body: unknown, session?: string) {
  const res = await admin(app, 'post', '/scenarios', {
    body,
    ...(session === undefined ? {} : { session }),
  });
  return { status: res.status, scenario: parse<ScenarioView>(res.text), text: res.text };
}

/** What a real client saw of one exchange over the wire. */
export type WireOutcome =
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly headers: IncomingHttpHeaders;
      readonly body: string;
      /** How many pieces the body arrived in. */
      readonly chunks: number;
      /** Milliseconds from sending the request to the status line. */
      readonly headersMs: number;
      /** Milliseconds from sending the request to the end of the body. */
      readonly endMs: number;
    }
  | {
      readonly kind: 'error';
      readonly code: string | undefined;
      readonly message: string;
      readonly afterMs: number;
    };

/** `GET` with node:http on a fresh connection (no agent), reporting the answer or the error. */
export function httpGet(url: string, headers: Headers = {}): Promise<WireOutcome> {
  const started = performance.now();
  const since = () => performance.now() - started;
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: 'GET', headers, agent: false }, (res) => {
      const headersMs = since();
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () =>
        resolve({
          kind: 'answer',
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(parts).toString('utf8'),
          chunks: parts.length,
          headersMs,
          endMs: since(),
        }),
      );
      res.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ kind: 'error', code: error.code, message: error.message, afterMs: since() }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ kind: 'error', code: error.code, message: error.message, afterMs: since() }),
    );
    req.end();
  });
}

/** What a raw TCP client got back for one request: the bytes, and how the connection ended. */
export interface RawExchange {
  readonly bytes: Buffer;
  /** `end`: the server closed cleanly (FIN); `error`: the socket failed (a reset, say). */
  readonly ended: 'end' | 'error';
  readonly code: string | undefined;
}

/** Sends one `GET` over a plain socket and reads until the server closes the connection. */
export function rawGet(port: number, path: string, headers: Headers = {}): Promise<RawExchange> {
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
    const parts: Buffer[] = [];
    let settled = false;
    const settle = (ended: 'end' | 'error', code: string | undefined) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({ bytes: Buffer.concat(parts), ended, code });
    };
    socket.on('data', (chunk: Buffer) => parts.push(chunk));
    socket.on('end', () => settle('end', undefined));
    socket.on('error', (error: NodeJS.ErrnoException) => settle('error', error.code));
  });
}
