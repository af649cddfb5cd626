import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { PROBLEM_JSON, Public, REDIS, problemType } from '@ttx/api/core';

class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ enum: ['up', 'down'] }) db!: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis!: 'up' | 'down';
}

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), ms).unref())]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: IORedis,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ description: 'Problem body with db/redis states when a part is down' })
  async health(@Res() reply: FastifyReply): Promise<void> {
    const [db, redis] = await Promise.all([
      within(this.dataSource.query('SELECT 1'), 2000).then(() => 'up' as const, () => 'down' as const),
      within(this.redis.ping(), 2000).then(() => 'up' as const, () => 'down' as const),
    ]);
    if (db === 'up' && redis === 'up') {
      void reply.status(200).send({ status: 'ok', db, redis });
      return;
    }
    void reply
      .status(503)
      .header('content-type', PROBLEM_JSON)
      .send(
        JSON.stringify({
          type: problemType('unhealthy'),
          title: 'Service unavailable',
          status: 503,
          detail: `db ${db}, redis ${redis}`,
          db,
          redis,
        }),
      );
  }
}
