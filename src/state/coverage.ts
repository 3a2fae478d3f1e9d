import type { StateBudget } from './state-budget.js';

/** The first request that met an outcome, kept short. */
export interface CoverageExample {
  readonly method: string;
  /** Path and query as sent, cut at {@link EXAMPLE_PATH_LENGTH} characters. */
  readonly path: string;
  readonly status: number;
  readonly session: string | null;
  /** ISO 8601 time the request arrived. */
  readonly time: string;
}

/** What one scope (a session, or every request) has met: a count and a first example per outcome. */
export interface CoverageTally {
  readonly requests: number;
  /** By outcome index. */
  readonly counts: readonly number[];
  readonly examples: readonly (CoverageExample | undefined)[];
}

/** The longest path kept in an example. */
export const EXAMPLE_PATH_LENGTH = 256;

// Rough sizes for the run-time state budget: a slot, an example object, a tally.
const SLOT_BYTES = 16;
const EXAMPLE_BYTES = 96;
const TALLY_BYTES = 160;

/** What an example costs on the heap (strings at two bytes a character). */
function exampleBytes(example: CoverageExample): number {
  return (
    EXAMPLE_BYTES +
    2 * (example.method.length + example.path.length + (example.session?.length ?? 0)) +
    2 * example.time.length
  );
}

/** What a session's tally of `size` outcomes costs, without its examples (its key included). */
function tallyBytes(size: number, session: string): number {
  return TALLY_BYTES + size * SLOT_BYTES + 2 * session.length;
}

class Tally {
  requests = 0;
  readonly counts: Float64Array;
  readonly examples: (CoverageExample | undefined)[];
  /** Distinct example objects held (one request may be the example of many outcomes). */
  readonly held = new Set<CoverageExample>();
  /** Bytes its examples took from the budget. */
  exampleBytes = 0;

  constructor(size: number) {
    this.counts = new Float64Array(size);
    this.examples = new Array<CoverageExample | undefined>(size).fill(undefined);
  }

  /**
   * Counts one request; keeps it as the example of the outcomes it is the first to meet if `room`
   * finds the bytes (a count is never lost, an example may be).
   */
  add(
    outcomes: readonly number[],
    example: () => CoverageExample,
    room: (bytes: number) => boolean,
  ): void {
    this.requests += 1;
    let made: CoverageExample | undefined;
    let kept = false;
    for (const index of outcomes) {
      this.counts[index] = (this.counts[index] ?? 0) + 1;
      if (this.examples[index] !== undefined) continue;
      if (made === undefined) {
        made = example();
        const bytes = exampleBytes(made);
        kept = room(bytes);
        if (kept) this.exampleBytes += bytes;
      }
      if (!kept) continue;
      this.examples[index] = made;
      this.held.add(made);
    }
  }

  /** The same tally for another list of outcome ids: counts and examples follow their ids. */
  moveTo(from: readonly string[], to: ReadonlyMap<string, number>): Tally {
    const moved = new Tally(to.size);
    moved.requests = this.requests;
    from.forEach((id, index) => {
      const target = to.get(id);
      if (target === undefined) return;
      moved.counts[target] = this.counts[index] ?? 0;
      const example = this.examples[index];
      moved.examples[target] = example;
      if (example) moved.held.add(example);
    });
    for (const example of moved.held) moved.exampleBytes += exampleBytes(example);
    return moved;
  }

  view(): CoverageTally {
    return { requests: this.requests, counts: [...this.counts], examples: [...this.examples] };
  }
}

/**
 * Counts, for every request of the mocked API, the outcomes it met: overall and per session
 * (`X-Mock-Session`), with the first request that met each. Apart from the request journal, so
 * nothing is lost however many requests come: memory is one counter and one example slot per
 * outcome per session. Sessions' tallies and every example take their bytes from the coverage part
 * of the state budget; the overall counters (16 bytes an outcome) are always kept. At most
 * `maxSessions` sessions are kept apart, within the budget: past either, the oldest session's own
 * tally goes (the overall one keeps every count) and {@link evictedSessions} says so; an example
 * that finds no room even then is not kept, its count is.
 */
export class Coverage {
  #overall: Tally | undefined;
  #ids: readonly string[] = [];
  readonly #sessions = new Map<string, Tally>();
  #evicted = 0;

