import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { APP_CONFIG, JOB_IDS, JOBS, QUEUES, QueueService, createRedis, type AppConfig, type JobPayloads } from '@ttx/api/core';
import { ReviewReminderService } from '../contracts/review-reminder.service';
import { ImportRunner } from './import-runner';

/** Worker side of the registry queue: bulk imports (with job progress) and the hourly review reminder. */
@Injectable()
export class RegistryWorkerProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('RegistryWorkerProcessor');
  private worker?: Worker;
  private connection?: ReturnType<typeof createRedis>;

  constructor(
    private readonly runner: ImportRunner,
    private readonly reminder: ReviewReminderService,
    private readonly queues: QueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = createRedis(this.config.REDIS_URL, { forWorker: true, name: 'ttx-worker-registry' });
    this.worker = new Worker(QUEUES.registry, (job: Job) => this.process(job), {
      connection: this.connection,
      prefix: `${this.config.REDIS_PREFIX}:bull`,
      concurrency: 1,
      // A million-row import holds the job for a while; keep its lock alive meanwhile.
      lockDuration: 120_000,
    });
    this.worker.on('failed', (job, err) => this.log.warn(`${job?.name} failed: ${err.message}`));
    await this.queues.queue(QUEUES.registry).upsertJobScheduler(JOB_IDS.reviewReminderSchedule, { every: 3_600_000 }, {
      name: JOBS.reviewReminder,
      data: { reason: 'schedule' },
      opts: { removeOnComplete: 10, removeOnFail: 10 },
    });
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JOBS.contractImport) {
      const { importId } = job.data as JobPayloads[typeof JOBS.contractImport];
      const done = await this.runner.run(importId, (p) => job.updateProgress(p));
      return { status: done.status, imported: done.imported };
    }
    if (job.name === JOBS.reviewReminder) return { reminded: await this.reminder.remindOverdue() };
    throw new Error(`unknown job ${job.name}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    this.connection?.disconnect();
  }
}
