import { Agent } from 'node:http';
import { connect } from 'node:net';
import { describe, it } from 'vitest';
import { startMock } from '../src/library/start-server.js';
import { startCli } from './helpers/cli-process.js';
import type { HttpAnswer } from './helpers/http-get.js';
import { httpGet } from './helpers/http-get.js';
import { AUTH_HEADERS } from './helpers/credentials.js';
import { waitFor } from './helpers/wait-for.js';

/** Whether a new TCP connection to `port` on 127.0.0.1 is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Sends a request and waits until the server surely holds it (written, then a moment to read). */
/** How many requests of the mocked API the mock at `base` has received (its health says). */
async function arrivedAt(base: string): Promise<number> {
  const res = await fetch(`${base}/__mock/health`);
  return ((await res.json()) as { requests: number }).requests;
}

/**
 * Sends `GET url` and resolves once the mock has received it (`arrived` counts its requests), so
 * what the test does next happens while the request is in flight.
 */
async function inFlight(
  url: string,
  headers: Readonly<Record<string, string>>,
  arrived: () => Promise<number> | number,
) {
  const before = await arrived();
  const { answer } = httpGet(url, headers);
  let settledAt: number | undefined;
  const outcome = answer.then(
    (value: HttpAnswer) => {
      settledAt = Date.now();
      return value;
    },
    (error: unknown) => {
      settledAt = Date.now();
      return error instanceof Error ? error : new Error(String(error));
    },
  );
  await waitFor('the mock to receive the request', async () =>
    (await arrived()) > before ? true : undefined,
  );
  return { outcome, settled: () => settledAt };
}

describe.concurrent('the CLI on SIGTERM and SIGINT', () => {
  it('SIGTERM: stops accepting, lets the request in flight get its 200, then exits 0', async ({
    expect,
  }) => {
    const cli = await startCli(['--port', '0']);
    try {
      const request = await inFlight(
        `${cli.url}/v1/audit/events/evt_in_flight`,
        { ...AUTH_HEADERS, prefer: 'delay=1500' },
        () => arrivedAt(cli.url),
      );
      cli.signal('SIGTERM');
      await waitFor('new connections to be refused', async () =>
        (await refused(cli.port)) ? true : undefined,
      );
      expect(request.settled()).toBeUndefined();

      const answer = await request.outcome;
      expect(answer).not.toBeInstanceOf(Error);
      const { status, body, headers } = answer as HttpAnswer;
      expect(status).toBe(200);
      expect(headers['preference-applied']).toBe('delay=1500');
      expect(JSON.parse(body)).toMatchObject({ id: 'evt_in_flight' });
      expect(await cli.exited).toEqual({ code: 0, signal: null });
    } finally {
      await cli.stop('SIGKILL');
    }
  });

  it('SIGINT: the slow fixture evt_slow still answers 200 after 2 s, then the exit is 0', async ({
    expect,
  }) => {
    const cli = await startCli(['--port', '0']);
    try {
      const started = Date.now();
      const request = await inFlight(`${cli.url}/v1/audit/events/evt_slow`, AUTH_HEADERS, () =>
        arrivedAt(cli.url),
      );
      cli.signal('SIGINT');
      const answer = await request.outcome;
      expect(answer).not.toBeInstanceOf(Error);
      const { status, body } = answer as HttpAnswer;
      expect(status).toBe(200);
      expect(JSON.parse(body)).toMatchObject({ id: 'evt_slow' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
      expect(await cli.exited).toEqual({ code: 0, signal: null });
    } finally {
      await cli.stop('SIGKILL');
    }
  });

  it('does not wait for an idle keep-alive connection before exiting', async ({ expect }) => {
    const cli = await startCli(['--port', '0']);
    const agent = new Agent({ keepAlive: true });
    try {
      const { answer } = httpGet(`${cli.url}/v1/audit/events/e1`, AUTH_HEADERS, agent);
      expect((await answer).status).toBe(200);
      const signalled = Date.now();
      cli.signal('SIGTERM');
      expect(await cli.exited).toEqual({ code: 0, signal: null });
      // Node's server keeps an idle connection open 5 s (keepAliveTimeout), so a mock that waited
      // for it would take at least that; one that closes it at once exits well before, even on a
      // loaded machine.
      expect(Date.now() - signalled).toBeLessThan(4_500);
    } finally {
      agent.destroy();
      await cli.stop('SIGKILL');
    }
  });
});

describe.concurrent('RunningServer.close()', () => {
  it('refuses new connections at once and resolves after the request in flight is answered', async ({
    expect,
  }) => {
    const order: string[] = [];
    const { server, engine } = await startMock({
      port: 0,
      logger: { error: () => undefined, request: () => order.push('answered') },
    });
    const request = await inFlight(
      `${server.url}/v1/audit/events/e1`,
      { ...AUTH_HEADERS, prefer: 'delay=1000' },
      () => engine.state.journal.arrived,
    );
    const closing = server.close().then(() => order.push('closed'));
    expect(await refused(server.port)).toBe(true);
    await closing;
    // close() resolved only after the request in flight was answered (the mock logs an answer once
    // it is written).
    expect(order).toEqual(['answered', 'closed']);
    const answer = await request.outcome;
    expect(answer).not.toBeInstanceOf(Error);
    expect((answer as HttpAnswer).status).toBe(200);
  });

  it('ends a request still in flight after the grace period', async ({ expect }) => {
    const { server, engine } = await startMock({
      port: 0,
      gracePeriodMs: 200,
      log: { level: 'silent' },
    });
    const request = await inFlight(
      `${server.url}/v1/audit/events/e1`,
      { ...AUTH_HEADERS, prefer: 'delay=10000' },
      () => engine.state.journal.arrived,
    );
    await server.close();
    // Cut off, not answered: its answer was 10 s away, the grace period 200 ms.
    expect(await request.outcome).toBeInstanceOf(Error);
  });
});
