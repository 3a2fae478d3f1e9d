import type { MockConfig } from '../generated/options.js';

export type {
  AdminOptions,
  AuthMode,
  AuthOptions,
  CorsOptions,
  DocsAssets,
  LatencyModel,
  LogFormat,
  LogLevel,
  LogOptions,
  MockConfig,
  RuntimeLimits,
} from '../generated/options.js';

/** One line per request of the mocked API. */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Where the answer came from: fixture, generated, forced, scenario, ... */
  readonly source: string;
  readonly latencyMs: number;
  readonly session: string | null;
  readonly fault: string | null;
}

/** Where the mock reports its own problems, and (when given `request`) every request. */
export interface MockLogger {
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info?(message: string, fields?: Readonly<Record<string, unknown>>): void;
  request?(entry: RequestLogEntry): void;
}

/**
 * The options of `startServer()` and `createApp()`: a config file's keys (see
 * `schemas/options.schema.json`, where every default is written), plus a logger of your own.
 * @example startServer({ port: 0, seed: 'ci', auth: { accept: ['ci-token'] }, log: { level: 'warn' } })
 */
export interface MockOptions extends MockConfig {
  /**
   * Receives the mock's log lines instead of the built-in logger (which writes to standard
   * error); `log.level` still filters what reaches it.
   * @default the built-in logger
   */
  readonly logger?: MockLogger;
}
