import { RefreshAheadCache } from './refresh-ahead-cache';

/** A loader whose calls resolve when the test says so. */
function loader() {
  const calls: { key: string; resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  const load = (key: string) => new Promise<number>((resolve, reject) => calls.push({ key, resolve, reject }));
  return { calls, load };
}
const flush = () => new Promise((r) => setImmediate(r));

describe('RefreshAheadCache', () => {
  let t: number;
  const now = () => t;
  beforeEach(() => (t = 1_000));

  it('loads a missing key once for concurrent callers', async () => {
    const l = loader();
    const cache = new RefreshAheadCache(5_000, l.load, now, () => 0);
    const a = cache.get('u');
    const b = cache.get('u');
    expect(l.calls).toHaveLength(1);
    l.calls[0].resolve(7);
    expect(await a).toBe(7);
    expect(await b).toBe(7);
  });

  it('answers from the cache before the refresh point without loading', async () => {
    const l = loader();
    const cache = new RefreshAheadCache(5_000, l.load, now, () => 0);
    const first = cache.get('u');
    l.calls[0].resolve(1);
    await first;
    t += 2_499; // refresh point: at + 5 000 × (0.5 + 0 / 2)
    expect(await cache.get('u')).toBe(1);
    expect(l.calls).toHaveLength(1);
  });

  it('past the refresh point answers the cached value at once and reloads once in the background', async () => {
    const l = loader();
    const cache = new RefreshAheadCache(5_000, l.load, now, () => 0);
    const first = cache.get('u');
    l.calls[0].resolve(1);
    await first;
    t += 3_000;
    expect(await cache.get('u')).toBe(1);
    expect(await cache.get('u')).toBe(1);
    expect(l.calls).toHaveLength(2);
    l.calls[1].resolve(2);
    await flush();
    expect(await cache.get('u')).toBe(2);
    expect(l.calls).toHaveLength(2);
  });

  it('never answers a value older than the TTL: an expired entry waits for the load', async () => {
    const l = loader();
    const cache = new RefreshAheadCache(5_000, l.load, now, () => 0.999);
    const first = cache.get('u');
    l.calls[0].resolve(1);
    await first;
    t += 5_000;
    let answered: number | undefined;
    const p = cache.get('u').then((v) => (answered = v));
    await flush();
    expect(answered).toBeUndefined();
    l.calls[1].resolve(2);
    await p;
    expect(answered).toBe(2);
  });

  it('spreads the refresh points of keys loaded together over the second half of the TTL', async () => {
    const l = loader();
    const rolls = [0, 0.5, 0.999];
    const cache = new RefreshAheadCache(4_000, l.load, now, () => rolls.shift() ?? 0);
    const gets = ['a', 'b', 'c'].map((k) => cache.get(k));
    l.calls.forEach((c) => c.resolve(0));
    await Promise.all(gets);
    const reloadedAt = (dt: number) => {
      t = 1_000 + dt;
      const before = l.calls.length;
      ['a', 'b', 'c'].forEach((k) => void cache.get(k));
      return l.calls.slice(before).map((c) => c.key);
    };
    expect(reloadedAt(1_999)).toEqual([]);
    expect(reloadedAt(2_000)).toEqual(['a']);
    expect(reloadedAt(3_000)).toEqual(['b']);
    expect(reloadedAt(3_998)).toEqual(['c']);
  });

  it('a failed load is reported to its callers and not cached; a failed refresh keeps the old value until expiry', async () => {
    const l = loader();
    const cache = new RefreshAheadCache(5_000, l.load, now, () => 0);
    const miss = cache.get('u');
    l.calls[0].reject(new Error('db down'));
    await expect(miss).rejects.toThrow('db down');
    const again = cache.get('u');
    expect(l.calls).toHaveLength(2);
    l.calls[1].resolve(1);
    expect(await again).toBe(1);
    t += 3_000;
    expect(await cache.get('u')).toBe(1);
    l.calls[2].reject(new Error('blip'));
    await flush();
    expect(await cache.get('u')).toBe(1);
    expect(l.calls).toHaveLength(4); // the next hit past the refresh point tries again
  });

  it('delete forgets a key', async () => {
    const l = loader();
    const cache = new RefreshAheadCache(5_000, l.load, now, () => 0);
    const first = cache.get('u');
    l.calls[0].resolve(1);
    await first;
    cache.delete('u');
    expect(cache.size).toBe(0);
    void cache.get('u');
    expect(l.calls).toHaveLength(2);
  });
});
