import { MAX_BATCH, RefreshAheadCache } from './refresh-ahead-cache';

/** A batch loader whose reads answer when the test says so: each key's value is `values[key]`. */
function loader() {
  const reads: { keys: string[]; answer: (values: Record<string, number>) => void; fail: (e: Error) => void }[] = [];
  const loadMany = (keys: string[]) =>
    new Promise<number[]>((resolve, reject) =>
      reads.push({ keys, answer: (values) => resolve(keys.map((k) => values[k] ?? 0)), fail: reject }),
    );
  return { reads, loadMany };
}
const turn = () => new Promise((r) => setImmediate(r));

describe('RefreshAheadCache', () => {
  let t: number;
  const now = () => t;
  beforeEach(() => (t = 1_000));

  /** A cache holding `u` = 1, read at t = 1 000. */
  async function warm(ttl = 5_000, roll = 0) {
    const l = loader();
    const cache = new RefreshAheadCache(ttl, l.loadMany, now, () => roll);
    const first = cache.get('u');
    await turn();
    l.reads[0].answer({ u: 1 });
    await first;
    return { l, cache };
  }

  it('reads the keys missed in one event-loop turn with one call, each key once', async () => {
    const l = loader();
    const cache = new RefreshAheadCache(5_000, l.loadMany, now, () => 0);
    const gets = ['a', 'b', 'a', 'c'].map((k) => cache.get(k));
    await turn();
    expect(l.reads.map((r) => r.keys)).toEqual([['a', 'b', 'c']]);
    l.reads[0].answer({ a: 1, b: 2, c: 3 });
    expect(await Promise.all(gets)).toEqual([1, 2, 1, 3]);
  });

  it(`splits a burst into reads of at most ${MAX_BATCH} keys`, async () => {
    const l = loader();
    const cache = new RefreshAheadCache(5_000, l.loadMany, now, () => 0);
    const keys = Array.from({ length: MAX_BATCH + 1 }, (_, i) => `k${i}`);
    const gets = keys.map((k) => cache.get(k));
    await turn();
    expect(l.reads.map((r) => r.keys.length)).toEqual([MAX_BATCH, 1]);
    l.reads.forEach((r) => r.answer({}));
    expect(await Promise.all(gets)).toHaveLength(MAX_BATCH + 1);
  });

  it('answers from the cache before the refresh point without reading', async () => {
    const { l, cache } = await warm();
    t += 2_499; // refresh point: at + 5 000 × (0.5 + 0 / 2)
    expect(await cache.get('u')).toBe(1);
    await turn();
    expect(l.reads).toHaveLength(1);
  });

  it('past the refresh point answers the cached value at once and reads once in the background', async () => {
    const { l, cache } = await warm();
    t += 3_000;
    expect(await cache.get('u')).toBe(1);
    expect(await cache.get('u')).toBe(1);
    await turn();
    expect(l.reads).toHaveLength(2);
    l.reads[1].answer({ u: 2 });
    await turn();
    expect(await cache.get('u')).toBe(2);
    await turn();
    expect(l.reads).toHaveLength(2);
  });

  it('never answers a value older than the TTL: an expired entry waits for the read', async () => {
    const { l, cache } = await warm(5_000, 0.999);
    t += 5_000;
    let answered: number | undefined;
    const p = cache.get('u').then((v) => (answered = v));
    await turn();
    expect(answered).toBeUndefined();
    l.reads[1].answer({ u: 2 });
    await p;
    expect(answered).toBe(2);
  });

  it('spreads the refresh points of keys read together over the second half of the TTL', async () => {
    const l = loader();
    const rolls = [0, 0.5, 0.999];
    const cache = new RefreshAheadCache(4_000, l.loadMany, now, () => rolls.shift() ?? 0);
    const gets = ['a', 'b', 'c'].map((k) => cache.get(k));
    await turn();
    l.reads[0].answer({});
    await Promise.all(gets);
    const readAt = async (dt: number) => {
      t = 1_000 + dt;
      const before = l.reads.length;
      ['a', 'b', 'c'].forEach((k) => void cache.get(k));
      await turn();
      const keys = l.reads.slice(before).flatMap((r) => r.keys);
      l.reads.slice(before).forEach((r) => r.answer({}));
      await turn();
      return keys;
    };
    expect(await readAt(1_999)).toEqual([]);
    expect(await readAt(2_000)).toEqual(['a']);
    expect(await readAt(3_000)).toEqual(['b']);
    expect(await readAt(3_998)).toEqual(['c']);
  });

  it('a failed read is reported to its callers and not cached; a failed refresh keeps the old value until expiry', async () => {
    const l = loader();
    const cache = new RefreshAheadCache(5_000, l.loadMany, now, () => 0);
    const miss = cache.get('u');
    await turn();
    l.reads[0].fail(new Error('db down'));
    await expect(miss).rejects.toThrow('db down');
    const again = cache.get('u');
    await turn();
    l.reads[1].answer({ u: 1 });
    expect(await again).toBe(1);
    t += 3_000;
    expect(await cache.get('u')).toBe(1);
    await turn();
    l.reads[2].fail(new Error('blip'));
    await turn();
    expect(await cache.get('u')).toBe(1);
    await turn();
    expect(l.reads).toHaveLength(4); // the next hit past the refresh point tries again
  });

  it('delete forgets a key', async () => {
    const { l, cache } = await warm();
    cache.delete('u');
    expect(cache.size).toBe(0);
    void cache.get('u');
    await turn();
    expect(l.reads).toHaveLength(2);
  });
});
