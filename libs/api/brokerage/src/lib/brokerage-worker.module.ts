import { Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { APP_CONFIG, JOB_IDS, JOBS, QUEUES, QueueService, createRedis, type AppConfig } from '@ttx/api/core';
import { BrokerageModule } from './brokerage.module';
import { DemandsService } from './demands/demands.service';

/** Worker side of the brokerage queue: the sweep expires demands past their deadline and announces new matches. */
@Injectable()
export class BrokerageSweepProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('BrokerageSweepProcessor');
  private worker?: Worker;

  constructor(
    private readonly demands: DemandsService,
    private readonly queues: QueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = createRedis(this.config.REDIS_URL, { forWorker: true, name: 'ttx-worker-brokerage' });
    this.worker = new Worker(QUEUES.brokerage, (job: Job) => this.process(job), { connection, prefix: `${this.config.REDIS_PREFIX}:bull`, concurrency: 1 });
    this.worker.on('failed', (job, err) => this.log.warn(`${job?.name} failed: ${err.message}`));
    // Upsert keeps exactly one schedule however many workers start; the sweep is idempotent.
    await this.queues.queue(QUEUES.brokerage).upsertJobScheduler(JOB_IDS.brokerageSweep, { every: 10 * 60_000 }, {
      name: JOBS.brokerageSweep,
      data: {},
      opts: { removeOnComplete: 50, removeOnFail: 50 },
    });
  }

  async process(job: Job): Promise<{ expired: number; notified: number }> {
    if (job.name !== JOBS.brokerageSweep) throw new Error(`unknown job ${job.name}`);
    return this.demands.sweep();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}

@Module({ imports: [BrokerageModule], providers: [BrokerageSweepProcessor] })
export class BrokerageWorkerModule {}
