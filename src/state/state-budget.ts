/** What holds bytes of the run-time state budget. */
export const BUDGET_HOLDERS = ['fixtures', 'scenarios', 'journal'] as const;
export type BudgetHolder = (typeof BUDGET_HOLDERS)[number];

/**
 * The byte budget of run-time state (`limits.stateBytes`): every run-time fixture, scenario and
 * journal entry takes its estimated size from it and gives it back when it goes. It is split in
 * two halves: one for the journal, one for run-time fixtures and scenarios together, so request
 * traffic never leaves the admin API without room, nor the admin API the journal.
 */
export class StateBudget {
  readonly #used: Record<BudgetHolder, number> = { fixtures: 0, scenarios: 0, journal: 0 };

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`The state budget must be a positive integer, got ${limit}.`);
  }

  /** The most `holder` (with the holders of its half) may ever hold. */
  ceiling(holder: BudgetHolder): number {
    return holder === 'journal'
      ? Math.floor(this.limit / 2)
      : this.limit - Math.floor(this.limit / 2);
  }

  /** What the half of `holder` holds now. */
  #half(holder: BudgetHolder): number {
    return holder === 'journal' ? this.#used.journal : this.#used.fixtures + this.#used.scenarios;
  }

  /** Bytes held now, in all or by one holder. */
  used(holder?: BudgetHolder): number {
    if (holder !== undefined) return this.#used[holder];
    return this.#used.fixtures + this.#used.scenarios + this.#used.journal;
  }

  /** Whether `bytes` more for `holder` stay within its half of the budget. */
  fits(holder: BudgetHolder, bytes: number): boolean {
    return this.#half(holder) + bytes <= this.ceiling(holder);
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
