import { parseArgs } from 'node:util';
import { describeAdminAccess } from '../config/admin-access.js';
import { mergeOptions } from '../config/merge-options.js';
import type { MockOptions } from '../config/mock-options.js';
import { optionsFromEnv } from '../config/options-from-env.js';
import { readConfigFile } from '../config/read-config-file.js';
import { resolveOptions } from '../config/resolve-options.js';
import type { LogStream } from '../logging/create-logger.js';
import { createLogger, mockLogger } from '../logging/create-logger.js';
import type { RunningMock } from '../library/start-server.js';
import { startMock } from '../library/start-server.js';
import { optionsFromFlags, SERVE_FLAGS } from './serve-flags.js';

/**
 * Reads `serve`'s command line into options: flags > environment > `--config` file > the defaults
 * of `schemas/options.schema.json`. `undefined` for `--help`. Throws `TypeError` for an unknown flag
 * and `OptionsError` for a value that cannot be used.
 */
export function serveOptions(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): MockOptions | undefined {
  const { values } = parseArgs({
    args: [...args],
    options: SERVE_FLAGS,
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return undefined;
  const flags = optionsFromFlags(values);
  const file = values.config === undefined ? {} : readConfigFile(values.config);
  const options = mergeOptions(file, optionsFromEnv(env), flags);
  // Checked whole here, so a mistake is reported before anything starts.
  resolveOptions(
    options,
    values.config === undefined ? 'options' : `options (with ${values.config})`,
  );
  return options;
}

/**
 * Starts the server for options, logging to `out` (one line per request); then writes where it
 * listens and who may use the admin API: plain lines, or JSON lines when the log format is JSON.
 */
export async function serve(options: MockOptions, out: LogStream): Promise<RunningMock> {
  const resolved = resolveOptions(options);
  const log = createLogger(resolved.log, out);
  const running = await startMock({ ...options, logger: mockLogger(log) }, out);
  const { server, engine } = running;
  const fixtures = engine.files.events.size + engine.files.responses.size;
  const listening = `audit-events-mock listening on ${server.url} (${fixtures} fixtures, seed "${resolved.seed}")`;
  const admin = describeAdminAccess(server.admin);
  const { format } = resolved.log;
  // The banner is written whatever the level, in the log's format.
  if (format === 'json' || (format === 'auto' && out.isTTY !== true)) {
    const line = (msg: string, fields: Record<string, unknown>) =>
      `${JSON.stringify({ level: 30, time: Date.now(), ...fields, msg })}\n`;
    out.write(
      line(listening, { url: server.url, fixtures, seed: resolved.seed }) +
        line(admin, { admin: server.admin.mode }),
    );
  } else out.write(`${listening}\n${admin}\n`);
  return running;
}
