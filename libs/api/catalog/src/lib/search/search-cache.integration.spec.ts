import { TEST_REDIS_URL } from '@ttx/api/core/testing';
import type { AppConfig } from '@ttx/api/core';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { SearchCache } from './search-cache';

/**
 * Processes of one deployment may run with different SEARCH_CACHE_SECONDS (a worker or an api with the cache
 * off beside one with it on). A write in a process that does not cache must still bump the shared
 * generation, or the caching process serves stale pages.
 */
describe('SearchCache.invalidate', () => {
  const prefix = `ttx-cache-spec-${randomUUID().slice(0, 8)}`;
  let redis: IORedis;

  beforeAll(async () => {
    redis = new IORedis(TEST_REDIS_URL, { lazyConnect: true });
    await redis.connect();
  });
  afterAll(async () => {
    await redis.del(`${prefix}:catalog:generation`);
    await redis.quit();
  });

  const cache = (seconds: number) => new SearchCache(redis, { SEARCH_CACHE_SECONDS: seconds, REDIS_PREFIX: prefix } as AppConfig);

  it('bumps the shared generation even when this process does not cache', async () => {
    await cache(0).invalidate();
    await cache(0).invalidate();
    expect(await redis.get(`${prefix}:catalog:generation`)).toBe('2');
  });

  it('a page cached by one process is not served after another process (cache off) changed the catalog', async () => {
    const on = cache(60);
    const query = { q: '电池', page: 1, pageSize: 20 } as Parameters<SearchCache['get']>[0];
    const before = await on.get(query);
    await on.set(before.generation, query, { total: 1 } as never);
    expect((await on.get(query)).hit).toEqual({ total: 1 });
    await cache(0).invalidate();
    expect((await on.get(query)).hit).toBeUndefined();
  });
});
