import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { APP_CONFIG, AuditService, JOB_IDS, JOBS, QUEUES, QueueService, createRedis, type AppConfig } from '@ttx/api/core';
import { OutboxRelayService } from './outbox-relay.service';

/**
 * Worker side of the platform queue: relays the outbox on every nudge and every 5 seconds, and links
 * pending audit entries every 10 seconds (each process links its own right after commit; this catches
 * whatever a process left behind when it stopped).
 */
@Injectable()
export class OutboxRelayProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('OutboxRelayProcessor');
  private worker?: Worker;

  constructor(
    private readonly relay: OutboxRelayService,
    private readonly audit: AuditService,
    private readonly queues: QueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = createRedis(this.config.REDIS_URL, { forWorker: true, name: 'ttx-worker' });
    this.worker = new Worker(QUEUES.platform, (job: Job) => this.process(job), {
      connection,
      prefix: `${this.config.REDIS_PREFIX}:bull`,
      concurrency: 1,
    });
    this.worker.on('failed', (job, err) => this.log.warn(`${job?.name} failed: ${err.message}`));
    // Upsert keeps exactly one schedule however many workers start.
    await this.queues
      .queue(QUEUES.platform)
      .upsertJobScheduler(JOB_IDS.outboxSchedule, { every: 5000 }, {
        name: JOBS.outboxRelay,
        data: { reason: 'schedule' },
        opts: { removeOnComplete: 100, removeOnFail: 100 },
      });
    await this.queues
      .queue(QUEUES.platform)
      .upsertJobScheduler(JOB_IDS.auditChainSchedule, { every: 10_000 }, {
        name: JOBS.auditChain,
        data: { reason: 'schedule' },
        opts: { removeOnComplete: 100, removeOnFail: 100 },
      });
  }

  async process(job: Job): Promise<{ delivered: number } | { linked: number }> {
    if (job.name === JOBS.outboxRelay) return { delivered: await this.relay.relayAll() };
    if (job.name === JOBS.auditChain) return { linked: await this.audit.chainPending() };
    throw new Error(`unknown job ${job.name}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
