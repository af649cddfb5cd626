import { Injectable } from '@nestjs/common';
import { AuditService, Problems, type AuthUser } from '@ttx/api/core';
import { periodBounds, reportIsLate, royaltyAmount } from '@ttx/shared/policy';
import { DataSource } from 'typeorm';
import type { RoyaltyReportDto, RoyaltyReportInputDto } from '../dto/licence.dto';
import { InvoiceScheduler } from '../invoices/invoice-scheduler';
import { LicenceAccess } from './licence-access';
import { isUnique, today } from './licence-row';
import { LicencesService } from './licences.service';

/** DOMAIN.md §3: the licensee reports net sales per royalty period, once per period; late ones are flagged. */
@Injectable()
export class RoyaltyReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: LicenceAccess,
    private readonly licences: LicencesService,
    private readonly audit: AuditService,
    private readonly invoices: InvoiceScheduler,
  ) {}

  async submit(caller: AuthUser, licenceId: string, dto: RoyaltyReportInputDto): Promise<RoyaltyReportDto> {
    const now = today();
    const report = await this.dataSource.transaction(async (m) => {
      const o = await this.access.orgs(caller, m);
      const l = await this.licences.load(m, licenceId, true);
      this.access.assertLicensee(o, l);
      if (l.status !== 'active') throw Problems.conflict('licence-not-active', `Sales are reported on an active licence (this one is ${l.status})`);
      const royalty = l.terms.royalty;
      if (!royalty) throw Problems.rule('licence-without-royalty', 'This licence has no running royalty to report sales for', [{ field: 'period', message: 'no royalty term' }]);
      const b = periodBounds(dto.period, royalty.period);
      if (!b) throw Problems.rule('royalty-period', `The period must be a ${royalty.period} key like ${royalty.period === 'monthly' ? '2026-09' : royalty.period === 'quarterly' ? '2026-Q3' : '2026'}`, [{ field: 'period', message: `not a ${royalty.period} period` }]);
      if (b.end < l.starts_on || b.start > l.ends_on) throw Problems.rule('royalty-period', 'The period lies outside the licence term', [{ field: 'period', message: 'outside the licence term' }]);
      if (b.end >= now) throw Problems.rule('royalty-period', 'A period is reported after it ends', [{ field: 'period', message: `ends on ${b.end}` }]);
      const amount = royaltyAmount(dto.netSales, royalty.rateBp);
      const late = reportIsLate(b.end, now);
      let row: { id: string; submitted_at: Date };
      try {
        [row] = await m.query(
          `INSERT INTO royalty_reports (licence_id, period_key, period_start, period_end, net_sales_fen, royalty_fen, late, submitted_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
           RETURNING id, submitted_at`,
          [licenceId, dto.period, b.start, b.end, dto.netSales, amount, late, caller.id],
        );
      } catch (e) {
        if (isUnique(e, 'royalty_reports_period_key')) throw Problems.conflict('royalty-report-exists', `Sales for ${dto.period} are already reported`);
        throw e;
      }
      // The first reported sales end a use-first-pay-later deferral that waits for them.
      if (dto.netSales > 0 && !l.first_sales_on) await m.query(`UPDATE licences SET first_sales_on = $2 WHERE id = $1`, [licenceId, now]);
      await this.audit.append(m, { actorId: caller.id, action: 'licence.royalty-report', entityType: 'licence', entityId: licenceId, data: { period: dto.period, netSales: dto.netSales, royalty: amount, late } });
      return { id: row.id, period: dto.period, periodStart: b.start, periodEnd: b.end, netSales: dto.netSales, royalty: amount, submittedAt: row.submitted_at.toISOString(), late };
    });
    await this.invoices.scheduleDue(licenceId);
    return report;
  }
}
