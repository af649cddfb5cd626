import { invoicesDue, type InvoiceDue } from '@ttx/shared/policy';
import type { EntityManager } from 'typeorm';
import { LICENCE_COLUMNS, type LicenceRow } from '../licences/licence-row';

/**
 * What each of the given licences owes by `asOf` and has not been invoiced yet — four set-based reads for
 * a whole batch (the sweep reads 500 licences at a time).
 */
export async function uninvoicedDue(m: EntityManager, licenceIds: string[], asOf: string): Promise<Map<string, { licence: LicenceRow; due: InvoiceDue[] }>> {
  const out = new Map<string, { licence: LicenceRow; due: InvoiceDue[] }>();
  if (!licenceIds.length) return out;
  // One after another: `m` may be a transaction's single connection.
  const licences: LicenceRow[] = await m.query(`SELECT ${LICENCE_COLUMNS} FROM licences l WHERE l.id = ANY($1) AND l.status = 'active'`, [licenceIds]);
  const milestones = await m.query(`SELECT licence_id, id, amount_fen, confirmed_at::date::text AS confirmed_on FROM licence_milestones WHERE licence_id = ANY($1)`, [licenceIds]);
  const reports = await m.query(
    `SELECT licence_id, period_key, period_end::text AS period_end, royalty_fen, submitted_at::date::text AS submitted_on FROM royalty_reports WHERE licence_id = ANY($1)`,
    [licenceIds],
  );
  const invoiced = await m.query(`SELECT licence_id, period_key FROM invoices WHERE licence_id = ANY($1)`, [licenceIds]);
  const by = <T extends { licence_id: string }>(rows: T[]) => {
    const g = new Map<string, T[]>();
    for (const r of rows) g.set(r.licence_id, [...(g.get(r.licence_id) ?? []), r]);
    return g;
  };
  const ms = by<{ licence_id: string; id: string; amount_fen: string; confirmed_on: string | null }>(milestones);
  const rs = by<{ licence_id: string; period_key: string; period_end: string; royalty_fen: string; submitted_on: string }>(reports);
  const done = new Set(invoiced.map((i: { licence_id: string; period_key: string }) => `${i.licence_id}|${i.period_key}`));
  for (const l of licences) {
    const due = invoicesDue(
      {
        startsOn: l.starts_on,
        endsOn: l.ends_on,
        terms: l.terms,
        firstSalesOn: l.first_sales_on,
        milestones: (ms.get(l.id) ?? []).map((x) => ({ id: x.id, amount: Number(x.amount_fen), confirmedOn: x.confirmed_on })),
        reports: (rs.get(l.id) ?? []).map((x) => ({ period: x.period_key, periodEnd: x.period_end, royalty: Number(x.royalty_fen), submittedOn: x.submitted_on })),
      },
      asOf,
    ).filter((d) => !done.has(`${l.id}|${d.periodKey}`));
    out.set(l.id, { licence: l, due });
  }
  return out;
}
