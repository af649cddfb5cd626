import { Injectable } from '@nestjs/common';
import { AchievementsService } from '@ttx/api/catalog';
import { AuditService, containsPattern, OutboxService, ProblemException, Problems, QueueService, type AuthUser } from '@ttx/api/core';
import type { Page } from '@ttx/shared/contracts';
import { marketPolicy } from '@ttx/shared/policy';
import { DataSource, type EntityManager } from 'typeorm';
import { AuctionsService } from '../auctions/auctions.service';
import { ListingConsentsService } from '../consents/listing-consents.service';
import type { CreateListingDto, EvaluationDto, ListingDto, ListingsQueryDto } from '../dto/market.dto';
import { AuctionEntity, DealEntity, ListingEntity } from '../entities';
import { MarketAccess } from '../market-access';
import { MarketScheduler } from '../market-scheduler';
import { OpenLicenceService } from '../open-licence/open-licence.service';
import { belowValueJustifiedMessage, evaluationAttachedMessage } from './notify';

type Achievement = Awaited<ReturnType<AchievementsService['get']>>;
const iso = (d: Date | null) => d?.toISOString() ?? null;
const num = (s: string | null) => (s === null ? null : Number(s));
const isUniqueViolation = (e: unknown, constraint: string) => (e as { code?: string; constraint?: string }).code === '23505' && (e as { constraint?: string }).constraint === constraint;

