import { Injectable } from '@nestjs/common';
import * as ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { Problems } from '@ttx/api/core';
import type { StatsGroupBy } from '@ttx/shared/contracts';
import type { StatsItemDto, StatsQueryDto } from '../dto/stats.dto';
import { regionName } from '../regions';

/** The key of a registered contract per dimension, as `registry_stats_apply` (migration) computes it. */
export const STATS_KEY_SQL: Record<StatsGroupBy, string> = {
  kind: 'c.kind',
  province: `substr(c.seller_region, 1, 2) || '0000'`,
  region: `CASE WHEN c.seller_region LIKE '%0000' THEN c.seller_region ELSE substr(c.seller_region, 1, 4) || '00' END`,
  field: `COALESCE(c.field_code, '-')`,
  partyType: 'c.seller_type',
  month: `to_char(c.registered_on, 'YYYY-MM')`,
};

const firstOfMonth = (d: string) => `${d.slice(0, 7)}-01`;
const addMonths = (d: string, n: number) => {
  const x = new Date(`${d.slice(0, 7)}-01T00:00:00Z`);
  x.setUTCMonth(x.getUTCMonth() + n);
  return x.toISOString().slice(0, 10);
};

/**
 * Statistics over registered contracts (DOMAIN.md §5 market monitoring). Whole months come from the
 * `contract_stats` roll-up (kept in the registering transaction); the partial months at either end of
 * `from`/`to` come from the contracts themselves through the `registered_on` index.
 */
@Injectable()
export class StatsService {
  constructor(private readonly dataSource: DataSource) {}

  async query(q: StatsQueryDto): Promise<StatsItemDto[]> {
    if (q.from && q.to && q.from > q.to) throw Problems.rule('date-range', 'from is after to', [{ field: 'from', message: 'is after to' }]);
    const from = q.from ?? '0001-01-01';
    const to = q.to ?? '9999-11-30';
    // Whole months: [fullFrom, fullToExcl)
    const fullFrom = from === firstOfMonth(from) ? from : addMonths(from, 1);
    const fullToExcl = addDay(to) === firstOfMonth(addDay(to)) ? addDay(to) : firstOfMonth(to);
    const dim = q.groupBy === 'month' ? 'kind' : q.groupBy;
    const rollKey = q.groupBy === 'month' ? `to_char(s.month, 'YYYY-MM')` : 's.key';
    const params: unknown[] = [dim, fullFrom, fullToExcl, from, to];
    const hasFull = fullFrom < fullToExcl;
    const sql = `
      SELECT key, sum(n)::bigint AS count, sum(cf)::bigint AS contract, sum(tf)::bigint AS tech FROM (
        SELECT ${rollKey} AS key, s.count AS n, s.contract_fen AS cf, s.tech_fen AS tf
          FROM contract_stats s WHERE s.dim = $1 AND $6 AND s.month >= $2::date AND s.month < $3::date
        UNION ALL
        SELECT ${STATS_KEY_SQL[q.groupBy]} AS key, 1, c.contract_fen, c.tech_fen
          FROM contracts c
         WHERE c.registration_number IS NOT NULL AND c.registered_on BETWEEN $4::date AND $5::date
           AND (NOT $6 OR c.registered_on < $2::date OR c.registered_on >= $3::date)
      ) u GROUP BY key HAVING sum(n) <> 0 ORDER BY key`;
    const rows: { key: string; count: string; contract: string; tech: string }[] = await this.dataSource.query(sql, [...params, hasFull]);
    const labelled = q.groupBy === 'region' || q.groupBy === 'province';
    return rows.map((r) => ({ key: r.key, label: labelled ? regionName(r.key) : null, count: Number(r.count), contractAmount: Number(r.contract), techTransactionAmount: Number(r.tech) }));
  }

  async export(q: StatsQueryDto, format: 'csv' | 'xlsx'): Promise<Buffer> {
    const items = await this.query(q);
    const header = [q.groupBy, 'label', 'count', 'contractAmountFen', 'techTransactionAmountFen'];
    const rows = items.map((i) => [i.key, i.label ?? '', i.count, i.contractAmount, i.techTransactionAmount]);
    if (format === 'csv') {
      const esc = (v: unknown) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
      // A BOM so that Excel opens the UTF-8 Chinese labels correctly.
      return Buffer.from('\ufeff' + [header, ...rows].map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n', 'utf8');
    }
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('contracts');
    ws.addRow(header);
    rows.forEach((r) => ws.addRow(r));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}

function addDay(d: string): string {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + 1);
  return x.toISOString().slice(0, 10);
}
