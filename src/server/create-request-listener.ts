import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Engine } from '../engine/engine.js';
import { unexpectedError } from '../engine/unexpected-error.js';
import { originForm } from './origin-form.js';
import { checkRequestLimits } from './request-limits.js';
import { sendAnswer } from './send-answer.js';
import { serveApi } from './serve-api.js';

/** The prefix of the admin API. */
export const ADMIN_PREFIX = '/__mock';

/** Serves the admin API: the Express app the admin layer builds. */
export type AdminListener = (req: IncomingMessage, res: ServerResponse) => void;

/** The server's one request listener, and a way to load the admin side early. */
export interface MockRequestListener {
  readonly listener: RequestListener;
  /** Loads the admin side now, off the path of any request; a failure is logged. */
  warm(): void;
}

/** Whether the path is the admin API's (matched case-insensitively, as Express routes). */
export function isAdminPath(url: string): boolean {
  const prefix = url.slice(0, ADMIN_PREFIX.length + 1).toLowerCase();
  return prefix === ADMIN_PREFIX || prefix === `${ADMIN_PREFIX}/` || prefix === `${ADMIN_PREFIX}?`;
}

/**
 * The one listener that serves a mock: request limits first (400/414/431), an absolute-form
 * target read as its path, then the admin API (when `loadAdmin` is given), loaded on first use or
 * by `warm()` so that start-up does not wait for Express, and every other request through the
 * engine straight from `node:http`.
 */
export function createRequestListener(
  engine: Engine,
  loadAdmin: (() => Promise<AdminListener>) | undefined,
): MockRequestListener {
  let admin: AdminListener | undefined;
  let loading: Promise<AdminListener> | undefined;
  // A failed load is forgotten, so the next admin request tries again.
  const load = (loader: () => Promise<AdminListener>) =>
    (loading ??= loader().then(
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
    if (!res.headersSent) sendAnswer(res, unexpectedError(engine, req.url ?? '/', error));
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
      let url = req.url ?? '/';
      try {
        const over = checkRequestLimits(url, req.rawHeaders, req.httpVersion, req.headers.host);
        const absolute = over ? undefined : originForm(url);
        if (absolute) {
          // Routed by its path, with the host the target names, as if sent in origin-form.
          url = req.url = absolute.path;
          req.headers.host = absolute.authority;
        }
        if (over) sendAnswer(res, over);
        else if (loadAdmin === undefined || !isAdminPath(url)) serveApi(engine, req, res);
        else if (admin) serveAdmin(req, res, admin);
        else
          load(loadAdmin).then(
            (loaded) => serveAdmin(req, res, loaded),
            (error: unknown) => fail(req, res, error),
          );
      } catch (error) {
        fail(req, res, error);
      }
    },
    warm: () => {
      if (loadAdmin === undefined) return;
      load(loadAdmin).catch((error: unknown) =>
        engine.logger.error('cannot load the admin API; the next admin request retries', {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    },
  };
}
