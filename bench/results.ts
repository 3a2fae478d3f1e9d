import type { RunFigures } from './load.js';
import type { MemoryReading } from './memory-readings.js';
import type { ReloadResult } from './reload.js';
import type { ScenarioName, ServerName } from './scenarios.js';
import { median } from './stats.js';

type Numeric = Exclude<keyof RunFigures, 'statusCodes'>;
export type MedianFigures = Record<Numeric, number>;

/** One server in one scenario: every round, their medians and all statuses answered. */
export interface ServerScenarioResult {
  readonly rounds: RunFigures[];
  readonly median: MedianFigures;
  /** answers per HTTP status, summed over the rounds */
  readonly statusCodes: Record<string, number>;
  readonly expectedStatus: number | null;
  readonly caveat: string | null;
}

export interface ScenarioResult {
  readonly summary: string;
  readonly servers: Partial<Record<ServerName, ServerScenarioResult>>;
}

export interface ColdStartResult {
  /** spawn to the first 200, wall time */
  readonly samplesMs: number[];
  readonly medianMs: number;
  /** CPU time the server used by then: less moved by other processes than wall time */
  readonly cpuSamplesMs: number[];
  readonly medianCpuMs: number;
}

export interface MemoryGrowthResult {
  readonly rssIdleMb: number;
  /** requests each reading covers */
  readonly windowRequests: number;
  /** RSS at the checkpoint and every checkpoint after, the last at the total */
  readonly readings: MemoryReading[];
  /** median RSS of the last reading / median RSS of the first - 1 */
  readonly growth: number;
  readonly runs: RunFigures[];
}

export interface Target {
  readonly name: string;
  readonly value: string;
  /** undefined when the figures to judge it were not measured */
  readonly pass: boolean | undefined;
}

export interface BenchResults {
  readonly meta: Record<string, unknown>;
  readonly coldStart: Partial<Record<ServerName, ColdStartResult>>;
  readonly scenarios: Partial<Record<ScenarioName, ScenarioResult>>;
  /** RSS of each load-tested server after all rounds */
  readonly rssAfterLoadMb: Partial<Record<ServerName, number>>;
  /** undefined with --cold-start-only */
  readonly memoryGrowth: MemoryGrowthResult | undefined;
  /** the --watch reload measurement, when it ran */
  readonly reload: ReloadResult | null;
  readonly targets: Target[];
}

const NUMERIC: readonly Numeric[] = [
  'requestsPerSec',
  'p50Ms',
  'p99Ms',
  'non2xx',
  'errors',
  'timeouts',
  'totalRequests',
  'rssMb',
  'serverCpuPct',
  'loadGeneratorCpuPct',
  'otherCpuPct',
];

export function summarise(
  rounds: RunFigures[],
  expectedStatus: number | undefined,
  caveat: string | undefined,
): ServerScenarioResult {
  const medians = Object.fromEntries(
    NUMERIC.map((key) => [key, median(rounds.map((round) => round[key]))]),
  ) as MedianFigures;
  const statusCodes: Record<string, number> = {};
  for (const round of rounds)
    for (const [code, count] of Object.entries(round.statusCodes))
      statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return {
    rounds,
    median: medians,
    statusCodes,
    expectedStatus: expectedStatus ?? null,
    caveat: caveat ?? null,
  };
}

/** Statuses other than the expected one, e.g. "200" when 401 was expected. */
export function unexpectedStatuses(result: ServerScenarioResult): string[] {
  if (result.expectedStatus === null) return [];
  return Object.keys(result.statusCodes).filter((code) => code !== String(result.expectedStatus));
}
