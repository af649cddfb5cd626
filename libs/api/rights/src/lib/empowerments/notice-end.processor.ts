import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, JOBS, QUEUES, createRedis, type AppConfig, type JobPayloads } from '@ttx/api/core';
import { EmpowermentFinalizer } from './empowerment-finalizer.service';

/** Worker side of the rights queue: ends public notices. */
@Injectable()
export class NoticeEndProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('NoticeEndProcessor');
  private worker?: Worker;
  private connection?: ReturnType<typeof createRedis>;

  constructor(
    private readonly finalizer: EmpowermentFinalizer,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = createRedis(this.config.REDIS_URL, { forWorker: true, name: 'ttx-worker-rights' });
    this.worker = new Worker(QUEUES.rights, (job: Job) => this.process(job), {
      connection: this.connection,
      prefix: `${this.config.REDIS_PREFIX}:bull`,
      concurrency: 2,
    });
    this.worker.on('failed', (job, err) => this.log.warn(`${job?.name} ${job?.id} failed: ${err.message}`));
    // If the api committed a notice but could not reach Redis, its job is missing: re-add every one
    // (the deterministic id makes this a no-op for jobs that exist).
    const open: { id: string; endsAt: Date }[] = await this.dataSource.query(
      `SELECT id, notice_ends_at AS "endsAt" FROM empowerments WHERE status = 'in_notice' AND notice_ends_at IS NOT NULL`,
    );
    for (const e of open) await this.finalizer.scheduleNoticeEnd(e.id, new Date(e.endsAt));
  }

  async process(job: Job<JobPayloads[typeof JOBS.empowermentNoticeEnd]>): Promise<{ outcome: string }> {
    if (job.name !== JOBS.empowermentNoticeEnd) throw new Error(`unknown job ${job.name}`);
    return { outcome: await this.finalizer.onNoticeEnd(job.data.empowermentId) };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    // BullMQ does not close a connection it was given: without this a closed context keeps Redis open.
    await this.connection?.quit().catch(() => undefined);
  }
}
