import type { AdminPolicy } from '../config/admin-access.js';
import { adminPolicy } from '../config/admin-access.js';
import type { MockOptions } from '../config/mock-options.js';
import type { ResolvedOptions } from '../config/resolve-options.js';
import { resolveOptions } from '../config/resolve-options.js';
import { OptionsError } from '../config/options-error.js';
import type { LoadedSpec } from '../contract/load-spec.js';
import { isSpecUrl } from '../contract/load-spec.js';
import { VERSION } from '../core/version.js';
import { createEngine } from '../engine/create-engine.js';
import type { Engine } from '../engine/engine.js';
import type { LogStream } from '../logging/create-logger.js';
import {
  createLogger,
  filteredLogger,
  mockLogger,
  withoutRequests,
} from '../logging/create-logger.js';
import type { MockRequestListener } from '../server/create-request-listener.js';
import { createRequestListener } from '../server/create-request-listener.js';

/** A mock put together: its engine, who may use its admin API, and the listener that serves both. */
export interface AssembledMock extends MockRequestListener {
  readonly options: ResolvedOptions;
  readonly engine: Engine;
  readonly admin: AdminPolicy;
}

/**
 * The one way a mock is put together, for `startServer`, `createApp` and the CLI alike: options
 * resolved (defaults from `schemas/options.schema.json`), the engine loaded, the admin policy
 * decided for the bind address (`undefined` for an app mounted elsewhere), and one request listener
 * that loads the admin API (Express) on first use. Without a `logger`, the mock's own messages go
 * to `logStream` at `log.level` in `log.format`, but not a line per request: a test suite's output
 * stays its own (the CLI passes a logger that writes them). The spec is read from its file, unless
 * `spec` holds it already loaded (`startServer` loads a URL first; assembling is synchronous).
 * @throws OptionsError when the spec option is a URL and no loaded spec is given
 */
export function assembleMock(
  options: MockOptions,
  bind: (resolved: ResolvedOptions) => string | undefined,
  logStream: LogStream = process.stderr,
  spec?: LoadedSpec,
): AssembledMock {
  const resolved = resolveOptions(options);
  if (spec === undefined && isSpecUrl(resolved.spec))
    throw new OptionsError(
      `spec ${resolved.spec} is a URL, which loads asynchronously: use startServer(), or save the provider's /openapi.json to a file and pass its path.`,
    );
  const logger = resolved.logger
    ? filteredLogger(resolved.logger, resolved.log.level)
    : withoutRequests(mockLogger(createLogger(resolved.log, logStream)));
  const engine = createEngine(resolved, logger, spec);
  const admin = adminPolicy(resolved.admin, bind(resolved));
  const loadAdmin =
    admin.access.mode === 'off'
      ? undefined
      : async () =>
          (await import('../admin/create-admin-app.js')).createAdminApp(engine, admin, VERSION);
  return { options: resolved, engine, admin, ...createRequestListener(engine, loadAdmin) };
}
