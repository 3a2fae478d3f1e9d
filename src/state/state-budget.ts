/** What holds bytes of the run-time state budget. */
export const BUDGET_HOLDERS = [
  'fixtures',
  'scenarios',
  'journal',
  'coverage',
  'interactions',
] as const;
export type BudgetHolder = (typeof BUDGET_HOLDERS)[number];

/** The parts of the budget; run-time fixtures and scenarios share the admin API's. */
type BudgetPart = 'admin' | 'journal' | 'coverage' | 'interactions';

const PART_OF: Readonly<Record<BudgetHolder, BudgetPart>> = {
  fixtures: 'admin',
  scenarios: 'admin',
  journal: 'journal',
  coverage: 'coverage',
  interactions: 'interactions',
};

/**
 * The byte budget of run-time state (`limits.stateBytes`): every run-time fixture, scenario,
 * journal entry, coverage tally and interaction kept for the pact takes its estimated size from it
 * and gives it back when it goes. It is split in parts so that no kind of traffic starves another:
 * half for run-time fixtures and scenarios (what the admin API sets), a quarter for the journal,
 * an eighth for coverage and an eighth for the pact's interactions (what requests leave behind).
 */
export class StateBudget {
  readonly #used: Record<BudgetHolder, number> = {
    fixtures: 0,
    scenarios: 0,
    journal: 0,
    coverage: 0,
    interactions: 0,
  };

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`The state budget must be a positive integer, got ${limit}.`);
  }

  /** The most `holder` (with the holders of its part) may ever hold; the parts add up to the limit. */
  ceiling(holder: BudgetHolder): number {
    const { limit } = this;
    const half = Math.floor(limit / 2);
    const quarter = Math.floor(limit / 4);
    const eighth = Math.floor(limit / 8);
    const part = PART_OF[holder];
    switch (part) {
      case 'admin':
        return limit - half;
      case 'journal':
        return quarter;
      case 'coverage':
        return eighth;
      case 'interactions':
        return half - quarter - eighth;
      default:
        throw new Error(`Unknown budget part "${String(part satisfies never)}".`);
    }
  }

  /** What the part of `holder` holds now. */
  #part(holder: BudgetHolder): number {
    const part = PART_OF[holder];
    let bytes = 0;
    for (const other of BUDGET_HOLDERS) if (PART_OF[other] === part) bytes += this.#used[other];
    return bytes;
  }

  /** Bytes held now, in all or by one holder. */
  used(holder?: BudgetHolder): number {
    if (holder !== undefined) return this.#used[holder];
    let bytes = 0;
    for (const other of BUDGET_HOLDERS) bytes += this.#used[other];
    return bytes;
  }

  /** Whether `bytes` more for `holder` stay within its part of the budget. */
  fits(holder: BudgetHolder, bytes: number): boolean {
    return this.#part(holder) + bytes <= this.ceiling(holder);
  }

  /** Takes `bytes` for `holder` if they {@link fits}; `false` if not. */
  tryTake(holder: BudgetHolder, bytes: number): boolean {
    if (!this.fits(holder, bytes)) return false;
    this.#used[holder] += bytes;
    return true;
  }

  /** Gives back bytes taken by `holder`. */
  give(holder: BudgetHolder, bytes: number): void {
    this.#used[holder] = Math.max(0, this.#used[holder] - bytes);
  }
}

const MiB = 1024 * 1024;

/** `1.5 MiB`, `512 KiB`, `900 B`: a byte count for a person. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${(bytes / MiB).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${bytes} B`;
}
