import { median } from './stats.js';

/**
 * Where the memory check reads RSS: at `checkpoint` requests, then every `checkpoint` requests up
 * to `total` (which is always read). Each reading covers the `window` requests that follow it.
 */
export function readingPoints(checkpoint: number, total: number, window: number): number[] {
  if (!(window > 0 && window < checkpoint && checkpoint + window <= total))
    throw new RangeError(
      `the memory check needs 0 < window < checkpoint and checkpoint + window <= total requests, ` +
        `got window ${window}, checkpoint ${checkpoint}, total ${total}`,
    );
  const points: number[] = [];
  // Each window ends before the next reading begins; the last reading is always at `total`.
  for (let at = checkpoint; at + window <= total; at += checkpoint) points.push(at);
  points.push(total);
  return points;
}

/** RSS while one window of requests was answered: a collector's sawtooth, not one instant. */
export interface MemoryReading {
  /** requests answered when the window began */
  readonly afterRequests: number;
  readonly medianMb: number;
  readonly minMb: number;
  readonly maxMb: number;
  readonly samples: number;
}

/** One reading from the RSS samples (MB) taken while its window of requests was answered. */
export function summariseSamples(
  afterRequests: number,
  samplesMb: readonly number[],
): MemoryReading {
  if (samplesMb.length === 0) throw new RangeError('a reading needs at least one sample');
  return {
    afterRequests,
    medianMb: median(samplesMb),
    minMb: Math.min(...samplesMb),
    maxMb: Math.max(...samplesMb),
    samples: samplesMb.length,
  };
}

/** Growth from the first reading to the last, median against median: 0.05 is 5%. */
export function growthOf(readings: readonly MemoryReading[]): number {
  const first = readings[0];
  const last = readings.at(-1);
  if (!first || !last || first === last) return Number.NaN;
  return last.medianMb / first.medianMb - 1;
}
