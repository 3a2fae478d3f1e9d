/** A least-recently-used cache of at most `capacity` entries: memory stays bounded whatever the keys. */
export class BoundedCache<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * A {@link BoundedCache} that only keeps keys asked for at least twice lately. Ids drawn from a
 * huge space (each asked once) then cost no cache churn; an id asked for again and again is built once.
 */
export class HotCache<K, V> {
  readonly #cache: BoundedCache<K, V>;
  readonly #seen = new Set<K>();
  readonly #retain: (value: V) => V;

  /**
   * @param retain what is kept of a value (e.g. a copy that holds no shared memory); by default the
   * value itself
   */
  constructor(
    capacity: number,
    readonly seenCapacity: number = capacity,
    retain: (value: V) => V = (value) => value,
  ) {
    this.#cache = new BoundedCache(capacity);
    this.#retain = retain;
  }

  get(key: K): V | undefined {
    return this.#cache.get(key);
  }

  /** Keeps `value` if `key` was offered before (since the last sweep of the seen set). */
  offer(key: K, value: V): void {
    if (this.#seen.has(key)) {
      this.#cache.set(key, this.#retain(value));
      return;
    }
    // Forgetting all at once keeps the seen set bounded at the cost of one more miss per hot key.
    if (this.#seen.size >= this.seenCapacity) this.#seen.clear();
    this.#seen.add(key);
  }

  get size(): number {
    return this.#cache.size;
  }
}
