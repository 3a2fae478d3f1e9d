import { request } from 'node:http';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export const HOST = '127.0.0.1';

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** One GET on 127.0.0.1 on a fresh connection; resolves with the status, or undefined on error. */
export function probe(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request(
      { host: HOST, port, path, headers, agent: false, timeout: 1_000 },
      (res) => {
        res.resume();
        resolve(res.statusCode);
      },
    );
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(undefined));
    req.end();
  });
}

/**
 * Polls every `intervalMs` until a GET answers 200; rejects when `gaveUp()` says so
 * (the process died) or after `timeoutMs`.
 */
export async function waitFor200(
  port: number,
  path: string,
  headers: Record<string, string>,
  gaveUp: () => string | undefined,
  { intervalMs = 5, timeoutMs = 60_000 } = {},
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if ((await probe(port, path, headers)) === 200) return;
    const reason = gaveUp();
    if (reason !== undefined) throw new Error(reason);
    if (performance.now() > deadline) throw new Error(`no 200 within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}
