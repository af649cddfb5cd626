import { Injectable } from '@nestjs/common';
import { OutboxService, QueueService } from '@ttx/api/core';
import { MemberDirectory } from '@ttx/api/identity';
import { formatYuan as yuan, REMINDER_STEPS } from '@ttx/shared/policy';
import { DataSource, type EntityManager } from 'typeorm';
import { today } from '../licences/licence-row';
import { uninvoicedDue } from './billing-loader';

/**
 * Worker side of invoicing. `issue` inserts one invoice with ON CONFLICT DO NOTHING on (licence, period key,
 * kind) and, only when this transaction inserted it, a notice with a dedupe key and its outbox rows — so a
 * job run twice, or killed after the commit and retried, never makes a second invoice or notification.
 */
@Injectable()
export class InvoiceIssuer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly members: MemberDirectory,
    private readonly outbox: OutboxService,
    private readonly queues: QueueService,
  ) {}

  async issue(licenceId: string, periodKey: string, asOf = today()): Promise<'issued' | 'exists' | 'not-due'> {
    const result = await this.dataSource.transaction(async (m) => {
      const entry = (await uninvoicedDue(m, [licenceId], asOf)).get(licenceId);
      const item = entry?.due.find((d) => d.periodKey === periodKey);
      if (!entry || !item) return 'not-due' as const;
      const rows: { id: string; number: string }[] = await m.query(
        `INSERT INTO invoices (licence_id, kind, period_key, amount_fen, issued_on, due_on) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (licence_id, period_key, kind) DO NOTHING RETURNING id, number`,
        [licenceId, item.kind, item.periodKey, item.amount, item.issueOn, item.dueOn],
      );
      if (!rows.length) return 'exists' as const;
      await this.notify(m, `invoice:${rows[0].id}`, entry.licence.licensee_org_id, {
        kind: 'licence-invoice',
        title: { zh: `新账单 ${rows[0].number}：¥${yuan(item.amount)}`, en: `New invoice ${rows[0].number}: CNY ${yuan(item.amount)}` },
        body: { zh: `许可 ${entry.licence.number} 的账单，请于 ${item.dueOn} 前付款。`, en: `An invoice of licence ${entry.licence.number}, due on ${item.dueOn}.` },
        link: `/licensing/licences/${licenceId}?invoice=${rows[0].id}`,
      });
      return 'issued' as const;
    });
    if (result === 'issued') await this.queues.nudgeOutbox();
    return result;
  }

  /**
   * Overdue reminders: for each open invoice the latest reminder step it has reached, once — the notice's
   * dedupe key (`reminder:<invoice>:<step>`) is inserted in the same transaction as its outbox rows.
   */
  async remind(asOf = today(), batch = 500): Promise<number> {
    let sent = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (m) => {
        const due: { id: string; number: string; licence_id: string; licence_number: string; licensee_org_id: string; step: number; open: string }[] = await m.query(
          `SELECT * FROM (
             SELECT DISTINCT ON (i.id) i.id, i.number, i.licence_id, l.number AS licence_number, l.licensee_org_id, s.step, i.amount_fen - i.paid_fen AS open
               FROM invoices i JOIN licences l ON l.id = i.licence_id CROSS JOIN unnest($1::int[]) AS s(step)
              WHERE i.paid_fen < i.amount_fen AND i.due_on + s.step <= $2::date
              ORDER BY i.id, s.step DESC) d
            WHERE NOT EXISTS (SELECT 1 FROM licensing_notices n WHERE n.dedupe_key = 'reminder:' || d.id || ':' || d.step)
            LIMIT $3`,
          [REMINDER_STEPS, asOf, batch],
        );
        for (const d of due) {
          await this.notify(m, `reminder:${d.id}:${d.step}`, d.licensee_org_id, {
            kind: 'licence-invoice-overdue',
            title: { zh: `账单 ${d.number} 已逾期 ${d.step} 天`, en: `Invoice ${d.number} is ${d.step} days overdue` },
            body: { zh: `许可 ${d.licence_number} 尚有 ¥${yuan(Number(d.open))} 未付。`, en: `CNY ${yuan(Number(d.open))} of licence ${d.licence_number} is still open.` },
            link: `/licensing/licences/${d.licence_id}?invoice=${d.id}`,
          });
        }
        return due.length;
      });
      sent += n;
      if (n < batch) break;
    }
    if (sent) await this.queues.nudgeOutbox();
    return sent;
  }

  /** Marks active licences past their end as expired (their exclusivity ranges end with them). */
  async expire(asOf = today()): Promise<number> {
    const r = await this.dataSource.query(`UPDATE licences SET status = 'expired' WHERE status = 'active' AND ends_on < $1::date`, [asOf]);
    return Array.isArray(r) ? Number(r[1] ?? 0) : 0;
  }

  private async notify(
    m: EntityManager,
    dedupeKey: string,
    licenseeOrgId: string,
    n: { kind: string; title: { zh: string; en: string }; body: { zh: string; en: string }; link: string },
  ): Promise<void> {
    const fresh = await m.query(`INSERT INTO licensing_notices (dedupe_key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING dedupe_key`, [dedupeKey]);
    if (!fresh.length) return;
    for (const userId of await this.members.usersWithRole(licenseeOrgId, 'enterprise_member', m)) {
      await this.outbox.enqueue(m, 'notification', { userId, ...n, email: true });
    }
  }
}
