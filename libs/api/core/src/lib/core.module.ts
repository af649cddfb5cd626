import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import type IORedis from 'ioredis';
import { AuditService } from './audit/audit.service';
import { JwtStrategy } from './auth/jwt.strategy';
import { JwtAuthGuard, PermissionGuard } from './auth/guards';
import { APP_CONFIG, ConfigModule } from './config/config.module';
import type { AppConfig } from './config/env';
import { DatabaseModule } from './database/database.module';
import { OutboxService } from './outbox/outbox.service';
import { QueueService, REDIS } from './queue/queue.service';
import { createRedis } from './queue/redis';

/** Platform plumbing shared by the api and the worker: config, database, Redis, queues, audit, outbox. */
@Global()
@Module({
  imports: [ConfigModule, DatabaseModule.forRoot(), PassportModule],
  providers: [
    { provide: REDIS, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createRedis(c.REDIS_URL, { name: 'ttx-api' }) },
    QueueService,
    AuditService,
    OutboxService,
  ],
  exports: [ConfigModule, REDIS, QueueService, AuditService, OutboxService],
})
export class CoreModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: IORedis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

/** HTTP-only: authentication and permission checks on every route. */
@Module({
  providers: [
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: PermissionGuard },
  ],
})
export class HttpAuthModule {}
