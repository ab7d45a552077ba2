// The sink's map from series key (metric + labels) to the store's series id. Keys come from the
// outside world (consumer group ids, DLQ error classes), so the map is bounded twice: by size,
// evicting the least recently used key, and by idleness, so a key not seen for a while (a group
// that is gone, a series the retention job pruned in another process) leaves memory on its own.
// An evicted key costs one lookup in the series table the next time it is seen, nothing more.

export interface SeriesIdCacheOptions {
  maxEntries: number;
  /** A key unused this long is forgotten; default 1 h, far inside any retention horizon. */
  maxIdleMs?: number;
  now?: () => number;
}

interface Entry {
  id: string;
  usedAt: number;
}

export class SeriesIdCache {
  // Map iteration follows insertion order; re-inserting on use keeps the least recently used first.
  private readonly entries = new Map<string, Entry>();
  private readonly maxIdleMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: SeriesIdCacheOptions) {
    this.maxIdleMs = opts.maxIdleMs ?? 3_600_000;
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): string | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = this.now();
    if (now - entry.usedAt > this.maxIdleMs) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, { id: entry.id, usedAt: now });
    return entry.id;
  }

  set(key: string, id: string): void {
    this.entries.delete(key);
    this.entries.set(key, { id, usedAt: this.now() });
    this.evict();
  }

  /** Drops keys whose series no longer exist (pruned by retention). */
  forget(keys: Iterable<string>): number {
    let forgotten = 0;
    for (const key of keys) if (this.entries.delete(key)) forgotten++;
    return forgotten;
  }

  private evict(): void {
    const idleBefore = this.now() - this.maxIdleMs;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.opts.maxEntries && entry.usedAt >= idleBefore) break;
      this.entries.delete(key);
    }
  }
}
