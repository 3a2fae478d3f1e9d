import type { AnswerSource } from '../core/answer.js';

/** One request of the mocked API, as the consumer sent it and as the mock answered it. */
export interface JournalEntry {
  readonly seq: number;
  /** ISO 8601 time the request arrived. */
  readonly time: string;
  readonly method: string;
  /** Path and query as sent. */
  readonly path: string;
  readonly eventId: string | null;
  readonly session: string | null;
  /** Request headers; credentials are redacted when entries are read. */
  readonly headers: Readonly<Record<string, string>>;
  readonly status: number;
  readonly source: AnswerSource;
  readonly scenario: string | null;
  readonly fault: string | null;
  /** `false` when the mock caught its own answer breaking the contract. */
  readonly valid: boolean;
  readonly latencyMs: number;
}

/** What is kept of a request: its headers as they came (redacted when read). */
export type RecordedRequest = Omit<JournalEntry, 'headers'> & {
  readonly headers: Readonly<Record<string, string | undefined>>;
};

/** Filters of `GET /__mock/requests`; all optional. */
export interface JournalQuery {
  readonly eventId?: string;
  readonly status?: number;
  readonly session?: string | null;
  /** Only entries at or after this time (ms since the epoch). */
  readonly since?: number;
  readonly limit?: number;
}

const REDACTED = new Set([
  'authorization',
  'x-api-key',
  'cookie',
  'x-mock-admin-token',
  'proxy-authorization',
]);

/** Copies headers, replacing credentials by `[redacted]` (keeping the bearer scheme visible). */
export function redactHeaders(
  headers: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (!REDACTED.has(name)) out[name] = value;
    else if (name === 'authorization' && /^bearer( |$)/i.test(value))
      out[name] = `${value.split(' ')[0] ?? ''} [redacted]`;
    else out[name] = '[redacted]';
  }
  return out;
}

/** A bounded ring buffer of requests: the oldest entry goes when a new one comes past capacity. */
export class Journal {
  readonly #entries: (RecordedRequest | undefined)[];
  #next = 0;
  #seq = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`Journal capacity must be a positive integer, got ${capacity}.`);
    this.#entries = new Array<RecordedRequest | undefined>(capacity);
  }

  /** Numbers a request when it arrives, so entries sort by arrival even when answers finish out of order. */
  reserve(): number {
    this.#seq += 1;
    return this.#seq;
  }

  /** How many requests of the mocked API have arrived since start-up (answered or not). */
  get arrived(): number {
    return this.#seq;
  }

  /** Records a finished request (numbered by {@link reserve}); the oldest entry goes past capacity. */
  record(entry: RecordedRequest): void {
    this.#entries[this.#next] = entry;
    this.#next = (this.#next + 1) % this.capacity;
  }

  /** Matching entries, newest arrival first. */
  query(query: JournalQuery = {}): JournalEntry[] {
    const out = this.#entries.filter(
      (entry): entry is RecordedRequest =>
        entry !== undefined &&
        (query.eventId === undefined || entry.eventId === query.eventId) &&
        (query.status === undefined || entry.status === query.status) &&
        (query.session === undefined || entry.session === query.session) &&
        (query.since === undefined || Date.parse(entry.time) >= query.since),
    );
    // Credentials are redacted on the way out, keeping the cost off the request path.
    return out
      .sort((a, b) => b.seq - a.seq)
      .slice(0, query.limit ?? this.capacity)
      .map((entry) => ({ ...entry, headers: redactHeaders(entry.headers) }));
  }

  /** The newest entries of every session, newest arrival first (a live stream starts with them). */
  recent(limit: number): JournalEntry[] {
    return this.query({ limit });
  }

  get size(): number {
    return this.#entries.filter((entry) => entry !== undefined).length;
  }

  /** Removes the entries of one session, or all of them. */
  clear(session?: string | null): void {
    const kept =
      session === undefined
        ? []
        : this.#entries
            .filter(
              (entry): entry is RecordedRequest => entry !== undefined && entry.session !== session,
            )
            .sort((a, b) => a.seq - b.seq);
    this.#entries.fill(undefined);
    this.#next = 0;
    for (const entry of kept) this.record(entry);
  }
}
