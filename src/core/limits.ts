/** The longest delay a fixture, scenario step or preference may ask for. */
export const MAX_DELAY_MS = 600_000;
/** The longest request target (path and query) answered; longer ones get 414. */
export const MAX_URL_LENGTH = 8_192;
/** The most header bytes answered; more get 431. */
export const MAX_HEADER_BYTES = 16_384;
/** The deepest nesting of arrays and objects accepted from a request body or a fixture file. */
export const MAX_JSON_DEPTH = 256;

/** Limits that keep one slow or greedy client from holding the server. */
export const SERVER_LIMITS = {
  /** What the HTTP parser accepts at most; the server answers 431 from a smaller limit in JSON. */
  parserHeaderBytes: 65_536,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
} as const;
