import { Injectable } from '@nestjs/common';
import { AuditService, canonicalJson, Problems, type AuthUser } from '@ttx/api/core';
import { distributePayment } from '@ttx/shared/policy';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { CreatePaymentDto, PaymentDto } from '../dto/money.dto';
import { LicenceAccess } from '../licences/licence-access';
import { isUnique, type LicenceRow } from '../licences/licence-row';
import { LicencesService } from '../licences/licences.service';

const KEY = /^[\x21-\x7e]{1,200}$/;

interface PaymentRow {
  id: string;
  invoice_id: string;
  licence_id: string;
  amount_fen: string;
  costs_fen: string;
  paid_at: Date;
  reference: string | null;
  request_hash: string;
}

const view = (r: PaymentRow): PaymentDto => ({
  id: r.id,
  invoiceId: r.invoice_id,
  licenceId: r.licence_id,
  amount: Number(r.amount_fen),
  costs: Number(r.costs_fen),
  paidAt: r.paid_at.toISOString(),
  reference: r.reference,
});

export interface PaymentOutcome {
  payment: PaymentDto;
  replayed: boolean;
}

/**
 * Payments against invoices (DOMAIN.md §4). The invoice row is locked, so two concurrent payments cannot
 * together pay more than it is open; an Idempotency-Key makes a retried request return the first result.
 * Each payment is split into the distribution ledger in the same transaction.
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: LicenceAccess,
    private readonly licences: LicencesService,
    private readonly audit: AuditService,
  ) {}

  static checkKey(key: string | undefined): string {
    if (!key) throw Problems.badRequest('The Idempotency-Key header is required for payments', [{ field: 'Idempotency-Key', message: 'required' }]);
    if (!KEY.test(key)) throw Problems.badRequest('Idempotency-Key must be 1–200 visible ASCII characters', [{ field: 'Idempotency-Key', message: 'invalid' }]);
    return key;
  }

  async pay(caller: AuthUser, key: string, dto: CreatePaymentDto): Promise<PaymentOutcome> {
    const hash = createHash('sha256').update(canonicalJson({ invoiceId: dto.invoiceId, amount: dto.amount, reference: dto.reference ?? null })).digest('hex');
    const earlier = await this.replay(caller, key, hash);
    if (earlier) return earlier;
    try {
      return { payment: await this.dataSource.transaction((m) => this.record(m, caller, key, hash, dto)), replayed: false };
    } catch (e) {
      // The same key raced in: the first request's payment stands.
      if (isUnique(e, 'licence_payments_idempotency_key')) {
        const first = await this.replay(caller, key, hash);
        if (first) return first;
      }
      throw e;
    }
  }

  private async replay(caller: AuthUser, key: string, hash: string): Promise<PaymentOutcome | null> {
    const [r]: PaymentRow[] = await this.dataSource.query(`SELECT * FROM licence_payments WHERE paid_by = $1 AND idempotency_key = $2`, [caller.id, key]);
    if (!r) return null;
    if (r.request_hash !== hash) {
      throw Problems.rule('idempotency-key-reused', 'This Idempotency-Key was used with a different request body', [{ field: 'Idempotency-Key', message: 'reused with another body' }]);
    }
    return { payment: view(r), replayed: true };
  }

  private async record(m: EntityManager, caller: AuthUser, key: string, hash: string, dto: CreatePaymentDto): Promise<PaymentDto> {
    const o = await this.access.orgs(caller, m);
    const [inv] = await m.query(`SELECT id, licence_id, amount_fen, paid_fen FROM invoices WHERE id = $1 FOR UPDATE`, [dto.invoiceId]);
    if (!inv) throw Problems.notFound('Invoice');
    const l = await this.licences.load(m, inv.licence_id, true);
    this.access.assertLicensee(o, l);
    const open = Number(inv.amount_fen) - Number(inv.paid_fen);
    if (dto.amount > open) {
      throw Problems.rule('over-payment', `The payment exceeds the open amount of the invoice (${open} fen)`, [{ field: 'amount', message: `at most ${open}` }]);
    }
    // Deal costs not yet charged come off this payment first (the licence row is locked above).
    const [{ uncharged }] = await m.query(
      `SELECT (SELECT COALESCE(sum(amount_fen), 0) FROM licence_costs WHERE licence_id = $1) - (SELECT COALESCE(sum(costs_fen), 0) FROM licence_payments WHERE licence_id = $1) AS uncharged`,
      [l.id],
    );
    const costs = Math.min(Math.max(0, Number(uncharged)), dto.amount);
    const [row]: PaymentRow[] = await m.query(
      `INSERT INTO licence_payments (invoice_id, licence_id, amount_fen, costs_fen, reference, paid_by, idempotency_key, request_hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING *`,
      [inv.id, l.id, dto.amount, costs, dto.reference ?? null, caller.id, key, hash],
    );
    await m.query(`UPDATE invoices SET paid_fen = paid_fen + $2 WHERE id = $1`, [inv.id, dto.amount]);
    await this.distribute(m, row.id, l, dto.amount, costs);
    await this.audit.append(m, { actorId: caller.id, action: 'licence.payment', entityType: 'licence', entityId: l.id, data: { paymentId: row.id, invoiceId: inv.id, amount: dto.amount, costs } });
    return view(row);
  }

  private async distribute(m: EntityManager, paymentId: string, l: LicenceRow, amount: number, costs: number): Promise<void> {
    const institution = l.licensors.find((x) => x.holderType === 'institution');
    const lines = distributePayment({
      amount,
      costs,
      policy: l.policy,
      broker: l.broker,
      institution: { id: l.licensor_org_id, name: institution?.name ?? '' },
      team: l.policy.team,
      coOwners: l.licensors.filter((x) => x.holderType !== 'institution').map((x) => ({ id: x.holderId, name: x.name, shareBp: x.shareBp })),
    });
    await m.query(
      `INSERT INTO distribution_entries (payment_id, licence_id, position, recipient_type, recipient_id, recipient_name, share_bp, amount_fen)
       SELECT $1, $2, p, t, r, n, s, a FROM unnest($3::int[], $4::text[], $5::uuid[], $6::text[], $7::numeric[], $8::bigint[]) AS x(p, t, r, n, s, a)`,
      [paymentId, l.id, lines.map((_, i) => i + 1), lines.map((x) => x.recipientType), lines.map((x) => x.recipientId), lines.map((x) => x.recipientName), lines.map((x) => x.share.toFixed(6)), lines.map((x) => x.amount)],
    );
  }
}
