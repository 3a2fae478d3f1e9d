import { fileURLToPath } from 'node:url';
import { BUNDLED_SPEC_PATH } from './contract/load-spec.js';
import type { AuthOptions } from './pipeline/auth-options.js';
import { DEFAULT_AUTH } from './pipeline/auth-options.js';
import type { CorsOptions } from './pipeline/cors.js';
import { DEFAULT_CORS } from './pipeline/cors.js';
import type { LatencyModel } from './runtime/latency-model.js';
import { NO_LATENCY } from './runtime/latency-model.js';
import type { RuntimeLimits } from './runtime/runtime-state.js';
import { DEFAULT_LIMITS } from './runtime/runtime-state.js';

/** Who may use the admin API under `/__mock`. */
export interface AdminOptions {
  /** @default true */
  readonly enabled: boolean;
  /**
   * When set, admin requests must carry `X-Mock-Admin-Token: <token>`.
   * @default undefined (open: right for in-process tests and loopback binds)
   */
  readonly token?: string;
  /**
   * Largest admin request body, in bytes.
   * @default 1_048_576
   */
  readonly bodyLimit: number;
  /**
   * Browser origins allowed to change state through the admin API; any other `Origin` gets 403,
   * so a web page a developer visits cannot reconfigure the mock.
   * @default []
   */
  readonly origins: readonly string[];
  /**
   * Refuse admin requests whose `Host` is not a loopback name or address (DNS rebinding).
   * @default false (`startServer` turns it on for loopback binds)
   */
  readonly loopbackOnly: boolean;
}

export const DEFAULT_ADMIN: AdminOptions = {
  enabled: true,
  bodyLimit: 1_048_576,
  origins: [],
  loopbackOnly: false,
};

/** The fixtures bundled with the package. */
export const BUNDLED_FIXTURES_DIR = fileURLToPath(new URL('../fixtures', import.meta.url));

/** The seed used when none is given: the same data set on every machine. */
export const DEFAULT_SEED = 'audit-events-mock';

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

/** Options of {@link createApp}. */
export interface MockOptions {
  /**
   * The OpenAPI 3.1 JSON document to serve and validate against.
   * @default the bundled `spec/openapi.json`
   */
  readonly spec?: string;
  /**
   * A folder whose `events/` holds one event fixture per `*.json` file.
   * @default the bundled `fixtures/`
   */
  readonly fixtures?: string;
  /**
   * Seed of the generated data set: the same seed and id always give the same event.
   * @default 'audit-events-mock'
   * @example createApp({ seed: 'ci-run-7' })
   */
  readonly seed?: string;
  /**
   * How credentials are checked; unset keys keep their defaults.
   * @default { mode: 'bearer-or-api-key', reject: ['expired', 'invalid'] }
   * @example createApp({ auth: { mode: 'bearer-only', accept: ['ci-token'] } })
   */
  readonly auth?: Partial<AuthOptions>;
  /**
   * Which browser origins may call the mocked API.
   * @default { origins: '*' }
   */
  readonly cors?: CorsOptions;
  /**
   * A delay added to every answer that sets none of its own.
   * @default { kind: 'none' }
   * @example createApp({ latency: { kind: 'lognormal', median: 80, sigma: 0.5 } })
   */
  readonly latency?: LatencyModel;
  /**
   * Share of requests (0 to 1) that fail at random (503, 500, 502, 504, 429 or a broken connection),
   * reproducibly for a seed. For demo environments.
   * @default 0
   */
  readonly chaos?: number;
  /** Bounds on run-time state (journal size, fixtures, scenarios, sessions). */
  readonly limits?: Partial<RuntimeLimits>;
  /** The admin API under `/__mock`. */
  readonly admin?: Partial<AdminOptions>;
  /** @default a logger writing to standard error */
  readonly logger?: MockLogger;
}

/** {@link MockOptions} with every default applied. */
export interface ResolvedOptions extends Required<Omit<MockOptions, 'auth' | 'limits' | 'admin'>> {
  readonly auth: AuthOptions;
  readonly limits: RuntimeLimits;
  readonly admin: AdminOptions;
}

const stderrLogger: MockLogger = {
  error: (message, fields) =>
    console.error(fields ? `${message} ${JSON.stringify(fields)}` : message),
};

export function resolveOptions(options: MockOptions = {}): ResolvedOptions {
  return {
    spec: options.spec ?? BUNDLED_SPEC_PATH,
    fixtures: options.fixtures ?? BUNDLED_FIXTURES_DIR,
    seed: options.seed ?? DEFAULT_SEED,
    auth: { ...DEFAULT_AUTH, ...options.auth },
    cors: options.cors ?? DEFAULT_CORS,
    latency: options.latency ?? NO_LATENCY,
    chaos: checkedRate(options.chaos ?? 0),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    admin: { ...DEFAULT_ADMIN, ...options.admin },
    logger: options.logger ?? stderrLogger,
  };
}

function checkedRate(rate: number): number {
  if (!(rate >= 0 && rate <= 1))
    throw new RangeError(`The chaos rate must be between 0 and 1, got ${rate}.`);
  return rate;
}
