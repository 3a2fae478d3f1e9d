import { describe, expect, it } from 'vitest';
import { growthOf, readingPoints, summariseSamples } from '../bench/memory-readings.js';

describe('readingPoints', () => {
  it('reads at the checkpoint, every checkpoint after it, and at the total', () => {
    expect(readingPoints(100_000, 1_000_000, 30_000)).toEqual([
      100_000, 200_000, 300_000, 400_000, 500_000, 600_000, 700_000, 800_000, 900_000, 1_000_000,
    ]);
  });

  it('drops a reading whose window would run into the last one', () => {
    expect(readingPoints(100_000, 320_000, 30_000)).toEqual([100_000, 200_000, 320_000]);
    expect(readingPoints(100_000, 220_000, 30_000)).toEqual([100_000, 220_000]);
  });

  it('refuses windows that overlap or do not fit', () => {
    expect(() => readingPoints(100_000, 1_000_000, 100_000)).toThrow(/window < checkpoint/);
    expect(() => readingPoints(100_000, 120_000, 30_000)).toThrow(/checkpoint \+ window <= total/);
    expect(() => readingPoints(100_000, 1_000_000, 0)).toThrow(RangeError);
  });
});

describe('summariseSamples and growthOf', () => {
  it('summarises a sawtooth by its median, not by one instant', () => {
    const reading = summariseSamples(100_000, [120, 146, 118, 121, 145]);
    expect(reading).toEqual({
      afterRequests: 100_000,
      medianMb: 121,
      minMb: 118,
      maxMb: 146,
      samples: 5,
    });
  });

  it('refuses a reading without samples', () => {
    expect(() => summariseSamples(1, [])).toThrow(/at least one sample/);
  });

  it('compares the last median with the first', () => {
    const first = summariseSamples(100_000, [100, 100, 140]);
    const middle = summariseSamples(500_000, [300]);
    const last = summariseSamples(1_000_000, [110, 130, 90]);
    expect(growthOf([first, middle, last])).toBeCloseTo(0.1, 10);
    expect(growthOf([first])).toBeNaN();
    expect(growthOf([])).toBeNaN();
  });
});
