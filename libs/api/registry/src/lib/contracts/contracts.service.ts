import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, describeConstraint, OutboxService, Problems, QueueService, type AuthUser } from '@ttx/api/core';
import { CONTRACT_SUB_KINDS, type ContractStatus, type Page, type ProblemFieldError } from '@ttx/shared/contracts';
import { checkAmounts, checkCreditCode, MAX_SERIAL, registrationNumber, reviewDueOn, techTransactionAmount } from '@ttx/shared/policy';
import type {
  AmendContractDto,
  ContractDto,
  ContractSummaryDto,
  CreateContractDto,
  ListContractsQueryDto,
  RejectContractDto,
  TerminateContractDto,
} from '../dto/contract.dto';
import { ContractAttachmentEntity, ContractEntity, ContractEventEntity } from '../entities';
import { isRegionCode } from '../regions';
import { RiskService } from '../risk/risk.service';
import { RegistrySettingsService } from '../settings/settings.service';
import { ActorService, covers, type Actor } from './actor';
import { MemberDirectory, OrganizationsService, type OrganizationDto } from '@ttx/api/identity';
import { toDto, toSummary } from './contract-view';
import { notifyFiler, notifyRegistrars, registeredMessage, rejectedMessage, submittedMessage } from './notify';

describeConstraint('contracts_natural_key', 'This contract is already filed: same seller, buyer, signing date, amount and project name');

const SELLER_TYPE_BY_ORG_KIND: Record<string, 'enterprise' | 'university' | 'other'> = { enterprise: 'enterprise', institution: 'university' };
const REVIEWABLE: ContractStatus[] = ['submitted', 'accepted'];
const MAX_ATTACHMENTS = 20;
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const verificationCodeSql = (number: string, id: string) => `upper(substr(encode(digest(${number} || ':' || ${id}::text, 'sha256'), 'hex'), 1, 20))`;

