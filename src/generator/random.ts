import { hash } from 'node:crypto';

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
  /** A count of independent happenings with this mean (small means only). */
  poisson(mean: number): number;
}

/** Two hex digits for each byte (a 32-bit value reads as its four bytes, big end first). */
const HEX: readonly string[] = Array.from({ length: 256 }, (_, byte) =>
  byte.toString(16).padStart(2, '0'),
);

/** A 32-bit value as eight hex digits. */
function hex8(value: number): string {
  return `${HEX[value >>> 24]}${HEX[(value >>> 16) & 255]}${HEX[(value >>> 8) & 255]}${HEX[value & 255]}`;
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

/** sfc32 (Chris Doty-Humphrey's small fast counter): 128 bits of state, good for this use. */
class Sfc32 implements Random {
  // Plain (TypeScript-private) properties: \`#private\` fields cost more in code that runs once.
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.uint32() / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick() needs a non-empty list');
    return item;
  }

  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const [entries, total] = prepared(weights);
    let roll = this.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    const last = entries.at(-1);
    if (last === undefined) throw new RangeError('weighted() needs at least one weight');
    return last[0];
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += hex8(this.uint32());
    return out.length === length ? out : out.slice(0, length);
  }

  uuid(): string {
    // Version 4 and the RFC 4122 variant written over 128 random bits.
    const [high, middle, low, last] = [this.uint32(), this.uint32(), this.uint32(), this.uint32()];
    const variant = (((low >>> 28) & 0x3) | 0x8).toString(16);
    return (
      `${hex8(high)}-${HEX[middle >>> 24]}${HEX[(middle >>> 16) & 255]}-` +
      `4${HEX[(middle >>> 8) & 255]?.charAt(1)}${HEX[middle & 255]}-` +
      `${variant}${HEX[(low >>> 24) & 255]?.charAt(1)}${HEX[(low >>> 16) & 255]}-` +
      `${HEX[(low >>> 8) & 255]}${HEX[low & 255]}${hex8(last)}`
    );
  }

  logNormal(median: number, sigma: number): number {
    // Box-Muller; 1 - next() keeps the logarithm finite.
    const z = Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
    return median * Math.exp(sigma * z);
  }

  poisson(mean: number): number {
    // Knuth's method: fine for the small means of a day's or an hour's happenings.
    const limit = Math.exp(-mean);
    let count = 0;
    for (let product = this.next(); product > limit; product *= this.next()) count += 1;
    return count;
  }
}

/**
 * Creates a sfc32 generator seeded from the SHA-256 of `parts`, so the same parts give the same
 * sequence on every machine and Node.js version.
 */
export function createRandom(...parts: readonly string[]): Random {
  // One-shot hashing: a fraction of the cost of a Hash object for these short inputs.
  const digest = hash('sha256', parts.join('\u0000'), 'buffer');
  return new Sfc32(
    digest.readUInt32LE(0),
    digest.readUInt32LE(4),
    digest.readUInt32LE(8),
    digest.readUInt32LE(12),
  );
}

/** Murmur3's finaliser: spreads every input bit over the 32 output bits. */
function mix32(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A generator seeded from whole numbers (each below 2^32) without hashing a string: for the many
 * small sources of one world (a story, an event), where SHA-256 would cost more than the work.
 */
export function createRandomFromNumbers(...numbers: readonly number[]): Random {
  let h = 0x9e3779b9;
  for (const value of numbers) h = mix32(h ^ mix32(value >>> 0));
  const random = new Sfc32(h, mix32(h + 0x6a09e667), mix32(h + 0xbb67ae85), mix32(h + 0x3c6ef372));
  // sfc32 needs a few rounds before nearby seeds give unrelated sequences.
  for (let round = 0; round < 12; round += 1) random.uint32();
  return random;
}
