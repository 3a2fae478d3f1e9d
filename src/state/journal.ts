import type { AnswerSource } from '../core/answer.js';
import type { StateBudget } from './state-budget.js';

/** One request of the mocked API, as the consumer sent it and as the mock answered it. */
export interface JournalEntry {
  /** The request's number in order of arrival; pass it as `before` for the entries older than it. */
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

/** Filters of `GET /__mock/requests`: one session's entries (`null`: requests without one). */
export interface JournalQuery {
  readonly session: string | null;
  readonly eventId?: string;
  readonly status?: number;
  /** Only entries at or after this time (ms since the epoch). */
  readonly since?: number;
  /** Only entries that arrived before this one (its `seq`): the next page. */
  readonly before?: number;
  /** At most this many entries ({@link DEFAULT_PAGE_SIZE} when not given). */
  readonly limit?: number;
}

/** One page of entries, newest first, and the `before` of the next page when there is one. */
export interface JournalPage {
  readonly entries: JournalEntry[];
  readonly next: number | undefined;
}

/** What the journal holds now. */
export interface JournalStats {
  readonly entries: number;
  readonly bytes: number;
  readonly sessions: number;
  /** Entries not kept since start-up: the state budget or the session limit was full. */
  readonly dropped: number;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1_000;
/** A page stops once its entries' JSON is estimated past this (it always holds one). */
const PAGE_BYTES = 1024 * 1024;

/** About how long an entry is as JSON. */
function jsonBytes(entry: RecordedRequest): number {
  let bytes = 300 + entry.path.length + (entry.eventId?.length ?? 0);
  for (const [name, value] of Object.entries(entry.headers))
    bytes += name.length + (value?.length ?? 0) + 6;
  return bytes;
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

/** Estimated heap cost of a recorded request (strings at two bytes a character, generous overheads). */
export function entryBytes(entry: RecordedRequest): number {
  let bytes = 480 + 2 * (entry.path.length + (entry.eventId?.length ?? 0));
  for (const [name, value] of Object.entries(entry.headers))
    bytes += 80 + 2 * (name.length + (value?.length ?? 0));
  return bytes;
}

/** One session's entries, oldest first, with what each costs. */
class SessionLog {
  readonly entries: (RecordedRequest | undefined)[] = [];
  readonly costs: number[] = [];
  head = 0;
  bytes = 0;

  get size(): number {
    return this.entries.length - this.head;
  }

  push(entry: RecordedRequest, cost: number): void {
    this.entries.push(entry);
    this.costs.push(cost);
    this.bytes += cost;
  }

  /** Drops the oldest entry; returns what it cost. */
  shift(): number {
    const cost = this.costs[this.head] ?? 0;
    this.entries[this.head] = undefined;
    this.head += 1;
    this.bytes -= cost;
    // Compacting now and then keeps dropping the oldest O(1) on average.
    if (this.head >= 1_024 && this.head * 2 >= this.entries.length) {
      this.entries.splice(0, this.head);
      this.costs.splice(0, this.head);
      this.head = 0;
    }
    return cost;
  }

  *live(): Generator<RecordedRequest> {
    for (let index = this.head; index < this.entries.length; index += 1) {
      const entry = this.entries[index];
      if (entry !== undefined) yield entry;
    }
  }
}

/**
 * The request journal: a log per session (and one for requests without a session), each keeping
 * its newest `perSession` entries. A new entry only ever pushes out older entries of its own log,
 * so no amount of traffic from one client evicts another's. Entries take their size from the state
 * budget (the journal's half of it); when it is full, a log makes room by dropping its own oldest
 * entries, and an entry that finds no room is not kept (counted in {@link JournalStats.dropped}).
 */
export class Journal {
  readonly #logs = new Map<string | null, SessionLog>();
  #seq = 0;
  #dropped = 0;

  constructor(
    readonly perSession: number,
    readonly maxSessions: number,
    readonly budget: StateBudget,
  ) {
    if (!Number.isInteger(perSession) || perSession < 1)
      throw new RangeError(`Journal capacity must be a positive integer, got ${perSession}.`);
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

  /** Records a finished request (numbered by {@link reserve}) in its session's log. */
  record(entry: RecordedRequest): void {
    const cost = entryBytes(entry);
    const log = this.#logFor(entry.session);
    if (log === undefined) {
      this.#dropped += 1;
      return;
    }
    while (log.size >= this.perSession) this.budget.give('journal', log.shift());
    while (!this.budget.tryTake('journal', cost)) {
      if (log.size === 0) {
        this.#dropped += 1;
        this.#logs.delete(entry.session);
        return;
      }
      this.budget.give('journal', log.shift());
    }
    log.push(entry, cost);
  }

  #logFor(session: string | null): SessionLog | undefined {
    const existing = this.#logs.get(session);
    if (existing) return existing;
    const sessions = this.#logs.size - (this.#logs.has(null) ? 1 : 0);
    if (session !== null && sessions >= this.maxSessions) return undefined;
    const made = new SessionLog();
    this.#logs.set(session, made);
    return made;
  }

  /**
   * The newest `limit` entries of the sessions `inScope` accepts, newest arrival first (a live
   * stream starts with them).
   */
  recent(limit: number, inScope: (session: string | null) => boolean): JournalEntry[] {
    const held: RecordedRequest[] = [];
    for (const [session, log] of this.#logs) {
      if (!inScope(session)) continue;
      for (const entry of log.live()) held.push(entry);
    }
    held.sort((a, b) => b.seq - a.seq);
    return held
      .slice(0, limit)
      .map((entry) => ({ ...entry, headers: redactHeaders(entry.headers) }));
  }

  /** One page of a session's matching entries, newest arrival first. */
  query(query: JournalQuery): JournalPage {
    const log = this.#logs.get(query.session);
    if (!log) return { entries: [], next: undefined };
    const { eventId, status, since, before } = query;
    const matching: RecordedRequest[] = [];
    for (const entry of log.live()) {
      if (
        (eventId === undefined || entry.eventId === eventId) &&
        (status === undefined || entry.status === status) &&
        (before === undefined || entry.seq < before) &&
        (since === undefined || Date.parse(entry.time) >= since)
      )
        matching.push(entry);
    }
    matching.sort((a, b) => b.seq - a.seq);
    const limit = Math.min(query.limit ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const page: JournalEntry[] = [];
    let bytes = 0;
    for (const entry of matching) {
      if (page.length >= limit || (page.length > 0 && bytes >= PAGE_BYTES)) break;
      bytes += jsonBytes(entry);
      // Credentials are redacted on the way out, keeping the cost off the request path.
      page.push({ ...entry, headers: redactHeaders(entry.headers) });
    }
    const last = page.at(-1);
    return { entries: page, next: page.length < matching.length ? last?.seq : undefined };
  }

  /** Entries held now, in all logs. */
  get size(): number {
    let size = 0;
    for (const log of this.#logs.values()) size += log.size;
    return size;
  }

  stats(): JournalStats {
    let bytes = 0;
    for (const log of this.#logs.values()) bytes += log.bytes;
    return {
      entries: this.size,
      bytes,
      sessions: this.#logs.size - (this.#logs.has(null) ? 1 : 0),
      dropped: this.#dropped,
    };
  }

  /** Removes the entries of one session (`null`: of requests without one). */
  clear(session: string | null): void {
    const log = this.#logs.get(session);
    if (!log) return;
    this.budget.give('journal', log.bytes);
    this.#logs.delete(session);
  }

  /** Removes every entry of every session. */
  clearAll(): void {
    for (const session of [...this.#logs.keys()]) this.clear(session);
  }
}
