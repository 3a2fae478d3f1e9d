import { describe, expect, it } from 'vitest';
import { BoundedCache, HotCache } from '../src/state/bounded-cache.js';

describe('BoundedCache', () => {
  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([
      1,
      undefined,
      3,
      2,
    ]);
  });
});

describe('HotCache', () => {
  it('keeps only keys offered twice, so one-off ids never fill it', () => {
    const cache = new HotCache<string, number>(10, 100);
    for (let index = 0; index < 50; index += 1) cache.offer(`once-${index}`, index);
    expect(cache.size).toBe(0);
    cache.offer('hot', 1);
    expect(cache.get('hot')).toBeUndefined();
    cache.offer('hot', 1);
    expect(cache.get('hot')).toBe(1);
  });

  it('stays bounded however many keys are offered', () => {
    const cache = new HotCache<string, number>(3, 4);
    for (let round = 0; round < 3; round += 1)
      for (let index = 0; index < 1000; index += 1) cache.offer(`k${index % 5}`, index);
    expect(cache.size).toBeLessThanOrEqual(3);
  });

  it('keeps what retain makes of a value, and calls it only for values it keeps', () => {
    const retained: string[] = [];
    const cache = new HotCache<string, { n: number }>(10, 100, (value) => {
      retained.push(`${value.n}`);
      return { n: value.n * 10 };
    });
    cache.offer('once', { n: 1 });
    cache.offer('hot', { n: 2 });
    cache.offer('hot', { n: 3 });
    expect(retained).toEqual(['3']);
    expect(cache.get('hot')).toEqual({ n: 30 });
  });
});
