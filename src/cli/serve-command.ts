import { parseArgs } from 'node:util';
import { describeAdminAccess } from '../admin/admin-access.js';
import { createLogger } from '../logging/create-logger.js';
import { DEFAULT_AUTH } from '../pipeline/auth-options.js';
import { parseLatency } from '../runtime/latency-model.js';
import type { RunningServer } from '../start-server.js';
import { startServer } from '../start-server.js';
import type { ServeSettings } from './serve-settings.js';
import {
  checkSettings,
  mergeSettings,
  readConfigFile,
  SettingsError,
  settingsFromEnv,
} from './serve-settings.js';

export const SERVE_USAGE = `Usage: audit-events-mock [serve] [options]

Serves GET /v1/audit/events/{event_id} from fixtures and deterministic generated events.

Options (flags > environment > --config file > defaults):
  --config <file>       JSON file of settings (keys as in the README)
  --port <n>            port to listen on (env PORT; default 4010; 0 picks a free port)
  --host <addr>         address to bind (env HOST; default 127.0.0.1)
  --seed <s>            seed of the generated data set (env SEED; default "audit-events-mock")
  --spec <file>         OpenAPI 3.1 JSON document (default: the bundled spec)
  --fixtures <dir>      folder with events/ and responses/ (default: the bundled fixtures)
  --watch               reload fixture files when they change (a broken edit keeps the last good set)
  --auth <mode>         bearer-or-api-key (default), bearer-only or none
  --accept-token <t>    accept only this token or API key (repeatable)
  --reject-token <t>    also reject this token or API key (repeatable; expired and invalid always are)
  --cors-origin <o>     allow only this browser origin (repeatable; default: any origin)
  --latency <l>         delay every answer: <ms>, uniform:<min>-<max> or lognormal:<median>,<sigma>
  --chaos <rate>        fail this share of requests at random (0 to 1), reproducibly for the seed
  --journal-size <n>    requests kept in the journal (default 1000)
  --admin-token <t>     require X-Mock-Admin-Token for /__mock (env MOCK_ADMIN_TOKEN); needed off loopback
  --admin-origin <o>    let this browser origin change state through /__mock (repeatable; default none)
  --no-admin            turn the admin API off
  --log-level <l>       fatal, error, warn, info (default), debug or silent (env LOG_LEVEL)
  --log-format <f>      pretty or json (default: pretty on a terminal, else json)
  -h, --help            show this help
`;

const OPTIONS = {
  config: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  spec: { type: 'string' },
  fixtures: { type: 'string' },
  watch: { type: 'boolean' },
  auth: { type: 'string' },
  'accept-token': { type: 'string', multiple: true },
  'reject-token': { type: 'string', multiple: true },
  'cors-origin': { type: 'string', multiple: true },
  latency: { type: 'string' },
  chaos: { type: 'string' },
  'journal-size': { type: 'string' },
  'admin-token': { type: 'string' },
  'admin-origin': { type: 'string', multiple: true },
  'no-admin': { type: 'boolean' },
  'log-level': { type: 'string' },
  'log-format': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function number(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new SettingsError(`--${flag} must be a number, got "${text}".`);
  return value;
}

/** Reads `serve`'s flags into settings; `undefined` for `--help`. Throws `TypeError` for an unknown flag. */
export function serveSettings(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): ServeSettings | undefined {
  const { values } = parseArgs({
    args: [...args],
    options: OPTIONS,
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return undefined;
  const flags = checkSettings(
    {
      port: number('port', values.port),
      host: values.host,
      seed: values.seed,
      spec: values.spec,
      fixtures: values.fixtures,
      watch: values.watch,
      auth: values.auth,
      acceptTokens: values['accept-token'],
      rejectTokens: values['reject-token'],
      corsOrigins: values['cors-origin'],
      latency: values.latency,
      chaos: number('chaos', values.chaos),
      journalSize: number('journal-size', values['journal-size']),
      adminToken: values['admin-token'],
      adminOrigins: values['admin-origin'],
      admin: values['no-admin'] ? false : undefined,
      logLevel: values['log-level'],
      logFormat: values['log-format'],
    },
    'flags',
  );
  const file = values.config === undefined ? {} : readConfigFile(values.config);
  return mergeSettings(file, settingsFromEnv(env), flags);
}

/** Starts the server for settings; prints where it listens and who may use the admin API. */
export async function serve(
  settings: ServeSettings,
  out: NodeJS.WritableStream,
): Promise<RunningServer> {
  if (!Number.isInteger(settings.port) || settings.port < 0 || settings.port > 65_535)
    throw new SettingsError(
      `The port must be a whole number from 0 to 65535, got ${settings.port}.`,
    );
  const log = createLogger({
    level: settings.logLevel,
    format: settings.logFormat ?? ((out as { isTTY?: boolean }).isTTY ? 'pretty' : 'json'),
    stream: out,
  });
  let latency;
  try {
    latency = settings.latency === undefined ? undefined : parseLatency(settings.latency);
  } catch (error) {
    throw new SettingsError(error instanceof Error ? error.message : String(error));
  }
  const server = await startServer({
    port: settings.port,
    host: settings.host,
    seed: settings.seed,
    ...(settings.spec === undefined ? {} : { spec: settings.spec }),
    ...(settings.fixtures === undefined ? {} : { fixtures: settings.fixtures }),
    auth: {
      mode: settings.auth,
      reject: [...DEFAULT_AUTH.reject, ...settings.rejectTokens],
      ...(settings.acceptTokens ? { accept: settings.acceptTokens } : {}),
    },
    cors: { origins: settings.corsOrigins ?? '*' },
    ...(latency ? { latency } : {}),
    chaos: settings.chaos,
    limits: { journal: settings.journalSize },
    ...(settings.adminToken === undefined ? {} : { adminToken: settings.adminToken }),
    noAdmin: !settings.admin,
    admin: { origins: settings.adminOrigins },
    watch: settings.watch,
    logger: {
      error: (message, fields) => log.error(fields ?? {}, message),
      info: (message, fields) => log.info(fields ?? {}, message),
      request: (entry) => log.info(entry, 'request'),
    },
  });
  const count = server.mock.files.events.size + server.mock.files.responses.size;
  out.write(
    `audit-events-mock listening on ${server.url} (${count} fixtures, seed "${settings.seed}")\n`,
  );
  out.write(`${describeAdminAccess(server.admin)}\n`);
  return server;
}
