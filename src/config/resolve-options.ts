import { isAbsolute, resolve } from 'node:path';
import { BUNDLED_SPEC_PATH, isSpecUrl } from '../contract/load-spec.js';
import { schemaChecks } from '../contract/compile-schemas.js';
import { packagePath } from '../core/package-root.js';
import type {
  AuthMode,
  DocsAssets,
  LatencyModel,
  LogFormat,
  LogLevel,
  MockConfig,
  MockLogger,
  MockOptions,
} from './mock-options.js';
import { OptionsError } from './options-error.js';

/** The fixtures bundled with the package. */
export const BUNDLED_FIXTURES_DIR = packagePath('fixtures');

/** Credentials every mode rejects with "Could not validate credentials", whatever else is set. */
export const ALWAYS_REJECTED = ['expired', 'invalid'] as const;

/** {@link MockOptions} with every default applied (from `schemas/options.schema.json`). */
export interface ResolvedOptions {
  readonly port: number;
  readonly host: string;
  readonly seed: string;
  /** An absolute path, or an http(s) URL. */
  readonly spec: string;
  readonly specTimeoutMs: number;
  /** FastAPI's built-in routes; `null` when turned off. */
  readonly openapiUrl: string | null;
  readonly docsUrl: string | null;
  readonly redocUrl: string | null;
  readonly oauth2RedirectUrl: string | null;
  readonly docsAssets: DocsAssets;
  /** Absolute paths of the fixture folders, in order (the bundled folder when none was given). */
  readonly fixtures: readonly string[];
  /** With folders of one's own: keep the bundled pinned answers beneath them. */
  readonly pinnedResponses: boolean;
  readonly watch: boolean;
  readonly auth: {
    readonly mode: AuthMode;
    readonly accept: readonly string[] | undefined;
    /** Includes {@link ALWAYS_REJECTED}. */
    readonly reject: readonly string[];
  };
  readonly cors: {
    readonly origins: '*' | readonly string[];
    readonly exposeHeaders: readonly string[];
    readonly allowCredentials: boolean;
  };
  readonly latency: LatencyModel;
  readonly chaos: number;
  readonly limits: {
    readonly stateBytes: number;
    readonly journal: number;
    readonly fixtures: number;
    readonly scenarios: number;
    readonly sessions: number;
  };
  readonly admin: {
    readonly enabled: boolean;
    readonly token: string | undefined;
    readonly origins: readonly string[];
    readonly bodyLimit: number;
  };
  readonly log: { readonly level: LogLevel; readonly format: LogFormat };
  readonly gracePeriodMs: number;
  /** The logger given, if any (the server builds the built-in one otherwise). */
  readonly logger: MockLogger | undefined;
}

type Filled = Required<MockConfig> & {
  auth: Required<NonNullable<MockConfig['auth']>>;
  cors: Required<NonNullable<MockConfig['cors']>>;
  limits: Required<NonNullable<MockConfig['limits']>>;
  admin: Required<NonNullable<MockConfig['admin']>>;
  log: Required<NonNullable<MockConfig['log']>>;
};

/**
 * Checks options against `schemas/options.schema.json` and fills in its defaults.
 * @throws OptionsError listing every option that is not valid, under `origin`
 */
export function resolveOptions(options: MockOptions = {}, origin = 'options'): ResolvedOptions {
  const { logger, ...config } = options;
  if (logger !== undefined && typeof logger.error !== 'function')
    throw new OptionsError(`${origin}: logger must have an error(message, fields) function.`);
  // The schema fills defaults in place: it works on a copy, never on the caller's object.
  const filled = structuredClone(config) as Filled;
  const violations = schemaChecks().options(filled);
  if (violations.length > 0) throw OptionsError.fromViolations(origin, violations);
  const { latency } = filled;
  if (latency.kind === 'uniform' && latency.min > latency.max)
    throw new OptionsError(
      `${origin}: latency.min (${latency.min}) is above latency.max (${latency.max}).`,
    );
  return {
    port: filled.port,
    host: filled.host,
    seed: filled.seed,
    spec: absolute(filled.spec) ?? BUNDLED_SPEC_PATH,
    specTimeoutMs: filled.specTimeoutMs,
    openapiUrl: filled.openapiUrl,
    docsUrl: filled.docsUrl,
    redocUrl: filled.redocUrl,
    oauth2RedirectUrl: filled.oauth2RedirectUrl,
    docsAssets: filled.docsAssets,
    fixtures: folders(filled.fixtures),
    pinnedResponses: filled.pinnedResponses,
    watch: filled.watch,
    auth: {
      mode: filled.auth.mode,
      accept: options.auth?.accept,
      reject: [...new Set([...ALWAYS_REJECTED, ...filled.auth.reject])],
    },
    cors: filled.cors,
    latency,
    chaos: filled.chaos,
    limits: filled.limits,
    admin: {
      enabled: filled.admin.enabled,
      token: options.admin?.token,
      origins: filled.admin.origins,
      bodyLimit: filled.admin.bodyLimit,
    },
    log: filled.log,
    gracePeriodMs: filled.gracePeriodMs,
    logger,
  };
}

function folders(fixtures: string | readonly string[] | undefined): readonly string[] {
  if (fixtures === undefined) return [BUNDLED_FIXTURES_DIR];
  return (typeof fixtures === 'string' ? [fixtures] : fixtures).map((path) =>
    isAbsolute(path) ? path : resolve(path),
  );
}

function absolute(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  return isAbsolute(path) || isSpecUrl(path) ? path : resolve(path);
}

/** The defaults of every option, as `schemas/options.schema.json` writes them. */
export function defaultOptions(): ResolvedOptions {
  return resolveOptions();
}
