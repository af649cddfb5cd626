import { Injectable } from '@nestjs/common';
import { Problems, type AuthUser } from '@ttx/api/core';
import { DataSource } from 'typeorm';
import type { DistributionEntryDto, DistributionListDto, IncomeStatementDto, InvoiceListDto, ReceivablesDto } from '../dto/money.dto';
import { LicenceAccess } from '../licences/licence-access';
import { LicencesService } from '../licences/licences.service';
import { INVOICE_COLUMNS, invoiceView, type InvoiceRow } from '../licences/licence-view';

interface EntryRow {
  payment_id: string;
  payment_amount: string;
  licence_id: string;
  recipient_type: DistributionEntryDto['recipientType'];
  recipient_id: string | null;
  recipient_name: string;
  share_bp: string;
  amount_fen: string;
  paid_at: Date;
  licence_number: string;
  title_zh: string | null;
  title_en: string | null;
}

const ENTRIES = `SELECT e.payment_id, p.amount_fen AS payment_amount, e.licence_id, e.recipient_type, e.recipient_id, e.recipient_name, e.share_bp, e.amount_fen,
         p.paid_at, l.number AS licence_number, l.title_zh, l.title_en
    FROM distribution_entries e JOIN licence_payments p ON p.id = e.payment_id JOIN licences l ON l.id = e.licence_id`;

const entry = (r: EntryRow): DistributionEntryDto => ({
  paymentId: r.payment_id,
  paymentAmount: Number(r.payment_amount),
  licenceId: r.licence_id,
  recipientType: r.recipient_type,
  recipientId: r.recipient_id,
  recipientName: r.recipient_name,
  share: Number(r.share_bp),
  amount: Number(r.amount_fen),
  paidAt: r.paid_at.toISOString(),
});

/** Reads of the money side: invoices, a licence's distribution ledger, income statements, receivables. */
@Injectable()
export class StatementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: LicenceAccess,
    private readonly licences: LicencesService,
  ) {}

  async invoices(caller: AuthUser, licenceId: string): Promise<InvoiceListDto> {
    const m = this.dataSource.manager;
    const [o, l] = await Promise.all([this.access.orgs(caller, m), this.licences.load(m, licenceId)]);
    if (!this.access.role(o, l)) throw Problems.notFound('Licence');
    const rows: InvoiceRow[] = await m.query(`SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.licence_id = $1 ORDER BY i.issued_on, i.number`, [licenceId]);
    return { items: rows.map((r) => invoiceView(r)) };
  }

  /** The licensor's TTO (and admins) see the whole ledger of a licence; anyone else only lines paid to them. */
  async distributions(caller: AuthUser, licenceId: string): Promise<DistributionListDto> {
    const m = this.dataSource.manager;
    const [o, l] = await Promise.all([this.access.orgs(caller, m), this.licences.load(m, licenceId)]);
    const whole = o.tto.includes(l.licensor_org_id) || o.admin;
    const rows: EntryRow[] = await m.query(`${ENTRIES} WHERE e.licence_id = $1 AND ($2 OR e.recipient_id = $3) ORDER BY p.paid_at, e.payment_id, e.position`, [licenceId, whole, caller.id]);
    if (!whole && !rows.length && !this.access.role(o, l)) throw Problems.notFound('Licence');
    return { items: rows.map(entry) };
  }

  /** A person's income lines (inventor, co-owner, broker) or, for its TTO manager, an institution's (TTO retention and remainder). */
  async income(caller: AuthUser, organizationId?: string): Promise<IncomeStatementDto> {
    const m = this.dataSource.manager;
    let rows: EntryRow[];
    if (organizationId) {
      const o = await this.access.orgs(caller, m);
      if (!o.tto.includes(organizationId) && !o.admin) throw Problems.forbidden("Only the institution's TTO manager sees its income");
      rows = await m.query(`${ENTRIES} WHERE l.licensor_org_id = $1 AND e.recipient_type IN ('tto','institution') ORDER BY p.paid_at DESC, e.position LIMIT 5000`, [organizationId]);
    } else {
      rows = await m.query(`${ENTRIES} WHERE e.recipient_id = $1 AND e.recipient_type IN ('inventor','co_owner','broker') ORDER BY p.paid_at DESC, e.position LIMIT 5000`, [caller.id]);
    }
    const items = rows.map((r) => ({ ...entry(r), licenceNumber: r.licence_number, title: { zh: r.title_zh, en: r.title_en } }));
    return {
      recipientType: organizationId ? 'organization' : 'user',
      recipientId: organizationId ?? caller.id,
      total: items.reduce((a, i) => a + i.amount, 0),
      items,
    };
  }

  async receivables(caller: AuthUser, organizationId?: string): Promise<ReceivablesDto> {
    const m = this.dataSource.manager;
    const o = await this.access.orgs(caller, m);
    const org = organizationId ?? o.tto[0];
    if (!org || (!o.tto.includes(org) && !o.admin)) throw Problems.forbidden("Only the institution's TTO manager sees its receivables");
    const rows: (InvoiceRow & { licence_number: string; licensee_org_id: string })[] = await m.query(
      `SELECT ${INVOICE_COLUMNS}, l.number AS licence_number, l.licensee_org_id FROM invoices i JOIN licences l ON l.id = i.licence_id
        WHERE l.licensor_org_id = $1 AND i.paid_fen < i.amount_fen ORDER BY i.due_on, i.number LIMIT 2000`,
      [org],
    );
    const [{ received }] = await m.query(`SELECT COALESCE(sum(p.amount_fen), 0) AS received FROM licence_payments p JOIN licences l ON l.id = p.licence_id WHERE l.licensor_org_id = $1`, [org]);
    const names = await this.licences.names([...new Set(rows.map((r) => r.licensee_org_id))]);
    const invoices = rows.map((r) => ({ ...invoiceView(r), licenceNumber: r.licence_number, licenseeName: names.get(r.licensee_org_id) ?? '' }));
    return {
      organizationId: org,
      outstanding: invoices.reduce((a, i) => a + i.outstanding, 0),
      overdue: invoices.filter((i) => i.overdue).reduce((a, i) => a + i.outstanding, 0),
      received: Number(received),
      invoices,
    };
  }
}
