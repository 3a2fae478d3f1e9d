import type { AddressInfo } from 'node:net';
import type { AdminAccess } from '../config/admin-access.js';
import type { MockOptions } from '../config/mock-options.js';
import type { Engine } from '../engine/engine.js';
import type { LogStream } from '../logging/create-logger.js';
import { closeGracefully } from '../server/close-gracefully.js';
import { createHttpServer } from '../server/create-http-server.js';
import { ListenError } from '../server/listen-error.js';
import { watchFixtures } from '../server/watch-fixtures.js';
import { watchSpec } from '../server/watch-spec.js';
import { resolveOptions } from '../config/resolve-options.js';
import { isSpecUrl } from '../contract/load-spec.js';
import { loadSpecSource } from '../contract/load-spec-source.js';
import { assembleMock } from './assemble-mock.js';

/** A listening mock. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:4010` */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Who may use the admin API, as decided from the bind address and `admin` options. */
  readonly admin: AdminAccess;
  /**
   * Stops accepting connections, lets requests in flight finish (within `gracePeriodMs`), answering
   * them with `Connection: close`, then closes every socket.
   */
  close(): Promise<void>;
}

/** A running server and the engine behind it (for the CLI and the mock's own tests). */
export interface RunningMock {
  readonly server: RunningServer;
  readonly engine: Engine;
}

/** How long after listening the generator and the admin API are set up, off the path of the first requests. */
const WARM_AFTER_MS = 300;

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** {@link startServer}, also giving the engine; logs go to `logStream` (standard error by default). */
export async function startMock(
  options: MockOptions = {},
  logStream?: LogStream,
): Promise<RunningMock> {
  const { spec: source, specTimeoutMs } = resolveOptions(options);
  // A spec URL is loaded before anything is built: a provider that does not answer stops start-up.
  const spec = await loadSpecSource(source, specTimeoutMs);
  const assembled = assembleMock(options, (resolved) => resolved.host, logStream, spec);
  const { engine, options: resolved } = assembled;
  const { host, port: wanted, gracePeriodMs } = resolved;
  const server = createHttpServer(assembled.listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new ListenError(
              `Port ${wanted} on ${host} is already in use; stop the other process or pass --port <another port> (0 picks a free one).`,
            )
          : new ListenError(`Cannot listen on ${host}:${wanted}: ${error.message}`),
      );
    });
    server.listen(wanted, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const watching = resolved.watch
    ? [watchFixtures(engine), ...(isSpecUrl(resolved.spec) ? [] : [watchSpec(engine)])]
    : [];
  const stopWatching = () => watching.forEach((stop) => stop());
  // Once the first requests have been answered, load what generated events and the admin API need.
  const warming = setTimeout(() => {
    engine.generate.warm();
    assembled.warm();
  }, WARM_AFTER_MS).unref();
  let closing: Promise<void> | undefined;
  // Closing twice waits for the same close.
  const close = () => {
    clearTimeout(warming);
    stopWatching();
    // Live streams never go idle: end them, or closing would wait the whole grace period.
    engine.state.feed.close();
    closing ??= closeGracefully(server, gracePeriodMs);
    return closing;
  };
  return {
    engine,
    server: {
      url: `http://${urlHost(host)}:${port}`,
      port,
      host,
      admin: assembled.admin.access,
      close,
    },
  };
}

/**
 * Starts the mock on a socket (`port` 0 picks a free one; the default is 4010, as for the CLI).
 * Throws an `OptionsError`, `SpecError`, `FixtureLoadError` or `ListenError` when it cannot serve.
 * @example const server = await startServer({ port: 0, seed: 'ci' }); await fetch(`${server.url}/v1/audit/events/e1`); await server.close();
 */
export async function startServer(options: MockOptions = {}): Promise<RunningServer> {
  return (await startMock(options)).server;
}
