import { createRequire } from 'node:module';
import type createExpress from 'express';
// Named apart from the global `Express` namespace of @types/express, for the bundled declarations.
import type { Express as ExpressApp } from 'express';
import type { MockOptions } from '../config/mock-options.js';
import { OptionsError } from '../config/options-error.js';
import { assembleMock } from './assemble-mock.js';

/** Options that only a listening server has. */
const SERVER_ONLY = ['port', 'host', 'watch', 'gracePeriodMs'] as const;

// Express loads when an app is made, not when the package is imported.
const require = createRequire(import.meta.url);

/**
 * The mock as an Express app, for mounting into an Express server of your own: it serves the
 * mocked API and the admin API through the same listener as `startServer`, so its answers are the
 * same bytes. It never listens (use `supertest(app)`, or `startServer()` for a socket). The admin
 * API is open unless `admin.token` is set or `admin.enabled` is false.
 * @throws OptionsError for an option only a server has (`port`, `host`, `watch`, `gracePeriodMs`)
 * @example app.use(createApp({ seed: 'ci', fixtures: './my-fixtures' }));
 */
export function createApp(options: MockOptions = {}): ExpressApp {
  const given = SERVER_ONLY.filter((key) => options[key] !== undefined);
  if (given.length > 0)
    throw new OptionsError(
      `createApp never listens, so ${given.join(', ')} ${given.length === 1 ? 'is an option' : 'are options'} of startServer only; leave ${given.length === 1 ? 'it' : 'them'} out.`,
    );
  const { listener } = assembleMock(options, () => undefined);
  const express = require('express') as typeof createExpress;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res) => listener(req, res));
  return app;
}
