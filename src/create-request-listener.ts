import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createApiHandler } from './create-api-handler.js';
import type { Mock } from './create-mock.js';
import { sendResponse } from './http/send-response.js';
import { unexpectedError } from './unexpected-error.js';

/** Serves what the mocked API passes on: the admin API (the Express app). */
export type AdminListener = (req: IncomingMessage, res: ServerResponse) => void;

/** The listener `startServer` puts on its socket, and a way to load the admin side early. */
export interface RequestListenerWithAdmin {
  readonly listener: RequestListener;
  /** Loads the admin side now, off the path of any request; a failure is logged. */
  warm(): void;
}

/**
 * The mocked API answered straight from `node:http` through the same handler as the Express app
 * (skipping Express's router on the hot path); the admin API through the Express app, loaded on
 * first use or by `warm()`, so that start-up does not wait for Express.
 */
export function createRequestListener(
  mock: Mock,
  loadAdmin: () => Promise<AdminListener>,
): RequestListenerWithAdmin {
  const handle = createApiHandler(mock);
  let admin: AdminListener | undefined;
  let loading: Promise<AdminListener> | undefined;
  // A failed load is forgotten, so the next admin request tries again.
  const load = () =>
    (loading ??= loadAdmin().then(
      (loaded) => {
        admin = loaded;
        return loaded;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));

  const fail = (req: IncomingMessage, res: ServerResponse, error: unknown) => {
    if (!res.headersSent) sendResponse(res, unexpectedError(mock, req.url ?? '/', error));
    else res.destroy();
  };
  const serveAdmin = (req: IncomingMessage, res: ServerResponse, listener: AdminListener) => {
    try {
      listener(req, res);
    } catch (error) {
      fail(req, res, error);
    }
  };

  return {
    listener: (req, res) => {
      try {
        if (handle(req, res)) return;
      } catch (error) {
        fail(req, res, error);
        return;
      }
      if (admin) serveAdmin(req, res, admin);
      else
        load().then(
          (loaded) => serveAdmin(req, res, loaded),
          (error: unknown) => fail(req, res, error),
        );
    },
    warm: () => {
      load().catch((error: unknown) =>
        mock.options.logger.error('cannot load the admin API; the next admin request retries', {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    },
  };
}
