import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { JOB_IDS, JOBS, QUEUES, type QueueName } from './queues';

export const REDIS = Symbol('REDIS');

/** Producer side of BullMQ for the api; the worker owns the processors. */
@Injectable()
export class QueueService implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.redis, prefix: `${this.config.REDIS_PREFIX}:bull` });
      this.queues.set(name, q);
    }
    return q;
  }

  all(): Queue[] {
    return Object.values(QUEUES).map((n) => this.queue(n));
  }

  /** Call after a transaction that wrote to the outbox committed; failures are harmless (the schedule catches up). */
  async nudgeOutbox(): Promise<void> {
    try {
      await this.queue(QUEUES.platform).add(
        JOBS.outboxRelay,
        { reason: 'nudge' },
        { jobId: JOB_IDS.outboxNudge, removeOnComplete: true, removeOnFail: true },
      );
    } catch {
      /* the 5-second schedule relays it anyway */
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
