import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxService, QueueService } from '@ttx/api/core';
import { ContractsService } from './contracts.service';

/**
 * Once a day per contract, reminds the registrars of the region of accepted contracts whose review
 * deadline (DOMAIN.md §5: 30 days from acceptance) is overdue or at most 3 days away.
 */
@Injectable()
export class ReviewReminderService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly queues: QueueService,
    private readonly contracts: ContractsService,
  ) {}

  async remindOverdue(): Promise<number> {
    const n = await this.dataSource.transaction(async (m) => {
      const due: { id: string; project_name: string; seller_region: string; review_due_on: string; overdue: boolean }[] = await m.query(
        // A CTE so the driver returns plain rows (a bare UPDATE … RETURNING comes back as [rows, count]).
        `WITH due AS (
           UPDATE contracts SET reminded_on = current_date
            WHERE status = 'accepted' AND review_due_on <= current_date + 3 AND (reminded_on IS NULL OR reminded_on < current_date)
            RETURNING id, project_name, seller_region, to_char(review_due_on, 'YYYY-MM-DD') AS review_due_on, review_due_on < current_date AS overdue)
         SELECT * FROM due`,
      );
      for (const c of due) {
        for (const userId of await this.contracts.registrarsFor(m, c.seller_region)) {
          await this.outbox.enqueue(m, 'notification', {
            userId,
            kind: 'contract.review-due',
            title: c.overdue
              ? { zh: `技术合同审查已超期（${c.review_due_on}）`, en: `Contract review overdue (due ${c.review_due_on})` }
              : { zh: `技术合同审查即将到期（${c.review_due_on}）`, en: `Contract review due ${c.review_due_on}` },
            body: { zh: c.project_name, en: c.project_name },
            link: `/registry/contracts/${c.id}`,
          });
        }
      }
      return due.length;
    });
    if (n) void this.queues.nudgeOutbox();
    return n;
  }
}
