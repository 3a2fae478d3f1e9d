import { parseArgs } from 'node:util';
import { describeAdminAccess } from '../admin/admin-access.js';
import { createLogger } from '../logging/create-logger.js';
import { DEFAULT_AUTH } from '../pipeline/auth-options.js';
import { parseLatency } from '../runtime/latency-model.js';
import type { RunningServer } from '../start-server.js';
import { startServer } from '../start-server.js';
import { SERVE_USAGE } from './usage.js';

export { SERVE_USAGE };
import type { ServeSettings } from './serve-settings.js';
import {
  checkSettings,
  mergeSettings,
  readConfigFile,
  SettingsError,
  settingsFromEnv,
} from './serve-settings.js';

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

/** Flags whose names are not the kebab-case of their setting. */
const FLAG_NAMES: Readonly<Record<string, string>> = {
  acceptTokens: '--accept-token',
  rejectTokens: '--reject-token',
  corsOrigins: '--cors-origin',
  adminOrigins: '--admin-origin',
  admin: '--no-admin',
};

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
    (key) =>
      FLAG_NAMES[key] ?? `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
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
