/** The longest delay a fixture, scenario step or preference may ask for. */
export const MAX_DELAY_MS = 600_000;
/** The longest request target (path and query) answered; longer ones get 414. */
export const MAX_URL_LENGTH = 8_192;
/** The most header bytes answered; more get 431. */
export const MAX_HEADER_BYTES = 16_384;
/** The most header fields answered; more get 431 (Node is told to keep one more, so none is dropped uncounted). */
export const MAX_HEADER_COUNT = 100;
/** The largest spec, config or fixture file read. */
export const MAX_JSON_FILE_BYTES = 16 * 1024 * 1024;
/** The deepest nesting of arrays and objects accepted from a request body or a fixture file. */
export const MAX_JSON_DEPTH = 256;
/**
 * The most values (objects, arrays and their items) an admin request body may hold: parsing a
 * megabyte of `[{},{},...]` builds 340,000 objects and holds the server a quarter of a second,
 * while the largest scenario (100 steps with an event each) holds a few thousand.
 */
export const MAX_ADMIN_JSON_VALUES = 20_000;

/** Limits that keep one slow or greedy client from holding the server. */
export const SERVER_LIMITS = {
  /**
   * What the HTTP parser accepts at most (request line and headers); the server answers 414 and
   * 431 from the smaller limits above, and the parser's overflow in JSON too.
   */
  parserHeaderBytes: 32_768,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  /** How often Node checks the two timeouts above: they fire at most this late. */
  timeoutCheckMs: 500,
} as const;
