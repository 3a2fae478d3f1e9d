import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { Mock } from './create-mock.js';
import { createMock } from './create-mock.js';
import type { MockOptions } from './mock-options.js';

/** Options of {@link startServer}: the mock's options plus where to listen. */
export interface ServerOptions extends MockOptions {
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
}

/** A listening mock. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:4010` */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly mock: Mock;
  /** Stops listening and closes every connection, idle or not. */
  close(): Promise<void>;
}

/** Raised when the server cannot listen (the port is taken, say). */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the mock on a socket.
 * @example const server = await startServer({ seed: 'ci' }); await fetch(`${server.url}/v1/audit/events/e1`); await server.close();
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const mock = createMock(options);
  const host = options.host ?? '127.0.0.1';
  const server = createServer(createApp(mock));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const port = options.port ?? 0;
      reject(
        error.code === 'EADDRINUSE'
          ? new ListenError(
              `Port ${port} on ${host} is already in use; stop the other process or pass --port <another port> (0 picks a free one).`,
            )
          : new ListenError(`Cannot listen on ${host}:${port}: ${error.message}`),
      );
    });
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    host,
    mock,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