@Injectable()
export class ContractsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly queues: QueueService,
    private readonly actors: ActorService,
    private readonly risk: RiskService,
    private readonly settings: RegistrySettingsService,
    private readonly orgs: OrganizationsService,
    private readonly members: MemberDirectory,
  ) {}

  // ---------- rules ----------

  private validate(dto: CreateContractDto, seller: { creditCode: string }): void {
    const errors: ProblemFieldError[] = [];
    const subs = CONTRACT_SUB_KINDS[dto.kind];
    if (dto.subKind && !subs?.includes(dto.subKind)) errors.push({ field: 'subKind', message: subs ? `must be one of ${subs.join(', ')} for ${dto.kind}` : `is not used for ${dto.kind}` });
    if (dto.kind !== 'transfer' && (dto.expectedInvestment !== undefined || dto.expectedOutput !== undefined)) {
      errors.push({ field: 'expectedInvestment', message: 'expected new investment and output value are recorded for transfer contracts only' });
    }
    const b = dto.buyer;
    if ((b.countryCode ?? '156') === '156') {
      if (!b.regionCode || !isRegionCode(b.regionCode)) errors.push({ field: 'buyer.regionCode', message: 'is not a GB/T 2260 administrative division code' });
      if (checkCreditCode(b.creditCode)) errors.push({ field: 'buyer.creditCode', message: 'is not a valid unified social credit code (GB 32100)' });
    } else if (b.regionCode) {
      errors.push({ field: 'buyer.regionCode', message: 'is only given for Chinese parties (country 156)' });
    }
    if (b.creditCode === seller.creditCode) errors.push({ field: 'buyer.creditCode', message: 'the buyer cannot be the seller itself' });
    if (dto.validFrom && dto.validTo && dto.validTo < dto.validFrom) errors.push({ field: 'validTo', message: 'is before validFrom' });
    const nt = dto.nonTechnical ?? {};
    const amounts = checkAmounts(
      dto.contractAmount,
      { equipmentFen: nt.equipment, materialsFen: nt.materials, constructionFen: nt.construction, otherFen: nt.other },
      dto.paymentSchedule?.map((p) => p.amountFen),
    );
    errors.push(...amounts);
    if (errors.length) throw Problems.rule('contract-rules', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  }

  // ---------- access ----------

  private async load(m: EntityManager, id: string, lock = false): Promise<ContractEntity> {
    const c = await m.findOne(ContractEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!c) throw Problems.notFound('Contract');
    return c;
  }

  private isFiler = (a: Actor, c: ContractEntity) => a.sellerOrgs.some((o) => o.id === c.filerOrgId);
  private isRegistrarOf = (a: Actor, c: ContractEntity) => c.status !== 'draft' && !!covers(a, c.sellerRegion);
  private isBuyer = (a: Actor, c: ContractEntity) => c.status !== 'draft' && a.creditCodes.includes(c.buyerCreditCode);

  /** 404 when the caller may not see it at all. */
  private canSee(a: Actor, c: ContractEntity): void {
    if (this.isFiler(a, c) || this.isRegistrarOf(a, c) || this.isBuyer(a, c) || (a.isAdmin && c.status !== 'draft')) return;
    throw Problems.notFound('Contract');
  }

  private requireFiler(a: Actor, c: ContractEntity): void {
    this.canSee(a, c);
    if (!this.isFiler(a, c)) throw Problems.forbidden('Only the seller that filed the contract may do this');
  }

  /** Only registrars of the administration for the seller's region register (DOMAIN.md §5). */
  private requireRegistrar(a: Actor, c: ContractEntity): void {
    this.canSee(a, c);
    if (!this.isRegistrarOf(a, c)) throw Problems.forbidden('Only a registrar of the administration for the seller’s region may review this contract');
  }

  private requireStatus(c: ContractEntity, allowed: ContractStatus[], action: string): void {
    if (!allowed.includes(c.status)) throw Problems.conflict('contract-state', `Cannot ${action} a contract that is ${c.status} (needs ${allowed.join(' or ')})`);
  }

  private actions(a: Actor, c: ContractEntity): string[] {
    const out: string[] = [];
    if (this.isFiler(a, c)) {
      if (c.status === 'draft') out.push('submit');
      if (['draft', 'submitted', 'accepted'].includes(c.status)) out.push('attach');
      if (c.status === 'registered') out.push('amend', 'terminate', 'certificate');
      if (c.status === 'terminated') out.push('certificate');
    }
    if (this.isRegistrarOf(a, c)) {
      if (c.status === 'submitted') out.push('accept');
      if (REVIEWABLE.includes(c.status)) out.push('register', 'reject');
      if (c.status === 'registered' || c.status === 'terminated') out.push('certificate');
      if (c.status === 'registered' && !out.includes('terminate')) out.push('terminate');
    }
    return out;
  }

  private event(m: EntityManager, c: ContractEntity, actorId: string | null, action: string, data: Record<string, unknown> = {}) {
    return m.insert(ContractEventEntity, { contractId: c.id, actorId, action, data: data as never });
  }

  private async view(m: EntityManager, a: Actor, c: ContractEntity): Promise<ContractDto> {
    const registrar = this.isRegistrarOf(a, c) || a.isAdmin;
    const warnings = registrar ? ((await this.risk.warnings([c.id], m)).get(c.id) ?? []) : [];
    const events = await m.find(ContractEventEntity, { where: { contractId: c.id }, order: { id: 'ASC' } });
    const files = await m.find(ContractAttachmentEntity, { where: { contractId: c.id }, order: { createdAt: 'ASC' } });
    return toDto(c, {
      warnings,
      attachments: files.map((f) => ({ id: f.id, fileName: f.fileName, mediaType: f.mediaType, size: f.size, createdAt: f.createdAt.toISOString() })),
      history: events.map((e) => ({ at: e.at.toISOString(), action: e.action, actorId: e.actorId, data: e.data })),
      actions: this.actions(a, c),
      showCode: this.isFiler(a, c) || registrar,
    });
  }

  // ---------- reads ----------

  /** The caller's own contracts (as seller, or as buyer once filed); a registrar's are those of its region (not drafts); admins see all filed ones. */
  async list(user: AuthUser, q: ListContractsQueryDto): Promise<Page<ContractSummaryDto>> {
    const a = await this.actors.of(user);
    const qb = this.dataSource.manager.createQueryBuilder(ContractEntity, 'c');
    const scopes: string[] = [];
    const params: Record<string, unknown> = { orgs: a.sellerOrgs.map((o) => o.id), codes: a.creditCodes };
    // Imported contracts are filed by an administration, never a seller: the filer index holds filed ones only.
    if (a.sellerOrgs.length) scopes.push(`(c.filer_org_id IN (:...orgs) AND c.source = 'filed')`);
    if (a.creditCodes.length) scopes.push(`(c.buyer_credit_code IN (:...codes) AND c.status <> 'draft')`);
    a.administrations.forEach((o, i) => {
      const prefix = o.regionCode.endsWith('0000') ? o.regionCode.slice(0, 2) : o.regionCode.endsWith('00') ? o.regionCode.slice(0, 4) : o.regionCode;
      scopes.push(`(c.seller_region LIKE :p${i} AND c.status <> 'draft')`);
      params[`p${i}`] = `${prefix}%`;
    });
    if (a.isAdmin) scopes.push(`c.status <> 'draft'`);
    if (!scopes.length) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    qb.where(`(${scopes.join(' OR ')})`, params);
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    // The registrar's queue: oldest deadline first; everything else newest first.
    qb.orderBy('c.review_due_on', 'ASC', 'NULLS LAST').addOrderBy('c.created_at', 'DESC');
    const [rows, total] = await qb.skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    const reviewable = rows.filter((c) => this.isRegistrarOf(a, c) || a.isAdmin).map((c) => c.id);
    const warnings = await this.risk.warnings(reviewable);
    return { items: rows.map((c) => toSummary(c, warnings.get(c.id)?.length ?? 0)), total, page: q.page, pageSize: q.pageSize };
  }

  async get(user: AuthUser, id: string): Promise<ContractDto> {
    const m = this.dataSource.manager;
    const a = await this.actors.of(user);
    const c = await this.load(m, id);
    this.canSee(a, c);
    return this.view(m, a, c);
  }

  /** For the certificate: a registered contract the caller may see. */
  async registered(user: AuthUser, id: string): Promise<ContractEntity> {
    const a = await this.actors.of(user);
    const c = await this.load(this.dataSource.manager, id);
    this.canSee(a, c);
    if (!c.registrationNumber) throw Problems.conflict('contract-state', 'Only a registered contract has a certificate');
    return c;
  }

  // ---------- attachments (contract text, proofs) ----------

  /** The seller attaches files while the contract is a draft or under review; at most 20 MB each, 20 per contract. */
  async attach(user: AuthUser, id: string, file: { filename: string; mimetype: string; content: Buffer }): Promise<ContractDto> {
    return this.transition(user, id, 'attach', async (m, a, c) => {
      this.requireFiler(a, c);
      this.requireStatus(c, ['draft', 'submitted', 'accepted'], 'attach files to');
      const [{ n }] = await m.query('SELECT count(*)::int AS n FROM contract_attachments WHERE contract_id = $1', [id]);
      if (n >= MAX_ATTACHMENTS) throw Problems.rule('attachment-count', `A contract has at most ${MAX_ATTACHMENTS} attachments`, [{ field: 'file', message: 'too many files' }]);
      await m.insert(ContractAttachmentEntity, { contractId: id, fileName: file.filename.slice(-200), mediaType: file.mimetype.slice(0, 100), size: file.content.length, content: file.content });
      return { fileName: file.filename, size: file.content.length };
    });
  }

  async attachment(user: AuthUser, id: string, attachmentId: string): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
    const m = this.dataSource.manager;
    const a = await this.actors.of(user);
    this.canSee(a, await this.load(m, id));
    const [f] = await m.query('SELECT file_name, media_type, content FROM contract_attachments WHERE id = $1 AND contract_id = $2', [attachmentId, id]);
    if (!f) throw Problems.notFound('Attachment');
    return { fileName: f.file_name, mediaType: f.media_type, content: f.content };
  }

  // ---------- seller ----------

  async create(user: AuthUser, dto: CreateContractDto): Promise<ContractDto> {
    const a = await this.actors.of(user);
    const org = dto.organizationId ? a.sellerOrgs.find((o) => o.id === dto.organizationId) : a.sellerOrgs.length === 1 ? a.sellerOrgs[0] : undefined;
    if (!org) {
      if (dto.organizationId) throw Problems.forbidden('You do not file contracts for this organisation');
      throw Problems.rule('organization-required', a.sellerOrgs.length ? 'Name organizationId: you file for several organisations' : 'Only members of a verified institution, enterprise or agency file contracts', [
        { field: 'organizationId', message: 'required' },
      ]);
    }
    return this.dataSource.transaction(async (m) => this.view(m, a, await this.insertDraft(m, org, user.id, dto)));
  }

  /**
   * For the market context: a concluded deal becomes a draft contract of the seller organisation,
   * in the caller's transaction (the seller then completes and submits it). Same rules as filing.
   */
  /** `seller`: the seller organisation's record when the caller has read it already (saves a read). */
  async draftFromDeal(
    m: EntityManager,
    deal: { dealId: string; sellerOrganizationId: string; seller?: OrganizationDto; actorId: string | null; contract: CreateContractDto },
  ): Promise<{ id: string }> {
    const [org] = deal.seller?.id === deal.sellerOrganizationId ? [deal.seller] : await this.orgs.byIds([deal.sellerOrganizationId], m);
    if (!org) throw Problems.notFound('Seller organisation');
    const c = await this.insertDraft(m, org, deal.actorId, deal.contract, deal.dealId);
    return { id: c.id };
  }

  /** Of these market deals, the ones that already have a contract. */
  async dealsWithContracts(dealIds: string[]): Promise<Set<string>> {
    const rows: { deal_id: string }[] = await this.dataSource.query('SELECT deal_id FROM contracts WHERE deal_id = ANY($1::uuid[])', [dealIds]);
    return new Set(rows.map((r) => r.deal_id));
  }

  private async insertDraft(m: EntityManager, org: OrganizationDto, userId: string | null, dto: CreateContractDto, dealId: string | null = null): Promise<ContractEntity> {
    this.validate(dto, org);
    const nt = dto.nonTechnical ?? {};
    const c = m.create(ContractEntity, {
      filerOrgId: org.id,
      createdBy: userId,
      dealId,
      kind: dto.kind,
      subKind: dto.subKind ?? null,
      projectName: dto.projectName,
      fieldCode: dto.fieldCode ?? null,
      signedOn: dto.signedOn,
      validFrom: dto.validFrom ?? null,
      validTo: dto.validTo ?? null,
      sellerName: org.name,
      sellerCreditCode: org.creditCode,
      sellerCountry: '156',
      sellerRegion: org.regionCode,
      sellerType: dto.sellerType ?? SELLER_TYPE_BY_ORG_KIND[org.kind] ?? 'other',
      buyerName: dto.buyer.name,
      buyerCreditCode: dto.buyer.creditCode,
      buyerCountry: dto.buyer.countryCode ?? '156',
      buyerRegion: dto.buyer.regionCode ?? null,
      buyerType: dto.buyer.type,
      contractFen: String(dto.contractAmount),
      equipmentFen: String(nt.equipment ?? 0),
      materialsFen: String(nt.materials ?? 0),
      constructionFen: String(nt.construction ?? 0),
      otherFen: String(nt.other ?? 0),
      techFen: String(techTransactionAmount(dto.contractAmount, { equipmentFen: nt.equipment, materialsFen: nt.materials, constructionFen: nt.construction, otherFen: nt.other })),
      paymentSchedule: dto.paymentSchedule?.map((p) => ({ dueOn: p.dueOn, amountFen: p.amountFen, note: p.note ?? null })) ?? [],
      expectedInvestmentFen: dto.expectedInvestment === undefined ? null : String(dto.expectedInvestment),
      expectedOutputFen: dto.expectedOutput === undefined ? null : String(dto.expectedOutput),
    });
    await m.insert(ContractEntity, c);
    const saved = await this.load(m, c.id);
    await this.event(m, saved, userId, 'created');
    await this.audit.append(m, { actorId: userId, action: 'contract.created', entityType: 'contract', entityId: saved.id, data: { kind: saved.kind, contractFen: saved.contractFen } });
    return saved;
  }

  async submit(user: AuthUser, id: string): Promise<ContractDto> {
    return this.transition(user, id, 'submit', async (m, a, c) => {
      this.requireFiler(a, c);
      this.requireStatus(c, ['draft'], 'submit');
      // The review period is fixed at submission: a later policy version does not move this contract's deadline.
      const review = await this.settings.reviewPolicy(c.sellerRegion, m);
      await m.update(ContractEntity, { id }, {
        status: 'submitted',
        submittedAt: () => 'now()',
        reviewDeadlineDays: review.days,
        reviewPolicyId: review.policyId,
        updatedAt: () => 'now()',
      } as never);
      await notifyRegistrars(this.outbox, this.members, m, c.sellerRegion, submittedMessage(c));
      return { reviewDeadlineDays: review.days, reviewPolicyId: review.policyId };
    });
  }

  async amend(user: AuthUser, id: string, dto: AmendContractDto): Promise<ContractDto> {
    return this.transition(user, id, 'amend', async (m, a, c) => {
      this.requireFiler(a, c);
      this.requireStatus(c, ['registered'], 'amend');
      const before = { contractFen: c.contractFen, equipmentFen: c.equipmentFen, materialsFen: c.materialsFen, constructionFen: c.constructionFen, otherFen: c.otherFen, techFen: c.techFen, validTo: c.validTo };
      const nt = dto.nonTechnical;
      const parts = {
        equipmentFen: nt?.equipment ?? Number(c.equipmentFen),
        materialsFen: nt?.materials ?? Number(c.materialsFen),
        constructionFen: nt?.construction ?? Number(c.constructionFen),
        otherFen: nt?.other ?? Number(c.otherFen),
      };
      const amount = dto.contractAmount ?? Number(c.contractFen);
      const errors = checkAmounts(amount, parts);
      if (dto.validTo && c.validFrom && dto.validTo < c.validFrom) errors.push({ field: 'validTo', message: 'is before validFrom' });
      if (errors.length) throw Problems.rule('contract-rules', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
      // Roll-ups: take the old figures out and put the new ones in, in this transaction.
      await m.query('SELECT registry_stats_apply($1, -1)', [[id]]);
      await m.update(ContractEntity, { id }, {
        contractFen: String(amount),
        equipmentFen: String(parts.equipmentFen),
        materialsFen: String(parts.materialsFen),
        constructionFen: String(parts.constructionFen),
        otherFen: String(parts.otherFen),
        techFen: String(techTransactionAmount(amount, parts)),
        validTo: dto.validTo ?? c.validTo,
        version: c.version + 1,
        updatedAt: () => 'now()',
      } as never);
      await m.query('SELECT registry_stats_apply($1, 1)', [[id]]);
      return { before, note: dto.note, version: c.version + 1 };
    });
  }

  async terminate(user: AuthUser, id: string, dto: TerminateContractDto): Promise<ContractDto> {
    return this.transition(user, id, 'terminate', async (m, a, c) => {
      if (!this.isFiler(a, c)) this.requireRegistrar(a, c);
      this.requireStatus(c, ['registered'], 'terminate');
      // A terminated contract stays registered for the statistics: it was a transaction of that month.
      await m.update(ContractEntity, { id }, { status: 'terminated', terminatedAt: () => 'now()', updatedAt: () => 'now()' } as never);
      return { note: dto.note };
    });
  }

  // ---------- registrar ----------

  async accept(user: AuthUser, id: string): Promise<ContractDto> {
    return this.transition(user, id, 'accept', async (m, a, c) => {
      this.requireRegistrar(a, c);
      this.requireStatus(c, ['submitted'], 'accept');
      const days = c.reviewDeadlineDays ?? (await this.settings.reviewPolicy(c.sellerRegion, m)).days;
      const due = reviewDueOn(new Date(), days);
      await m.update(ContractEntity, { id }, { status: 'accepted', acceptedAt: () => 'now()', acceptedBy: user.id, reviewDueOn: due, updatedAt: () => 'now()' } as never);
      return { reviewDueOn: due, deadlineDays: days };
    });
  }

  async reject(user: AuthUser, id: string, dto: RejectContractDto): Promise<ContractDto> {
    return this.transition(user, id, 'reject', async (m, a, c) => {
      this.requireRegistrar(a, c);
      this.requireStatus(c, REVIEWABLE, 'reject');
      await m.update(ContractEntity, { id }, { status: 'rejected', rejectedAt: () => 'now()', rejectionReasons: dto.reasons, rejectionNote: dto.note ?? null, updatedAt: () => 'now()' } as never);
      await notifyFiler(this.outbox, this.members, m, c.filerOrgId, rejectedMessage(c, dto.reasons, dto.note ?? null));
      return { reasons: dto.reasons, note: dto.note ?? null };
    });
  }

  /**
   * Registers with the next serial of (seller region, year). The counter row is locked until commit, so
   * concurrent registrations in one region queue on it and a rolled-back one returns its serial: gapless.
   * `Idempotency-Key`: a repeat replays the stored result; the same key for another contract → 422.
   */
  async register(user: AuthUser, id: string, idempotencyKey: string | undefined): Promise<ContractDto> {
    if (!idempotencyKey || !/^[\x21-\x7e]{8,200}$/.test(idempotencyKey)) {
      throw Problems.badRequest('The Idempotency-Key header is required (8–200 visible ASCII characters)', [{ field: 'Idempotency-Key', message: 'required' }]);
    }
    const requestHash = createHash('sha256').update(`register:${id}`).digest('hex');
    const result = await this.dataSource.transaction(async (m) => {
      const [claimed] = await m.query(
        `INSERT INTO registry_idempotency (user_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
        [user.id, idempotencyKey, requestHash],
      );
      if (!claimed) {
        const [prior] = await m.query('SELECT request_hash, response FROM registry_idempotency WHERE user_id = $1 AND key = $2', [user.id, idempotencyKey]);
        if (prior.request_hash !== requestHash) throw Problems.rule('idempotency-key-reused', 'This Idempotency-Key was used for another request');
        return { replay: true as const };
      }
      const a = await this.actors.of(user, m);
      const c = await this.load(m, id, true);
      this.requireRegistrar(a, c);
      this.requireStatus(c, REVIEWABLE, 'register');
      const year = new Date().getUTCFullYear();
      const [{ last_serial: serial }] = await m.query(
        `INSERT INTO contract_number_counters AS k (region_code, year, last_serial) VALUES ($1, $2, 1)
         ON CONFLICT (region_code, year) DO UPDATE SET last_serial = k.last_serial + 1 RETURNING last_serial`,
        [c.sellerRegion, year],
      );
      if (serial > MAX_SERIAL) throw Problems.rule('registration-serial-exhausted', `No serials left for ${c.sellerRegion} in ${year}`);
      const number = registrationNumber(year, c.sellerRegion, serial);
      await m.query(
        `UPDATE contracts SET status = 'registered', registration_number = $2::text, verification_code = ${verificationCodeSql('$2::text', 'id')},
                registered_at = now(), registered_on = (now() AT TIME ZONE 'UTC')::date, registered_by = $3,
                accepted_at = COALESCE(accepted_at, now()), accepted_by = COALESCE(accepted_by, $3), updated_at = now()
          WHERE id = $1`,
        [id, number, user.id],
      );
      await m.query('SELECT registry_stats_apply($1, 1)', [[id]]);
      await this.event(m, c, user.id, 'registered', { registrationNumber: number });
      await this.audit.append(m, { actorId: user.id, action: 'contract.registered', entityType: 'contract', entityId: id, data: { registrationNumber: number } });
      await notifyFiler(this.outbox, this.members, m, c.filerOrgId, registeredMessage(c, number));
      const view = await this.view(m, a, await this.load(m, id));
      await m.query('UPDATE registry_idempotency SET status = 200, response = $3 WHERE user_id = $1 AND key = $2', [user.id, idempotencyKey, { id }]);
      return { replay: false as const, view };
    });
    void this.queues.nudgeOutbox();
    return result.replay ? this.get(user, id) : result.view;
  }

  // ---------- helpers ----------

  private async transition(
    user: AuthUser,
    id: string,
    action: string,
    fn: (m: EntityManager, a: Actor, c: ContractEntity) => Promise<Record<string, unknown> | void>,
  ): Promise<ContractDto> {
    const view = await this.dataSource.transaction(async (m) => {
      const a = await this.actors.of(user, m);
      const c = await this.load(m, id, true);
      const data = (await fn(m, a, c)) ?? {};
      const past = { submit: 'submitted', accept: 'accepted', reject: 'rejected', amend: 'amended', terminate: 'terminated', attach: 'attached' }[action] ?? action;
      await this.event(m, c, user.id, past, data);
      await this.audit.append(m, { actorId: user.id, action: `contract.${past}`, entityType: 'contract', entityId: id, data });
      return this.view(m, a, await this.load(m, id));
    });
    void this.queues.nudgeOutbox();
    return view;
  }

  /** Registrars whose administration covers the seller's region. */
  registrarsFor(m: EntityManager, sellerRegion: string): Promise<string[]> {
    return this.members.usersWithRoleInRegion('registrar', sellerRegion, m);
  }
}
