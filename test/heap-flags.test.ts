import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, heapFlags } from '../src/cli/heap-flags.js';

describe('heapFlags', () => {
  const ours = [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`];

  it('caps heap growth when the node command line does not choose', () => {
    expect(heapFlags([])).toEqual(ours);
    expect(heapFlags(['--enable-source-maps', '--max-old-space-size=512'])).toEqual(ours);
  });

  it("leaves the user's own choice alone, in either spelling", () => {
    expect(heapFlags(['--heap-growing-percent=0'])).toEqual([]);
    expect(heapFlags(['--inspect', '--heap_growing_percent=10'])).toEqual([]);
    expect(heapFlags(['--heap-growing-percent'])).toEqual([]);
  });

  it('does not take a longer flag for it', () => {
    expect(heapFlags(['--heap-growing-percentage=5'])).toEqual(ours);
  });
});