  constructor(
    readonly maxSessions: number,
    readonly budget: StateBudget,
  ) {}

  /**
   * Counts one request: `outcomes` are indices into `ids`, the outcome ids of the catalog in use;
   * `example` is called only when the request is the first to meet one of them.
   */
  record(
    session: string | null,
    outcomes: readonly number[],
    ids: readonly string[],
    example: () => CoverageExample,
  ): void {
    // Another catalog (the spec was read again): what was counted follows its outcome ids.
    if (ids !== this.#ids) this.#moveTo(ids);
    const size = ids.length;
    this.#overall ??= new Tally(size);
    this.#overall.add(outcomes, example, (bytes) => this.#room(bytes));
    if (session === null) return;
    let tally = this.#sessions.get(session);
    if (!tally) {
      if (this.#sessions.size >= this.maxSessions) this.#evictOldest();
      if (!this.#room(tallyBytes(size, session))) return;
      tally = new Tally(size);
      this.#sessions.set(session, tally);
    }
    const own = tally;
    tally.add(outcomes, example, (bytes) => this.#room(bytes, own));
  }

  /** Takes `bytes` from the budget, dropping the oldest sessions' tallies (not `keep`) to make room. */
  #room(bytes: number, keep?: Tally): boolean {
    while (!this.budget.tryTake('coverage', bytes)) {
      const oldest = this.#oldestExcept(keep);
      if (oldest === undefined) return false;
      this.#drop(oldest);
    }
    return true;
  }

  #oldestExcept(keep?: Tally): string | undefined {
    for (const [session, tally] of this.#sessions) if (tally !== keep) return session;
    return undefined;
  }

  #evictOldest(): void {
    const oldest = this.#oldestExcept();
    if (oldest !== undefined) this.#drop(oldest);
  }

  #drop(session: string): void {
    const tally = this.#sessions.get(session);
    if (!tally) return;
    this.#sessions.delete(session);
    this.budget.give('coverage', tallyBytes(tally.counts.length, session) + tally.exampleBytes);
    this.#evicted += 1;
  }

  #moveTo(ids: readonly string[]): void {
    const to = new Map(ids.map((id, index) => [id, index]));
    const from = this.#ids;
    this.budget.give('coverage', this.bytes);
    if (this.#overall) {
      this.#overall = this.#overall.moveTo(from, to);
      // Examples only follow their outcomes or go, so what they held before still fits.
      this.budget.tryTake('coverage', this.#overall.exampleBytes);
    }
    for (const [session, tally] of [...this.#sessions]) {
      const moved = tally.moveTo(from, to);
      if (this.budget.tryTake('coverage', tallyBytes(ids.length, session) + moved.exampleBytes))
        this.#sessions.set(session, moved);
      else {
        this.#sessions.delete(session);
        this.#evicted += 1;
      }
    }
    this.#ids = ids;
  }

  /**
   * What every request met (`undefined` for the session), or what one session's met, by index
   * into `ids` (the outcome ids of the catalog in use; by default the last one recorded with).
   */
  tally(session?: string, ids: readonly string[] = this.#ids): CoverageTally | undefined {
    if (ids !== this.#ids) this.#moveTo(ids);
    const tally = session === undefined ? this.#overall : this.#sessions.get(session);
    return tally?.view();
  }

  /** The sessions with a tally of their own, oldest first. */
  get sessions(): string[] {
    return [...this.#sessions.keys()];
  }

  /** Sessions whose own tally was dropped to stay within `maxSessions` or the state budget. */
  get evictedSessions(): number {
    return this.#evicted;
  }

  /** Forgets one session's tally, or (without a session) everything. */
  clear(session?: string): void {
    if (session !== undefined) {
      const tally = this.#sessions.get(session);
      if (!tally) return;
      this.#sessions.delete(session);
      this.budget.give('coverage', tallyBytes(tally.counts.length, session) + tally.exampleBytes);
      return;
    }
    this.budget.give('coverage', this.bytes);
    this.#overall = undefined;
    this.#sessions.clear();
    this.#evicted = 0;
  }

  /** The bytes taken from the state budget: sessions' tallies and every example. */
  get bytes(): number {
    let bytes = this.#overall?.exampleBytes ?? 0;
    for (const [session, tally] of this.#sessions)
      bytes += tallyBytes(tally.counts.length, session) + tally.exampleBytes;
    return bytes;
  }
}
