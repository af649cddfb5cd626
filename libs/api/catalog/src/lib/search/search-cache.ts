import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, REDIS, type AppConfig } from '@ttx/api/core';
import { createHash } from 'node:crypto';
import type IORedis from 'ioredis';
import type { SearchAchievementsQueryDto, SearchResultDto } from '../dto/achievement.dto';

/** The query parameters that decide a search result, in a fixed order (the cache key). */
const KEY_FIELDS = ['q', 'field', 'kind', 'stage', 'institutionId', 'dealType', 'sort', 'page', 'pageSize'] as const;

/**
 * Shared result cache for the public search (every api process reads the same Redis).
 *
 * Correctness comes from a catalog GENERATION counter, not from the TTL: every write that can change
 * what the public sees bumps it after its transaction commits, and an entry is served only while it
 * carries the current generation. Generation and entry are read in one round trip. A search that read
 * generation G before a bump stores its result under G, which the next reader ignores; one that read
 * G + 1 started after the commit and so saw it. Redis being down only turns the cache off.
 */
@Injectable()
export class SearchCache {
  private readonly log = new Logger(SearchCache.name);
  private readonly ttl: number;
  private readonly genKey: string;
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttl = config.SEARCH_CACHE_SECONDS;
    this.genKey = `${config.REDIS_PREFIX}:catalog:generation`;
    this.prefix = `${config.REDIS_PREFIX}:catalog:search:`;
  }

  private get usable(): boolean {
    return this.ttl > 0 && this.redis.status === 'ready';
  }

  key(query: SearchAchievementsQueryDto): string {
    const parts = KEY_FIELDS.map((k) => query[k] ?? null);
    return this.prefix + createHash('sha1').update(JSON.stringify(parts)).digest('base64url');
  }

  /** The cached result when it is current, and the generation to store a fresh result under. */
  async get(query: SearchAchievementsQueryDto): Promise<{ generation: string | null; hit?: SearchResultDto }> {
    if (!this.usable) return { generation: null };
    try {
      const [[, gen], [, entry]] = (await this.redis.multi().get(this.genKey).get(this.key(query)).exec()) as [unknown, string | null][];
      const generation = gen ?? '0';
      if (typeof entry === 'string') {
        const cut = entry.indexOf('\n');
        if (entry.slice(0, cut) === generation) return { generation, hit: JSON.parse(entry.slice(cut + 1)) as SearchResultDto };
      }
      return { generation };
    } catch (e) {
      this.log.warn(`search cache read failed: ${(e as Error).message}`);
      return { generation: null };
    }
  }

  async set(generation: string | null, query: SearchAchievementsQueryDto, result: SearchResultDto): Promise<void> {
    if (generation === null || !this.usable) return;
    try {
      await this.redis.set(this.key(query), `${generation}\n${JSON.stringify(result)}`, 'EX', this.ttl);
    } catch (e) {
      this.log.warn(`search cache write failed: ${(e as Error).message}`);
    }
  }

  /**
   * Any other result derived from public catalog data (brokerage: a demand's matches), under the same
   * generation rule: `compute` runs on a miss and its result is stored under the generation read before it,
   * so a publish/withdraw/edit committed meanwhile makes the next reader compute afresh. `name` must hold
   * everything else the result depends on. Without the cache (TTL 0, Redis down) it just computes.
   */
  async derived<T>(name: string, compute: () => Promise<T>): Promise<{ value: T; hit: boolean }> {
    if (!this.usable) return { value: await compute(), hit: false };
    const key = `${this.prefix}derived:${createHash('sha1').update(name).digest('base64url')}`;
    let generation: string | null = null;
    try {
      const [[, gen], [, entry]] = (await this.redis.multi().get(this.genKey).get(key).exec()) as [unknown, string | null][];
      generation = gen ?? '0';
      if (typeof entry === 'string') {
        const cut = entry.indexOf('\n');
        if (entry.slice(0, cut) === generation) return { value: JSON.parse(entry.slice(cut + 1)) as T, hit: true };
      }
    } catch (e) {
      this.log.warn(`derived cache read failed: ${(e as Error).message}`);
    }
    const value = await compute();
    if (generation !== null) {
      await this.redis.set(key, `${generation}\n${JSON.stringify(value)}`, 'EX', this.ttl).catch((e: Error) => this.log.warn(`derived cache write failed: ${e.message}`));
    }
    return { value, hit: false };
  }

  /**
   * Call after a commit that changed public catalog data. If Redis cannot be told, entries still expire
   * within the TTL; the failure is logged. Runs even where this process does not cache (TTL 0): another
   * process of the deployment may, and would otherwise serve stale pages.
   */
  async invalidate(): Promise<void> {
    try {
      await this.redis.incr(this.genKey);
    } catch (e) {
      this.log.warn(`search cache invalidation failed (entries expire within ${this.ttl} s): ${(e as Error).message}`);
    }
  }
}
