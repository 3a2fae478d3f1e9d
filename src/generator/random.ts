import { createHash } from 'node:crypto';

/** A small seeded pseudo-random source owned by one generated event; never shared or global. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks a key by weight, e.g. `{ success: 85, failure: 8 }`. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  hex(length: number): string;
  uuid(): string;
  /** A log-normal value around `median` (sigma is the spread of its logarithm). */
  logNormal(median: number, sigma: number): number;
}

// Weight tables are module constants; their entries and totals are worked out once.
const PREPARED = new WeakMap<object, [[string, number][], number]>();

function prepared<K extends string>(weights: Readonly<Record<K, number>>): [[K, number][], number] {
  let table = PREPARED.get(weights);
  if (!table) {
    const entries = Object.entries(weights) as [K, number][];
    table = [entries, entries.reduce((sum, [, weight]) => sum + weight, 0)];
    PREPARED.set(weights, table);
  }
  return table as [[K, number][], number];
}

/**
 * Creates a sfc32 generator seeded from the SHA-256 of `parts`, so the same parts give the same
 * sequence on every machine and Node.js version.
 */
export function createRandom(...parts: readonly string[]): Random {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  const next = (): number => nextUint32() / 4294967296;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));

  const random: Random = {
    next,
    int,
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick() needs a non-empty list');
      return item;
    },
    weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
      const [entries, total] = prepared(weights);
      let roll = next() * total;
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      const last = entries.at(-1);
      if (last === undefined) throw new RangeError('weighted() needs at least one weight');
      return last[0];
    },
    hex(length) {
      let out = '';
      while (out.length < length) out += nextUint32().toString(16).padStart(8, '0');
      return out.slice(0, length);
    },
    uuid() {
      const h = random.hex(32);
      const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    logNormal(median, sigma) {
      // Box-Muller; 1 - next() keeps the logarithm finite.
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * z);
    },
  };
  return random;
}
