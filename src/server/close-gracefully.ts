import type { Server } from 'node:http';
import { startDraining } from './create-http-server.js';

/**
 * How long an idle keep-alive connection is left open once closing starts: a client that was
 * about to send on it gets its answer (with `Connection: close`) instead of a closed socket.
 */
const IDLE_GRACE_MS = 250;
const SWEEP_EVERY_MS = 25;

/**
 * Closes a {@link createHttpServer} without losing a request: it stops accepting connections at
 * once; every answer from then on (those of requests in flight too) says `Connection: close`, so
 * clients open no new request on a closing connection; idle keep-alive connections close after a
 * short grace; requests still running after `gracePeriodMs` are cut off. Resolves once every
 * connection is closed.
 */
export function closeGracefully(server: Server, gracePeriodMs: number): Promise<void> {
  startDraining(server);
  return new Promise<void>((resolve, reject) => {
    let sweep: NodeJS.Timeout | undefined;
    const firstSweep = setTimeout(() => {
      server.closeIdleConnections();
      sweep = setInterval(() => server.closeIdleConnections(), SWEEP_EVERY_MS);
    }, IDLE_GRACE_MS);
    const deadline = setTimeout(() => server.closeAllConnections(), gracePeriodMs);
    server.once('close', () => {
      clearTimeout(firstSweep);
      clearInterval(sweep);
      clearTimeout(deadline);
    });
    // http.Server#close would also close every idle keep-alive connection at once, racing a
    // client that has just sent its next request on one (that request would be lost): it stops
    // listening here without that, and idle connections close after the grace above.
    const closeIdle = server.closeIdleConnections;
    server.closeIdleConnections = () => undefined;
    try {
      server.close((error) => (error ? reject(error) : resolve()));
    } finally {
      server.closeIdleConnections = closeIdle;
    }
  });
}
