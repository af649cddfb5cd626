import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { APP_CONFIG, JOB_IDS, JOBS, QUEUES, QueueService, createRedis, type AppConfig, type JobPayloads } from '@ttx/api/core';
import { InvoiceIssuer } from './invoice-issuer';
import { InvoiceScheduler } from './invoice-scheduler';

/**
 * The licensing queue: an hourly sweep (expire ended licences, add one invoice job per licence and due
 * period, send overdue reminders) and the invoice jobs themselves. Every handler is idempotent: BullMQ
 * delivers at least once, and a worker killed mid-job has the job retried after its lock expires.
 */
@Injectable()
export class LicensingProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('LicensingProcessor');
  private worker?: Worker;

  constructor(
    private readonly scheduler: InvoiceScheduler,
    private readonly issuer: InvoiceIssuer,
    private readonly queues: QueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = createRedis(this.config.REDIS_URL, { forWorker: true, name: 'ttx-worker-licensing' });
    this.worker = new Worker(QUEUES.licensing, (job: Job) => this.process(job), {
      connection,
      prefix: `${this.config.REDIS_PREFIX}:bull`,
      concurrency: 4,
      // A killed worker's jobs come back after the lock lapses; short enough for the fault test, long for a batch.
      lockDuration: 15_000,
      stalledInterval: 5_000,
      maxStalledCount: 10,
    });
    this.worker.on('failed', (job, err) => this.log.warn(`${job?.name} ${job?.id} failed: ${err.message}`));
    await this.queues.queue(QUEUES.licensing).upsertJobScheduler(JOB_IDS.licensingSweep, { every: 60 * 60_000 }, {
      name: JOBS.licensingSweep,
      data: {},
      opts: { removeOnComplete: 50, removeOnFail: 50 },
    });
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JOBS.licenceInvoice) {
      const { licenceId, periodKey } = job.data as JobPayloads[typeof JOBS.licenceInvoice];
      return this.issuer.issue(licenceId, periodKey);
    }
    if (job.name === JOBS.licensingSweep) {
      const expired = await this.issuer.expire();
      const invoiceJobs = await this.scheduler.sweepInvoices();
      const reminders = await this.issuer.remind();
      return { expired, invoiceJobs, reminders };
    }
    throw new Error(`unknown job ${job.name}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
