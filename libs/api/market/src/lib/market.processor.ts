import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, JOBS, QUEUES, createRedis, type AppConfig } from '@ttx/api/core';
import { Worker, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuctionCloser } from './auctions/auction-closer.service';
import { MarketScheduler } from './market-scheduler';
import { TakeService } from './trading/take.service';

/**
 * Worker side of the market queue: auction closes and fixed-price period ends. At start-up it also
 * schedules whatever is due (a close job lost with Redis would otherwise never fire); ids are deterministic.
 */
@Injectable()
export class MarketProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('MarketProcessor');
  private worker?: Worker;
  private connection?: ReturnType<typeof createRedis>;

  constructor(
    private readonly closer: AuctionCloser,
    private readonly take: TakeService,
    private readonly scheduler: MarketScheduler,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = createRedis(this.config.REDIS_URL, { forWorker: true, name: 'ttx-worker-market' });
    this.worker = new Worker(QUEUES.market, (job: Job) => this.process(job), {
      connection: this.connection,
      prefix: `${this.config.REDIS_PREFIX}:bull`,
      // Closes of different lots are independent transactions that mostly wait on PostgreSQL round
      // trips; when many lots end together on a busy machine, 8 at a time fell behind (close p99 > 5 s
      // in the market bench). 16 stays within the worker's pool of 20 connections.
      concurrency: 16,
    });
    this.worker.on('failed', (job, err) => this.log.warn(`${job?.name} ${job?.id} failed: ${err.message}`));
    await this.sweep();
  }

  async sweep(): Promise<void> {
    const due: { id: string; ends_at: Date }[] = await this.dataSource.query(`SELECT id, ends_at FROM auctions WHERE status IN ('scheduled','open')`);
    for (const a of due) await this.scheduler.auctionClose(a.id, a.ends_at);
    const periods: { id: string; period_ends_at: Date }[] = await this.dataSource.query(
      `SELECT id, period_ends_at FROM listings WHERE method = 'fixed_price' AND status = 'open' AND period_ends_at IS NOT NULL`,
    );
    for (const l of periods) await this.scheduler.listingPeriodEnd(l.id, l.period_ends_at);
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === JOBS.auctionClose) return this.closer.close((job.data as { auctionId: string }).auctionId);
    if (job.name === JOBS.listingPeriodEnd) return this.take.endPeriod((job.data as { listingId: string }).listingId);
    throw new Error(`unknown job ${job.name}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.connection?.quit().catch(() => undefined);
  }
}
