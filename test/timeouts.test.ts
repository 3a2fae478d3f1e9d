import { connect } from 'node:net';
import { describe, it } from 'vitest';
import { SERVER_LIMITS } from '../src/core/limits.js';
import { parseRawAnswers } from './helpers/hostile-http.js';
import { serveMock } from './helpers/serve-mock.js';

const mock = await serveMock();

/**
 * Opens a connection, writes `start`, then `drip` once a second until the server answers and
 * closes; resolves with the milliseconds from connecting to the close, and what came back.
 */
function slowClient(start: string, drip: string): Promise<{ afterMs: number; reply: Buffer }> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    const socket = connect(mock.server.port, '127.0.0.1');
    let opened = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      opened = performance.now();
      socket.write(start);
      timer = setInterval(() => socket.writable && socket.write(drip), 1_000);
    });
    socket.on('data', (chunk: Buffer) => parts.push(chunk));
    const done = () => {
      clearInterval(timer);
      resolve({ afterMs: performance.now() - opened, reply: Buffer.concat(parts) });
    };
    socket.on('close', done);
    socket.on('error', () => socket.destroy());
  });
}

describe.concurrent('slow clients are cut off on time', () => {
  it('answers 408 within a second of the 10 s header timeout to a client that never ends its headers', async ({
    expect,
  }) => {
    const { afterMs, reply } = await slowClient(
      'GET /v1/audit/events/e1 HTTP/1.1\r\nHost: 127.0.0.1\r\n',
      'X-Slow: 1\r\n',
    );
    expect(afterMs).toBeGreaterThanOrEqual(SERVER_LIMITS.headersTimeoutMs - 50);
    expect(afterMs).toBeLessThan(SERVER_LIMITS.headersTimeoutMs + 1_000);
    expect(parseRawAnswers(reply).map((answer) => answer.status)).toEqual([408]);
  }, 20_000);

  it('answers 408 within a second of the 30 s request timeout to a client that never ends its body', async ({
    expect,
  }) => {
    const { afterMs, reply } = await slowClient(
      'PUT /__mock/fixtures/slow HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
      ' ',
    );
    expect(afterMs).toBeGreaterThanOrEqual(SERVER_LIMITS.requestTimeoutMs - 50);
    expect(afterMs).toBeLessThan(SERVER_LIMITS.requestTimeoutMs + 1_000);
    expect(parseRawAnswers(reply).map((answer) => answer.status)).toEqual([408]);
  }, 45_000);
});
