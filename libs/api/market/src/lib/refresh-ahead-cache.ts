interface Entry<V> {
  value: V;
  /** When the value was read (ms). */
  at: number;
  /** When a caller first triggers a background refresh: a random point in the second half of the TTL. */
  refreshAt: number;
}

interface Waiting<K, V> {
  key: K;
  resolve: (v: V) => void;
  reject: (e: unknown) => void;
}

const MAX_ENTRIES = 10_000;
/** Most keys one load reads. */
export const MAX_BATCH = 500;

/**
 * A per-key cache whose values are never older than `ttlMs`, and whose hot keys are re-read in the
 * background before that: a hit past its (jittered) refresh point is answered from the cache and starts
 * one reload. Keys wanted in the same event-loop turn — misses and refreshes alike — are read by ONE call
 * of `loadMany` (values in the keys' order), and one read per key runs at a time.
 *
 * Why: an auction's bidders arrive together (it opens, or a process starts), so their entries are made
 * together and, with a plain TTL, expire together; each expiry put a query in the request path, and at a
 * hot lot's rates that burst of queries took the pool from the bids for a hundred milliseconds and more.
 * A failed read is reported to the callers waiting for it and not cached; a failed background refresh
 * leaves the entry to expire, and the next hit past the refresh point tries again.
 */
export class RefreshAheadCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private readonly loading = new Map<K, Promise<V>>();
  private queued: Waiting<K, V>[] = [];

  constructor(
    private readonly ttlMs: number,
    private readonly loadMany: (keys: K[]) => Promise<V[]>,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  get(key: K): Promise<V> {
    const hit = this.entries.get(key);
    const now = this.now();
    if (hit && now - hit.at < this.ttlMs) {
      if (now >= hit.refreshAt && !this.loading.has(key)) this.reload(key).catch(() => undefined);
      return Promise.resolve(hit.value);
    }
    return this.loading.get(key) ?? this.reload(key);
  }

  /** Forgets a key (its next get reads it). */
  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private reload(key: K): Promise<V> {
    const p = new Promise<V>((resolve, reject) => {
      if (!this.queued.length) setImmediate(() => this.flush());
      this.queued.push({ key, resolve, reject });
    });
    const done = () => this.loading.delete(key);
    p.then(done, done);
    this.loading.set(key, p);
    return p;
  }

  private flush(): void {
    const queued = this.queued;
    this.queued = [];
    for (let i = 0; i < queued.length; i += MAX_BATCH) void this.read(queued.slice(i, i + MAX_BATCH));
  }

  private async read(batch: Waiting<K, V>[]): Promise<void> {
    // `at` is taken before the read: the value is at least this fresh.
    const at = this.now();
    try {
      const values = await this.loadMany(batch.map((q) => q.key));
      // Crude bound: clearing only costs reads, never a stale answer.
      if (this.entries.size + batch.length > MAX_ENTRIES) this.entries.clear();
      batch.forEach((q, i) => {
        this.entries.set(q.key, { value: values[i], at, refreshAt: at + this.ttlMs * (0.5 + this.random() / 2) });
        q.resolve(values[i]);
      });
    } catch (e) {
      batch.forEach((q) => q.reject(e));
    }
  }
}
