import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from './helpers/engine.js';
import {
  type AdminListener,
  createRequestListener,
} from '../src/server/create-request-listener.js';
import { startServer } from '../src/library/start-server.js';
import { closeServer, listenLocal } from './helpers/hostile-http.js';
import { httpGet } from './helpers/http-get.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { waitFor } from './helpers/wait-for.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => closeServer(server)));
});

/** A listener whose admin side comes from `admin`, through a loader that counts its calls. */
async function serve(admin: () => Promise<AdminListener>) {
  let loads = 0;
  const errors: string[] = [];
  const logger = { ...silent, error: (message: string) => errors.push(message) };
  const { listener, warm } = createRequestListener(testEngine({ logger }), () => {
    loads += 1;
    return admin();
  });
  const server = createServer(listener);
  let received = 0;
  server.on('request', () => (received += 1));
  servers.push(server);
  const port = await listenLocal(server);
  return {
    base: `http://127.0.0.1:${port}`,
    loads: () => loads,
    received: () => received,
    errors,
    warm,
  };
}

const adminAnswer: AdminListener = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"admin":true}');
};

describe('createRequestListener: the admin side loads on demand', () => {
  it('answers the mocked API without loading the admin side', async () => {
    const mock = await serve(() => Promise.resolve(adminAnswer));
    const { answer } = httpGet(`${mock.base}/v1/audit/events/evt_all_fields_set`, AUTH_HEADERS);
    expect((await answer).status).toBe(200);
    const { answer: unknown } = httpGet(`${mock.base}/nowhere`, AUTH_HEADERS);
    expect((await unknown).status).toBe(404);
    expect(mock.loads()).toBe(0);
  });

  it('loads it once for admin requests that arrive together, and serves each of them', async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const mock = await serve(async () => {
      await gate;
      return adminAnswer;
    });
    const answers = [1, 2, 3].map(() => httpGet(`${mock.base}/__mock/health`).answer);
    await waitFor('three admin requests', () => (mock.received() === 3 ? true : undefined));
    expect(mock.loads()).toBe(1);
    open();
    for (const answer of await Promise.all(answers)) {
      expect(answer.status).toBe(200);
      expect(answer.body).toBe('{"admin":true}');
    }
    expect(mock.loads()).toBe(1);
  });

  it('warm() loads it before any admin request', async () => {
    const mock = await serve(() => Promise.resolve(adminAnswer));
    mock.warm();
    mock.warm();
    expect(mock.loads()).toBe(1);
    expect((await httpGet(`${mock.base}/__mock/health`).answer).status).toBe(200);
    expect(mock.loads()).toBe(1);
  });

  it('answers a JSON 500 without a stack when the admin side cannot load', async () => {
    const mock = await serve(() => Promise.reject(new Error('module not found')));
    mock.warm();
    const answer = await httpGet(`${mock.base}/__mock/health`).answer;
    expect(answer.status).toBe(500);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(answer.body) as { detail: string };
    expect(body.detail).toMatch(/module not found/);
    expect(body.detail).not.toMatch(/\n\s+at |:\d+:\d+\)/);
    expect(mock.errors).toContain('cannot load the admin API; the next admin request retries');
    const api = await httpGet(`${mock.base}/v1/audit/events/evt_all_fields_set`, AUTH_HEADERS)
      .answer;
    expect(api.status).toBe(200);
  });

  it('tries to load it again after a failure', async () => {
    let attempts = 0;
    const mock = await serve(() =>
      (attempts += 1) === 1
        ? Promise.reject(new Error('disk hiccup'))
        : Promise.resolve(adminAnswer),
    );
    expect((await httpGet(`${mock.base}/__mock/health`).answer).status).toBe(500);
    expect((await httpGet(`${mock.base}/__mock/health`).answer).status).toBe(200);
    expect((await httpGet(`${mock.base}/__mock/health`).answer).status).toBe(200);
    expect(mock.loads()).toBe(2);
  });

  it('answers a JSON 500 when the admin side throws', async () => {
    const mock = await serve(() =>
      Promise.resolve(() => {
        throw new Error('admin broke');
      }),
    );
    const answer = await httpGet(`${mock.base}/__mock/health`).answer;
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toEqual({
      detail: expect.stringMatching(/admin broke/) as unknown,
    });
  });
});

describe('startServer: the admin API right after start-up', () => {
  it('serves the first admin request before the admin side was warmed', async () => {
    const server = await startServer({ logger: silent });
    try {
      const answer = await httpGet(`${server.url}/__mock/health`).answer;
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 'ok' });
    } finally {
      await server.close();
    }
  });
});
