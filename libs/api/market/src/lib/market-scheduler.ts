import { Injectable, Logger } from '@nestjs/common';
import { JOB_IDS, JOBS, QUEUES, QueueService } from '@ttx/api/core';

/**
 * Delayed BullMQ jobs of the market with deterministic ids, so scheduling twice is a no-op. Called after
 * the transaction commits; if Redis is down the sweeper (worker start-up) schedules what is due.
 */
@Injectable()
export class MarketScheduler {
  private readonly log = new Logger('MarketScheduler');

  constructor(private readonly queues: QueueService) {}

  async auctionClose(auctionId: string, endsAt: Date): Promise<void> {
    await this.add(JOBS.auctionClose, { auctionId }, JOB_IDS.auctionClose(auctionId, endsAt), endsAt);
  }

  async listingPeriodEnd(listingId: string, at: Date): Promise<void> {
    await this.add(JOBS.listingPeriodEnd, { listingId }, JOB_IDS.listingPeriodEnd(listingId), at);
  }

  private async add(name: string, data: object, jobId: string, at: Date): Promise<void> {
    try {
      await this.queues.queue(QUEUES.market).add(name, data, {
        jobId,
        delay: Math.max(0, at.getTime() - Date.now()),
        attempts: 5,
        backoff: { type: 'exponential', delay: 500 },
        removeOnComplete: 1000,
        removeOnFail: 1000,
      });
    } catch (e) {
      this.log.warn(`could not schedule ${jobId}: ${(e as Error).message}`);
    }
  }
}
