/**
 * A cache of at most `capacity` entries that drops the least recently used one first. A Map keeps
 * insertion order, so reading an entry re-inserts it at the end and the first key is the oldest.
 * Capacity 0 keeps nothing.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0)
      throw new RangeError(`capacity must be a whole number ≥ 0 (got ${capacity})`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry, which becomes the most recently used one; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Stores the entry as the most recently used one, dropping the oldest ones beyond capacity. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.capacity === 0) return;
    this.entries.set(key, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }

  /** Keys from the least to the most recently used. */
  keys(): K[] {
    return [...this.entries.keys()];
  }
}
