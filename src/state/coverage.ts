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

class Tally {
  requests = 0;
  readonly counts: Float64Array;
  readonly examples: (CoverageExample | undefined)[];
  /** Distinct example objects held (one request may be the example of many outcomes). */
  readonly held = new Set<CoverageExample>();

  constructor(size: number) {
    this.counts = new Float64Array(size);
    this.examples = new Array<CoverageExample | undefined>(size).fill(undefined);
  }

  add(outcomes: readonly number[], example: () => CoverageExample): void {
    this.requests += 1;
    let made: CoverageExample | undefined;
    for (const index of outcomes) {
      this.counts[index] = (this.counts[index] ?? 0) + 1;
      if (this.examples[index] === undefined) {
        made ??= example();
        this.examples[index] = made;
        this.held.add(made);
      }
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
    return moved;
  }

  view(): CoverageTally {
    return { requests: this.requests, counts: [...this.counts], examples: [...this.examples] };
  }
}

// Rough sizes for the run-time memory budget: a slot, an example object, a tally.
const SLOT_BYTES = 16;
const EXAMPLE_BYTES = 96;
const TALLY_BYTES = 160;

/**
 * Counts, for every request of the mocked API, the outcomes it met: overall and per session
 * (`X-Mock-Session`), with the first request that met each. Apart from the request journal, so
 * nothing is lost however many requests come: memory is one counter and one example slot per
 * outcome per session. At most `maxSessions` sessions are kept apart; past that the oldest
 * session's own tally goes (the overall one keeps everything) and {@link evictedSessions} says so.
 */
export class Coverage {
  #overall: Tally | undefined;
  #ids: readonly string[] = [];
  readonly #sessions = new Map<string, Tally>();
  #evicted = 0;

  constructor(readonly maxSessions: number) {}

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
    this.#overall.add(outcomes, example);
    if (session === null) return;
    let tally = this.#sessions.get(session);
    if (!tally) {
      if (this.#sessions.size >= this.maxSessions) {
        const oldest = this.#sessions.keys().next();
        if (!oldest.done) this.#sessions.delete(oldest.value);
        this.#evicted += 1;
      }
      tally = new Tally(size);
      this.#sessions.set(session, tally);
    }
    tally.add(outcomes, example);
  }

  #moveTo(ids: readonly string[]): void {
    const to = new Map(ids.map((id, index) => [id, index]));
    const from = this.#ids;
    this.#overall = this.#overall?.moveTo(from, to);
    for (const [session, tally] of this.#sessions)
      this.#sessions.set(session, tally.moveTo(from, to));
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

  /** Sessions whose own tally was dropped to stay within `maxSessions`. */
  get evictedSessions(): number {
    return this.#evicted;
  }

  /** Forgets one session's tally, or (without a session) everything. */
  clear(session?: string): void {
    if (session !== undefined) {
      this.#sessions.delete(session);
      return;
    }
    this.#overall = undefined;
    this.#sessions.clear();
    this.#evicted = 0;
  }

  /** An estimate of the memory held, for the run-time memory budget. */
  get bytes(): number {
    let bytes = 0;
    for (const tally of [this.#overall, ...this.#sessions.values()]) {
      if (!tally) continue;
      bytes += TALLY_BYTES + tally.counts.length * SLOT_BYTES;
      for (const example of tally.held)
        bytes += EXAMPLE_BYTES + 2 * (example.path.length + (example.session?.length ?? 0));
    }
    return bytes;
  }
}
