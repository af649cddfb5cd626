import { Injectable, Logger } from '@nestjs/common';
import { JOB_IDS, JOBS, QUEUES, QueueService } from '@ttx/api/core';
import { DataSource } from 'typeorm';
import { today } from '../licences/licence-row';
import { uninvoicedDue } from './billing-loader';

export const SWEEP_BATCH = 500;
// Completed jobs are dropped: the invoice row's unique key, not the job id, is what makes a re-run a no-op.
const JOB_OPTS = { removeOnComplete: true, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 2000 } } as const;

/**
 * Adds one BullMQ job per licence and invoice period with a deterministic id (`invoice-<licence>-<period>`):
 * while such a job exists adding it again is a no-op, and once done the invoice row's unique key makes a
 * re-added job a no-op too. Called after a change (a report, a confirmation) and by the sweep for all.
 */
@Injectable()
export class InvoiceScheduler {
  private readonly log = new Logger('InvoiceScheduler');

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
  ) {}

  private async enqueue(items: { licenceId: string; periodKey: string }[]): Promise<number> {
    if (!items.length) return 0;
    await this.queues.queue(QUEUES.licensing).addBulk(
      items.map((d) => ({ name: JOBS.licenceInvoice, data: d, opts: { ...JOB_OPTS, jobId: JOB_IDS.licenceInvoice(d.licenceId, d.periodKey) } })),
    );
    return items.length;
  }

  /** After a commit: failures are harmless, the sweep finds the same work. */
  async scheduleDue(licenceId: string): Promise<void> {
    try {
      const due = await uninvoicedDue(this.dataSource.manager, [licenceId], today());
      await this.enqueue((due.get(licenceId)?.due ?? []).map((d) => ({ licenceId, periodKey: d.periodKey })));
    } catch (e) {
      this.log.warn(`licence ${licenceId}: invoice jobs not scheduled now (${(e as Error).message}); the sweep will`);
    }
  }

  /** Every active licence in id order, a batch at a time; returns how many invoice jobs were added. */
  async sweepInvoices(asOf = today()): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let added = 0;
    for (;;) {
      const ids: { id: string }[] = await this.dataSource.query(`SELECT id FROM licences WHERE status = 'active' AND id > $1 ORDER BY id LIMIT $2`, [after, SWEEP_BATCH]);
      if (!ids.length) return added;
      after = ids[ids.length - 1].id;
      const due = await uninvoicedDue(this.dataSource.manager, ids.map((r) => r.id), asOf);
      added += await this.enqueue([...due.values()].flatMap(({ licence, due }) => due.map((d) => ({ licenceId: licence.id, periodKey: d.periodKey }))));
    }
  }
}
