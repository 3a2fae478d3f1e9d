import { fileURLToPath } from 'node:url';
import { BUNDLED_SPEC_PATH } from './contract/load-spec.js';
import type { AuthOptions } from './pipeline/auth-options.js';
import { DEFAULT_AUTH } from './pipeline/auth-options.js';
import type { CorsOptions } from './pipeline/cors.js';
import { DEFAULT_CORS } from './pipeline/cors.js';

/** The fixtures bundled with the package. */
export const BUNDLED_FIXTURES_DIR = fileURLToPath(new URL('../fixtures', import.meta.url));

/** The seed used when none is given: the same data set on every machine. */
export const DEFAULT_SEED = 'audit-events-mock';

/** Where the mock reports its own problems (a response that broke the contract, say). */
export interface MockLogger {
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
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
  /** @default a logger writing to standard error */
  readonly logger?: MockLogger;
}

/** {@link MockOptions} with every default applied. */
export interface ResolvedOptions extends Required<Omit<MockOptions, 'auth'>> {
  readonly auth: AuthOptions;
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
    logger: options.logger ?? stderrLogger,
  };
}
