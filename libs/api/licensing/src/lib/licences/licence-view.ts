import type { InvoiceKind, LicenceMilestone, RoyaltyReport } from '@ttx/shared/contracts';
import { deferralEnd, periodsDue } from '@ttx/shared/policy';
import type { EntityManager } from 'typeorm';
import type { InvoiceDto } from '../dto/money.dto';
import type { LicenceDetailDto, LicenceSummaryDto } from '../dto/licence.dto';
import { today, type LicenceRow } from './licence-row';

export interface InvoiceRow {
  id: string;
  number: string;
  licence_id: string;
  kind: InvoiceKind;
  period_key: string;
  amount_fen: string;
  paid_fen: string;
  issued_on: string;
  due_on: string;
}
export const INVOICE_COLUMNS = `i.id, i.number, i.licence_id, i.kind, i.period_key, i.amount_fen, i.paid_fen, i.issued_on::text AS issued_on, i.due_on::text AS due_on`;

export function invoiceView(r: InvoiceRow, asOf = today()): InvoiceDto {
  const amount = Number(r.amount_fen);
  const paid = Number(r.paid_fen);
  return {
    id: r.id,
    number: r.number,
    licenceId: r.licence_id,
    kind: r.kind,
    periodKey: r.period_key,
    amount,
    paid,
    outstanding: amount - paid,
    status: paid === 0 ? 'open' : paid < amount ? 'partially_paid' : 'paid',
    issuedAt: r.issued_on,
    dueOn: r.due_on,
    overdue: paid < amount && r.due_on < asOf,
  };
}

/** Summaries of licence rows with titles, party names and open amounts: three set-based reads. */
export async function summaries(
  m: EntityManager,
  rows: LicenceRow[],
  orgNames: (ids: string[]) => Promise<Map<string, string>>,
  roleOf: (r: LicenceRow) => LicenceSummaryDto['role'],
): Promise<LicenceSummaryDto[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [name, money] = await Promise.all([
    orgNames([...new Set(rows.flatMap((r) => [r.licensor_org_id, r.licensee_org_id]))]),
    m.query(
      `SELECT licence_id, COALESCE(sum(amount_fen - paid_fen), 0) AS outstanding,
              COALESCE(sum(amount_fen - paid_fen) FILTER (WHERE due_on < $2::date), 0) AS overdue
         FROM invoices WHERE licence_id = ANY($1) GROUP BY licence_id`,
      [ids, today()],
    ),
  ]);
  const open = new Map<string, { outstanding: string; overdue: string }>(money.map((x: { licence_id: string; outstanding: string; overdue: string }) => [x.licence_id, x]));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    achievementId: r.achievement_id,
    title: { zh: r.title_zh, en: r.title_en },
    kind: r.kind,
    status: r.status,
    licensorOrgId: r.licensor_org_id,
    licensorName: name.get(r.licensor_org_id) ?? '',
    licenseeOrgId: r.licensee_org_id,
    licenseeName: name.get(r.licensee_org_id) ?? '',
    territory: r.territory,
    fieldsOfUse: r.fields_of_use,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    sublicensing: r.sublicensing,
    dealId: r.deal_id,
    terms: r.terms,
    deferredUntil: r.terms.deferral ? deferralEnd(r.terms, r.starts_on, r.first_sales_on) : null,
    outstanding: Number(open.get(r.id)?.outstanding ?? 0),
    overdue: Number(open.get(r.id)?.overdue ?? 0),
    role: roleOf(r),
    createdAt: r.created_at.toISOString(),
  }));
}

export async function detail(m: EntityManager, summary: LicenceSummaryDto, r: LicenceRow): Promise<LicenceDetailDto> {
  const [milestones, reports] = await Promise.all([
    m.query(`SELECT id, name, amount_fen, confirmed_at FROM licence_milestones WHERE licence_id = $1 ORDER BY position`, [r.id]),
    m.query(
      `SELECT id, period_key, period_start::text AS period_start, period_end::text AS period_end, net_sales_fen, royalty_fen, submitted_at, late
         FROM royalty_reports WHERE licence_id = $1 ORDER BY period_start`,
      [r.id],
    ),
  ]);
  const royaltyReports: RoyaltyReport[] = reports.map(
    (x: { id: string; period_key: string; period_start: string; period_end: string; net_sales_fen: string; royalty_fen: string; submitted_at: Date; late: boolean }) => ({
      id: x.id,
      period: x.period_key,
      periodStart: x.period_start,
      periodEnd: x.period_end,
      netSales: Number(x.net_sales_fen),
      royalty: Number(x.royalty_fen),
      submittedAt: x.submitted_at.toISOString(),
      late: x.late,
    }),
  );
  const reported = new Set(royaltyReports.map((x) => x.period));
  const royalty = r.terms.royalty;
  const missingReports = royalty && r.status === 'active' ? periodsDue(r.starts_on, r.ends_on, royalty.period, today()).filter((p) => !reported.has(p)) : [];
  return {
    ...summary,
    licensors: r.licensors,
    milestones: milestones.map((x: { id: string; name: string; amount_fen: string; confirmed_at: Date | null }): LicenceMilestone => ({
      id: x.id,
      name: x.name,
      amount: Number(x.amount_fen),
      status: x.confirmed_at ? 'confirmed' : 'pending',
      confirmedAt: x.confirmed_at?.toISOString() ?? null,
    })),
    royaltyReports,
    missingReports,
    policy: { policyId: r.policy.policyId, teamNetIncomeSharePct: r.policy.teamNetIncomeSharePct, ttoRetentionPct: r.policy.ttoRetentionPct, model: r.policy.model },
  };
}
