interface Entry<V> {
  value: V;
  /** When the value was read (ms). */
  at: number;
  /** When a caller first triggers a background refresh: a random point in the second half of the TTL. */
  refreshAt: number;
}

const MAX_ENTRIES = 10_000;

/**
 * A per-key cache whose values are never older than `ttlMs`, and whose hot keys are re-read in the
 * background before that: a hit past its (jittered) refresh point is answered from the cache and starts
 * one reload. Why: a burst of users first seen together (an auction's bidders) would otherwise all expire
 * together, and each expiry put a query in the request path; at a hot lot's rates that was a burst of
 * queries every TTL, queueing the bids behind them for the pool. One load per key runs at a time, for
 * misses and refreshes alike; a failed refresh leaves the entry to expire and the next miss to load (and
 * report the error).
 */
export class RefreshAheadCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private readonly loading = new Map<K, Promise<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly load: (key: K) => Promise<V>,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  async get(key: K): Promise<V> {
    const hit = this.entries.get(key);
    const now = this.now();
    if (hit && now - hit.at < this.ttlMs) {
      if (now >= hit.refreshAt && !this.loading.has(key)) this.reload(key).catch(() => undefined);
      return hit.value;
    }
    return this.loading.get(key) ?? this.reload(key);
  }

  /** Forgets a key (its next get loads it). */
  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private reload(key: K): Promise<V> {
    const at = this.now();
    const p = this.load(key).then(
      (value) => {
        this.loading.delete(key);
        // Crude bound: clearing only costs reloads, never a stale answer.
        if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
        this.entries.set(key, { value, at, refreshAt: at + this.ttlMs * (0.5 + this.random() / 2) });
        return value;
      },
      (e: unknown) => {
        this.loading.delete(key);
        throw e;
      },
    );
    this.loading.set(key, p);
    return p;
  }
}
