import { createRandomFromNumbers } from '../random.js';

/** The world's own event ids: UUIDv4 strings that carry their slot, readable only with the seed. */
export interface EventIds {
  /** The id of the event in `slot`. */
  idOf(slot: number): string;
  /** The slot of one of the world's own ids; null for any other string. */
  slotOf(id: string): number | null;
}

const ROUNDS = 4;
const UUID_V4 = /^([0-9a-f]{8})-([0-9a-f]{4})-4([0-9a-f]{3})-([89ab][0-9a-f]{3})-([0-9a-f]{12})$/;

/** A keyed round function on 16 bits. */
function round(half: number, key: number): number {
  let h = Math.imul(half ^ key, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return (h >>> 16) & 0xffff;
}

/** A Feistel network: a permutation of 32-bit numbers, keyed by the seed, with an inverse. */
function permute(value: number, keys: readonly number[], inverse: boolean): number {
  let left = value >>> 16;
  let right = value & 0xffff;
  for (let i = 0; i < ROUNDS; i += 1) {
    const key = keys[inverse ? ROUNDS - 1 - i : i] ?? 0;
    if (inverse) [left, right] = [right ^ round(left, key), left];
    else [left, right] = [right, left ^ round(right, key)];
  }
  return ((left << 16) | right) >>> 0;
}

/**
 * Ids for a world of `total` events. The first eight hex digits are the slot, permuted with the
 * seed's key; the other 23 random digits are drawn from (seed, slot) and act as a check, so a
 * UUID that is not one of the world's own never passes for one.
 */
export function createEventIds(seedWord: number, total: number): EventIds {
  const keys = Array.from({ length: ROUNDS }, (_, i) =>
    createRandomFromNumbers(seedWord, 0xfe15, i).int(0, 0xffffffff),
  );
  const idOf = (slot: number): string => {
    const head = permute(slot, keys, false).toString(16).padStart(8, '0');
    const tail = createRandomFromNumbers(seedWord, 0x1d5, slot).hex(23);
    const variant = ((parseInt(tail.charAt(7), 16) & 0x3) | 0x8).toString(16);
    return `${head}-${tail.slice(0, 4)}-4${tail.slice(4, 7)}-${variant}${tail.slice(8, 11)}-${tail.slice(11, 23)}`;
  };
  return {
    idOf,
    slotOf(id) {
      const match = UUID_V4.exec(id);
      if (!match) return null;
      const slot = permute(parseInt(match[1] ?? '', 16), keys, true);
      return slot < total && idOf(slot) === id ? slot : null;
    },
  };
}
