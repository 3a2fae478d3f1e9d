import type { AddressInfo } from 'node:net';
import { createRequestListener } from './create-request-listener.js';
import { ListenError } from './listen-error.js';

export { ListenError };
import { createHttpServer } from './http/create-http-server.js';
import type { Mock } from './create-mock.js';
import { createMock } from './create-mock.js';
import type { AdminAccess } from './admin/admin-access.js';
import { decideAdminAccess, isLoopback } from './admin/admin-access.js';
import type { MockOptions } from './mock-options.js';
import { watchFixtures } from './runtime/watch-fixtures.js';

/** Options of {@link startServer}: the mock's options plus where to listen. */
export interface ServerOptions extends MockOptions {
  /** @default 0 (a free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /**
   * The admin token; required on any bind when set, and needed for the admin API on a
   * non-loopback bind (without one it is off there).
   */
  readonly adminToken?: string;
  /** Turns the admin API off. @default false */
  readonly noAdmin?: boolean;
  /** Reloads fixture files when they change. @default false */
  readonly watch?: boolean;
  /** On close, how long in-flight requests may take to finish. @default 5000 */
  readonly gracePeriodMs?: number;
}

/** A listening mock. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:4010` */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly mock: Mock;
  /** Who may use the admin API, as decided from the bind address and token. */
  readonly admin: AdminAccess;
  /**
   * Stops accepting connections, lets requests in flight finish (within the grace period), then
   * closes every socket.
   */
  close(): Promise<void>;
}

/** How long after listening the generator and the admin API are set up, off the path of the first requests. */
const WARM_AFTER_MS = 300;

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the mock on a socket.
 * @example const server = await startServer({ seed: 'ci' }); await fetch(`${server.url}/v1/audit/events/e1`); await server.close();
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const admin = decideAdminAccess(host, options.adminToken, options.noAdmin ?? false);
  const mock = createMock({
    ...options,
    admin: {
      ...options.admin,
      enabled: admin.mode !== 'off',
      loopbackOnly: isLoopback(host),
      ...(admin.mode === 'token' ? { token: admin.token } : {}),
    },
  });
  // Express (about a hundred modules) serves only the admin API: it loads after start-up.
  const { listener, warm } = createRequestListener(mock, async () => {
    const { createApp } = await import('./app.js');
    return createApp(mock);
  });
  const server = createHttpServer(listener);
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
  const stopWatching = options.watch ? watchFixtures(mock) : () => undefined;
  // Once the first requests have been answered, load what generated events and the admin API need.
  const warming = setTimeout(() => {
    mock.generate.warm();
    if (mock.options.admin.enabled) warm();
  }, WARM_AFTER_MS).unref();
  return {
    url: `http://${urlHost(host)}:${port}`,
    port,
    host,
    mock,
    admin,
    close: () => {
      clearTimeout(warming);
      stopWatching();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets go as soon as they are idle; busy ones get the grace period.
        const sweep = setInterval(() => server.closeIdleConnections(), 25);
        const deadline = setTimeout(
          () => server.closeAllConnections(),
          options.gracePeriodMs ?? 5_000,
        );
        server.once('close', () => {
          clearInterval(sweep);
          clearTimeout(deadline);
        });
        server.closeIdleConnections();
      });
    },
  };
}
