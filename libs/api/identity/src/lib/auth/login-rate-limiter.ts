import { Inject, Injectable } from '@nestjs/common';
import type IORedis from 'ioredis';
import { APP_CONFIG, Problems, REDIS, type AppConfig } from '@ttx/api/core';

/**
 * Counts failed logins per e-mail and per IP in Redis (shared by every api process).
 * An IP gets four times the e-mail allowance, since offices and NATs share addresses.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, ip: string): [string, string] {
    const p = `${this.config.REDIS_PREFIX}:rl:login`;
    return [`${p}:email:${email}`, `${p}:ip:${ip}`];
  }

  /** Throws 429 with Retry-After while either counter is over its limit. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [ek, ik] = this.keys(email, ip);
    const max = this.config.LOGIN_MAX_FAILURES;
    const res = await this.redis.multi().get(ek).pttl(ek).get(ik).pttl(ik).exec();
    const [[, eCount], [, eTtl], [, iCount], [, iTtl]] = res as [unknown, unknown][];
    const over = (count: unknown, limit: number) => Number(count ?? 0) >= limit;
    if (over(eCount, max) || over(iCount, max * 4)) {
      const ttl = Math.max(Number(over(eCount, max) ? eTtl : 0), Number(over(iCount, max * 4) ? iTtl : 0));
      throw Problems.tooMany(ttl / 1000, 'Too many failed sign-in attempts; try again later');
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const window = this.config.LOGIN_WINDOW_SECONDS;
    const tx = this.redis.multi();
    for (const k of this.keys(email, ip)) tx.incr(k).expire(k, window, 'NX');
    await tx.exec();
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(this.keys(email, '')[0]);
  }
}