@Injectable()
export class ListingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly achievements: AchievementsService,
    private readonly audit: AuditService,
    private readonly access: MarketAccess,
    private readonly auctions: AuctionsService,
    private readonly openLicences: OpenLicenceService,
    private readonly scheduler: MarketScheduler,
    private readonly consents: ListingConsentsService,
    private readonly outbox: OutboxService,
    private readonly queues: QueueService,
  ) {}

  /** The published achievement (through the catalog's service), or 422 naming achievementId. */
  private async publishedAchievement(id: string): Promise<Achievement> {
    try {
      return await this.achievements.get(null, id);
    } catch (e) {
      if (e instanceof ProblemException && e.getStatus() === 404) {
        throw Problems.rule('achievement-not-published', 'Only a published achievement can be listed', [{ field: 'achievementId', message: 'not a published achievement' }]);
      }
      throw e;
    }
  }

  private checkShape(dto: CreateListingDto, a: Achievement): void {
    const errors: { field: string; message: string }[] = [];
    if (!a.dealTypes.includes(dto.dealType)) errors.push({ field: 'dealType', message: `the owner accepts ${a.dealTypes.join(', ') || 'no deal type'}` });
    if (dto.method === 'open_licence') {
      if (dto.dealType !== 'licence') errors.push({ field: 'dealType', message: 'an open licence is a licence' });
      if (dto.licenceScope && dto.licenceScope !== 'non_exclusive') errors.push({ field: 'licenceScope', message: 'open licences are non-exclusive' });
      if (!dto.openLicence) errors.push({ field: 'openLicence', message: 'required for an open licence' });
    } else if (dto.dealType === 'licence' && !dto.licenceScope) errors.push({ field: 'licenceScope', message: 'required for a licence' });
    if (dto.dealType !== 'licence' && dto.licenceScope) errors.push({ field: 'licenceScope', message: 'only a licence has a scope' });
    if (dto.method === 'fixed_price' && dto.price === undefined) errors.push({ field: 'price', message: 'required for a fixed-price listing' });
    if (dto.method === 'auction' && !dto.auction) errors.push({ field: 'auction', message: 'required for an auction' });
    if (dto.method !== 'auction' && dto.auction) errors.push({ field: 'auction', message: 'only for an auction' });
    if (dto.method !== 'open_licence' && dto.openLicence) errors.push({ field: 'openLicence', message: 'only for an open licence' });
    if (errors.length) throw Problems.rule('listing-shape', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }

  async create(caller: AuthUser, dto: CreateListingDto): Promise<ListingDto> {
    const a = await this.publishedAchievement(dto.achievementId);
    await this.access.requireSeller(caller, a.institutionId);
    this.checkShape(dto, a);
    const policy = marketPolicy();
    const { listing, auction } = await this.dataSource.transaction(async (m) => {
      await this.consents.require(m, a, dto.method, dto.dealType);
      let listing: ListingEntity;
      try {
        listing = await m.save(
          m.create(ListingEntity, {
            achievementId: a.id,
            sellerOrgId: a.institutionId,
            method: dto.method,
            dealType: dto.dealType,
            licenceScope: dto.method === 'open_licence' ? 'non_exclusive' : dto.licenceScope ?? null,
            status: 'open',
            titleZh: a.title.zh,
            titleEn: a.title.en,
            priceFen: dto.price === undefined ? null : String(dto.price),
            terms: dto.terms ?? null,
            governmentFunded: !!a.fundingProjectNumber,
            belowValueJustification: dto.belowValueJustification ?? null,
            evaluatorOrgId: null,
            evaluatedValueFen: null,
            evaluatedOn: null,
            evaluationMethod: null,
            periodEndsAt: dto.method === 'fixed_price' ? new Date(Date.now() + (dto.periodDays ?? policy.listingPeriodDays) * 86_400_000) : null,
            olFeeType: null,
            olLumpSumFen: null,
            olRoyaltyBp: null,
            olTermMonths: null,
            olStartsOn: null,
            withdrawnAt: null,
            createdBy: caller.id,
          }),
        );
      } catch (e) {
        if (isUniqueViolation(e, 'listings_live_achievement_key')) throw Problems.conflict('listing-live', 'This achievement already has a live listing; withdraw it or wait for its result');
        throw e;
      }
      if (dto.method === 'open_licence' && dto.openLicence) await this.openLicences.declare(m, caller, listing, a, dto.openLicence);
      const auction = dto.auction ? await this.auctions.createFor(m, listing, dto.auction) : null;
      await this.audit.append(m, {
        actorId: caller.id,
        action: 'listing.created',
        entityType: 'listing',
        entityId: listing.id,
        data: { achievementId: a.id, method: dto.method, dealType: dto.dealType, priceFen: dto.price ?? null, auctionId: auction?.id ?? null },
      });
      return { listing, auction };
    });
    if (auction) await this.scheduler.auctionClose(auction.id, auction.endsAt);
    if (listing.periodEndsAt) await this.scheduler.listingPeriodEnd(listing.id, listing.periodEndsAt);
    return this.get(listing.id);
  }

  async load(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<ListingEntity> {
    const l = await m.findOne(ListingEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!l) throw Problems.notFound('Listing');
    return l;
  }

  async toDtos(rows: ListingEntity[], m: EntityManager = this.dataSource.manager): Promise<ListingDto[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [auctions, deals, intents, takers] = await Promise.all([
      m.query(`SELECT id, listing_id FROM auctions WHERE listing_id = ANY($1)`, [ids]),
      m.query(`SELECT DISTINCT ON (listing_id) id, listing_id, price_fen, buyer_premium_fen, buyer_org_id, created_at FROM deals
                WHERE listing_id = ANY($1) AND method <> 'open_licence' ORDER BY listing_id, created_at`, [ids]),
      m.query(`SELECT listing_id, count(*)::int AS n FROM listing_intents WHERE listing_id = ANY($1) GROUP BY listing_id`, [ids]),
      m.query(`SELECT listing_id, count(*)::int AS n FROM deals WHERE listing_id = ANY($1) AND method = 'open_licence' GROUP BY listing_id`, [ids]),
    ]);
    const by = <T extends { listing_id: string }>(xs: T[]) => new Map(xs.map((x) => [x.listing_id, x]));
    const auctionOf = by(auctions as { listing_id: string; id: string }[]);
    const dealOf = by(deals as { listing_id: string; id: string; price_fen: string; buyer_premium_fen: string; buyer_org_id: string; created_at: Date }[]);
    const intentOf = by(intents as { listing_id: string; n: number }[]);
    const takerOf = by(takers as { listing_id: string; n: number }[]);
    const names = await this.access.names([...rows.flatMap((r) => [r.sellerOrgId, r.evaluatorOrgId]), ...deals.map((d: { buyer_org_id: string }) => d.buyer_org_id)], m);
    return rows.map((r) => {
      const deal = dealOf.get(r.id);
      return {
        id: r.id,
        achievementId: r.achievementId,
        title: { zh: r.titleZh, en: r.titleEn },
        sellerOrgId: r.sellerOrgId,
        sellerName: names.get(r.sellerOrgId) ?? '',
        method: r.method,
        dealType: r.dealType,
        licenceScope: r.licenceScope,
        status: r.status,
        price: num(r.priceFen),
        terms: r.terms,
        governmentFunded: r.governmentFunded,
        belowValueJustification: r.belowValueJustification,
        evaluation:
          r.evaluatorOrgId && r.evaluatedValueFen && r.evaluatedOn
            ? { evaluatorOrgId: r.evaluatorOrgId, evaluatorName: names.get(r.evaluatorOrgId) ?? '', value: Number(r.evaluatedValueFen), evaluatedOn: r.evaluatedOn, method: r.evaluationMethod ?? '' }
            : null,
        periodEndsAt: iso(r.periodEndsAt),
        auctionId: auctionOf.get(r.id)?.id ?? null,
        openLicence:
          r.method === 'open_licence' && r.olFeeType && r.olTermMonths && r.olStartsOn
            ? {
                feeType: r.olFeeType,
                lumpSumFen: num(r.olLumpSumFen),
                royaltyBp: r.olRoyaltyBp,
                termMonths: r.olTermMonths,
                startsOn: r.olStartsOn,
                withdrawnAt: iso(r.withdrawnAt),
                takers: takerOf.get(r.id)?.n ?? 0,
              }
            : null,
        intentCount: intentOf.get(r.id)?.n ?? 0,
        deal: deal
          ? { id: deal.id, price: Number(deal.price_fen), buyerPremium: Number(deal.buyer_premium_fen), buyerName: names.get(deal.buyer_org_id) ?? '', createdAt: deal.created_at.toISOString() }
          : null,
        createdAt: r.createdAt.toISOString(),
      };
    });
  }

  async get(id: string): Promise<ListingDto> {
    return (await this.toDtos([await this.load(id)]))[0];
  }

  /** Public browse: live listings by default (open and in auction), newest first. */
  async list(q: ListingsQueryDto): Promise<Page<ListingDto>> {
    return this.page(q, (qb) => {
      if (q.method) qb.andWhere('l.method = :method', { method: q.method });
      if (q.status) qb.andWhere('l.status = :status', { status: q.status });
      else qb.andWhere(`l.status IN ('open','auction')`);
      if (q.q) qb.andWhere('(l.title_zh ILIKE :q OR l.title_en ILIKE :q)', { q: containsPattern(q.q) });
    });
  }

  /** The seller's listings in every state. */
  async mine(caller: AuthUser, q: ListingsQueryDto): Promise<Page<ListingDto>> {
    const orgs = await this.access.orgsWithRole(caller, 'tto_manager');
    if (!orgs.length) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    return this.page(q, (qb) => {
      qb.andWhere('l.seller_org_id = ANY(:orgs)', { orgs });
      if (q.method) qb.andWhere('l.method = :method', { method: q.method });
      if (q.status) qb.andWhere('l.status = :status', { status: q.status });
    });
  }

  private async page(q: ListingsQueryDto, where: (qb: ReturnType<EntityManager['createQueryBuilder']>) => void): Promise<Page<ListingDto>> {
    const qb = this.dataSource.manager.createQueryBuilder(ListingEntity, 'l');
    where(qb);
    const [rows, total] = await qb
      .orderBy('l.created_at', 'DESC')
      .addOrderBy('l.id')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: await this.toDtos(rows), total, page: q.page, pageSize: q.pageSize };
  }

  /** An evaluator organisation attaches its asset-evaluation report (value, date, method) as the price basis. */
  async evaluate(caller: AuthUser, id: string, dto: EvaluationDto): Promise<ListingDto> {
    const orgs = await this.access.orgsWithRole(caller, 'evaluator');
    const org = dto.organizationId ?? (orgs.length === 1 ? orgs[0] : undefined);
    if (!org || !orgs.includes(org)) throw Problems.forbidden('Only a member of a verified evaluator organisation attaches an evaluation (name it in organizationId if you have several)');
    await this.dataSource.transaction(async (m) => {
      const l = await this.load(id, m, true);
      if (l.status !== 'open' && l.status !== 'auction') throw Problems.conflict(`listing-${l.status}`, `A ${l.status} listing can no longer be evaluated`);
      await m.update(ListingEntity, { id }, { evaluatorOrgId: org, evaluatedValueFen: String(dto.value), evaluatedOn: dto.evaluatedOn, evaluationMethod: dto.method, updatedAt: new Date() });
      await this.audit.append(m, { actorId: caller.id, action: 'listing.evaluated', entityType: 'listing', entityId: id, data: { evaluatorOrgId: org, value: dto.value, evaluatedOn: dto.evaluatedOn, method: dto.method } });
      const name = (await this.access.names([org], m)).get(org) ?? '';
      const to = [...(await this.access.usersWithRole(l.sellerOrgId, 'tto_manager', m)), ...(await this.access.usersWithRole(org, 'evaluator', m))];
      await this.outbox.notify(m, to, evaluationAttachedMessage(l, name, dto));
    });
    void this.queues.nudgeOutbox();
    return this.get(id);
  }

  /** The TTO records why a government-funded achievement may sell below its evaluated value. */
  async justify(caller: AuthUser, id: string, text: string): Promise<ListingDto> {
    await this.dataSource.transaction(async (m) => {
      const l = await this.load(id, m, true);
      await this.access.requireSeller(caller, l.sellerOrgId);
      await m.update(ListingEntity, { id }, { belowValueJustification: text, updatedAt: new Date() });
      await this.audit.append(m, { actorId: caller.id, action: 'listing.below-value-justified', entityType: 'listing', entityId: id, data: { text } });
      if (l.evaluatorOrgId) await this.outbox.notify(m, await this.access.usersWithRole(l.evaluatorOrgId, 'evaluator', m), belowValueJustifiedMessage(l, text));
    });
    void this.queues.nudgeOutbox();
    return this.get(id);
  }

  /** Withdrawal stops new offers, intents and takers; deals already made (e.g. open licences taken) stand. */
  async withdraw(caller: AuthUser, id: string): Promise<ListingDto> {
    await this.dataSource.transaction(async (m) => {
      const l = await this.load(id, m, true);
      await this.access.requireSeller(caller, l.sellerOrgId);
      if (l.status !== 'open' && l.status !== 'unsold') throw Problems.conflict(`listing-${l.status}`, `A listing that is ${l.status} cannot be withdrawn`);
      if (l.method === 'auction') {
        const a = await m.findOneBy(AuctionEntity, { listingId: id });
        if (a && a.bidCount > 0 && a.status !== 'closed') throw Problems.conflict('auction-has-bids', 'An auction with bids runs to its end');
        if (a && a.status !== 'closed') await m.update(AuctionEntity, { id: a.id }, { status: 'cancelled' });
      }
      await m.update(ListingEntity, { id }, { status: 'withdrawn', withdrawnAt: new Date(), updatedAt: new Date() });
      await this.audit.append(m, { actorId: caller.id, action: 'listing.withdrawn', entityType: 'listing', entityId: id, data: { from: l.status } });
    });
    return this.get(id);
  }

  async dealOf(listingId: string): Promise<DealEntity | null> {
    return this.dataSource.manager.findOneBy(DealEntity, { listingId });
  }
}
