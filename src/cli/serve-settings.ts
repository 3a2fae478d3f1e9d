import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { LogFormat, LogLevel } from '../logging/log-options.js';
import { LOG_FORMATS, LOG_LEVELS } from '../logging/log-options.js';
import { AUTH_MODES } from '../pipeline/auth-options.js';

/** Every setting of `serve`, as a config file, the environment and flags can give it. */
export interface ServeSettings {
  port: number;
  host: string;
  seed: string;
  spec: string | undefined;
  fixtures: string | undefined;
  auth: (typeof AUTH_MODES)[number];
  acceptTokens: string[] | undefined;
  rejectTokens: string[];
  corsOrigins: string[] | undefined;
  latency: string | undefined;
  chaos: number;
  journalSize: number;
  adminToken: string | undefined;
  adminOrigins: string[];
  admin: boolean;
  watch: boolean;
  logLevel: LogLevel;
  logFormat: LogFormat | undefined;
}

export const DEFAULT_SETTINGS: ServeSettings = {
  port: 4010,
  host: '127.0.0.1',
  seed: 'audit-events-mock',
  spec: undefined,
  fixtures: undefined,
  auth: 'bearer-or-api-key',
  acceptTokens: undefined,
  rejectTokens: [],
  corsOrigins: undefined,
  latency: undefined,
  chaos: 0,
  journalSize: 1000,
  adminToken: undefined,
  adminOrigins: [],
  admin: true,
  watch: false,
  logLevel: 'info',
  logFormat: undefined,
};

/** Raised for a setting that cannot be used; the CLI prints it on one line and exits 2. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

type Kind = 'number' | 'string' | 'strings' | 'boolean';
const KINDS: Record<keyof ServeSettings, Kind> = {
  port: 'number',
  host: 'string',
  seed: 'string',
  spec: 'string',
  fixtures: 'string',
  auth: 'string',
  acceptTokens: 'strings',
  rejectTokens: 'strings',
  corsOrigins: 'strings',
  latency: 'string',
  chaos: 'number',
  journalSize: 'number',
  adminToken: 'string',
  adminOrigins: 'strings',
  admin: 'boolean',
  watch: 'boolean',
  logLevel: 'string',
  logFormat: 'string',
};
const CHOICES: Partial<Record<keyof ServeSettings, readonly string[]>> = {
  auth: AUTH_MODES,
  logLevel: LOG_LEVELS,
  logFormat: LOG_FORMATS,
};

export const SETTING_KEYS = Object.keys(KINDS) as (keyof ServeSettings)[];

function isSettingKey(key: string): key is keyof ServeSettings {
  return Object.hasOwn(KINDS, key);
}

function coerce(key: keyof ServeSettings, value: unknown, origin: string, name: string): unknown {
  const kind = KINDS[key];
  const wrong = () =>
    new SettingsError(
      `${origin}: ${name} must be ${kind === 'strings' ? 'a list of strings' : `a ${kind}`}, got ${JSON.stringify(value)}.`,
    );
  if (kind === 'number' && (typeof value !== 'number' || !Number.isFinite(value))) throw wrong();
  if (kind === 'string' && typeof value !== 'string') throw wrong();
  if (kind === 'boolean' && typeof value !== 'boolean') throw wrong();
  if (
    kind === 'strings' &&
    (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
  )
    throw wrong();
  const choices = CHOICES[key];
  if (choices && !choices.includes(String(value)))
    throw new SettingsError(
      `${origin}: ${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}.`,
    );
  return value;
}

/** Checks settings from any source: known keys, right types, allowed values. */
export function checkSettings(
  values: Readonly<Record<string, unknown>>,
  origin: string,
  nameOf: (key: string) => string = (key) => `"${key}"`,
): Partial<ServeSettings> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (!isSettingKey(key))
      throw new SettingsError(
        `${origin}: unknown key "${key}"; the keys are ${SETTING_KEYS.join(', ')}.`,
      );
    out[key] = coerce(key, value, origin, nameOf(key));
  }
  return out as Partial<ServeSettings>;
}

/** Reads a JSON config file; an unknown key is an error that names it. */
export function readConfigFile(path: string): Partial<ServeSettings> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SettingsError(
      `Cannot read the config file ${path}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SettingsError(
      `The config file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SettingsError(`The config file ${path} must hold a JSON object of settings.`);
  const settings = checkSettings(value as Record<string, unknown>, path);
  // Paths in a config file are relative to the file, so it works from any working directory.
  for (const key of ['spec', 'fixtures'] as const) {
    const relative = settings[key];
    if (relative !== undefined) settings[key] = resolve(dirname(path), relative);
  }
  return settings;
}

/** Settings from the environment: PORT, HOST, SEED, MOCK_ADMIN_TOKEN, LOG_LEVEL. */
export function settingsFromEnv(env: NodeJS.ProcessEnv): Partial<ServeSettings> {
  const number = (name: string, text: string | undefined) => {
    if (text === undefined || text === '') return undefined;
    if (!/^\d+$/.test(text))
      throw new SettingsError(`${name} must be a whole number, got "${text}".`);
    return Number(text);
  };
  return checkSettings(
    {
      port: number('PORT', env['PORT']),
      host: env['HOST'] || undefined,
      seed: env['SEED'] || undefined,
      adminToken: env['MOCK_ADMIN_TOKEN'] || undefined,
      logLevel: env['LOG_LEVEL'] || undefined,
    },
    'environment',
  );
}

/** Flags > environment > config file > defaults. */
export function mergeSettings(...layers: readonly Partial<ServeSettings>[]): ServeSettings {
  return Object.assign({}, DEFAULT_SETTINGS, ...layers) as ServeSettings;
}
