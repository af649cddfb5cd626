import { Injectable, OnModuleInit } from '@nestjs/common';
import { AchievementFactsService } from '@ttx/api/catalog';
import { AuditService, OutboxService, Problems, type AuthUser } from '@ttx/api/core';
import { DisclosuresService } from '@ttx/api/platform';
import type { DealCreatedEvent, LicenceScope, ListingMethod, MarketDealType } from '@ttx/shared/contracts';
import { marketPolicy } from '@ttx/shared/policy';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { DealDto } from '../dto/market.dto';
import { DealEntity, ListingEntity, MarketDealEventEntity } from '../entities';
import { MarketAccess } from '../market-access';

export interface NewDeal {
  listing: ListingEntity;
  method: ListingMethod;
  priceFen: number;
  buyerPremiumFen?: number;
  buyerOrgId: string;
  auctionId?: string | null;
  offerId?: string | null;
  actorId: string | null;
}

/** Runs inside the deal's transaction: a subscriber that throws rolls the deal back. */
export type DealSubscriber = (event: DealCreatedEvent, manager: EntityManager) => Promise<void>;

/**
 * Every deal of the market goes through `record`: the row, its audit entry, the domain event (durable in
 * market_deal_events and delivered to in-process subscribers) and the public disclosure.
 * Licensing and registry subscribe to turn a deal into a draft licence / technology contract.
 */
@Injectable()
export class DealsService implements OnModuleInit {
  private readonly subscribers: DealSubscriber[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: MarketAccess,
    private readonly disclosures: DisclosuresService,
    private readonly achievements: AchievementFactsService,
    private readonly outbox: OutboxService,
  ) {}

  /** An objection to a deal notice goes to the TTO manager who listed it (the seller answers it). */
  onModuleInit(): void {
    this.disclosures.registerHandler('deal', {
      onObjection: async (m, { disclosure }) => {
        const deal = await m.findOneBy(DealEntity, { id: disclosure.subjectId });
        const listing = deal && (await m.findOneBy(ListingEntity, { id: deal.listingId }));
        if (!listing) return;
        await this.outbox.enqueue(m, 'notification', {
          userId: listing.createdBy,
          kind: 'deal-objection',
          title: { zh: `成交公示收到异议：${listing.titleZh ?? listing.titleEn ?? ''}`, en: `Objection to the deal notice: ${listing.titleEn ?? listing.titleZh ?? ''}` },
          body: { zh: '请在公示期内答复异议。', en: 'Please answer the objection while the notice runs.' },
          link: `/market/listings/${listing.id}`,
          email: true,
        });
      },
    });
  }

  subscribe(handler: DealSubscriber): () => void {
    this.subscribers.push(handler);
    return () => {
      const i = this.subscribers.indexOf(handler);
      if (i >= 0) this.subscribers.splice(i, 1);
    };
  }

  /** Deal events after `afterSeq`, oldest first, for consumers that poll instead of subscribing. */
  async eventsAfter(afterSeq: number, limit = 100): Promise<{ seq: number; event: DealCreatedEvent }[]> {
    const rows = await this.dataSource.manager.query(`SELECT seq, payload FROM market_deal_events WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit]);
    return rows.map((r: { seq: string; payload: DealCreatedEvent }) => ({ seq: Number(r.seq), event: r.payload }));
  }

  async record(m: EntityManager, d: NewDeal): Promise<DealEntity> {
    const l = d.listing;
    const scope: LicenceScope | null = l.licenceScope;
    // The notice names the deal and the deal its notice: the id is chosen here, so each row is written once.
    const deal = m.create(DealEntity, {
      id: randomUUID(),
      listingId: l.id,
      auctionId: d.auctionId ?? null,
      offerId: d.offerId ?? null,
      achievementId: l.achievementId,
      method: d.method,
      dealType: l.dealType as MarketDealType,
      licenceScope: scope,
      priceFen: String(d.priceFen),
      buyerPremiumFen: String(d.buyerPremiumFen ?? 0),
      sellerOrgId: l.sellerOrgId,
      buyerOrgId: d.buyerOrgId,
      disclosureId: null,
      disclosedUntil: null,
    });
    await this.disclose(m, deal, l);
    await m.insert(DealEntity, deal);
    const payload: DealCreatedEvent = {
      type: 'deal.created',
      dealId: deal.id,
      listingId: l.id,
      achievementId: l.achievementId,
      method: d.method,
      dealType: l.dealType,
      licenceScope: scope,
      priceFen: d.priceFen,
      buyerPremiumFen: d.buyerPremiumFen ?? 0,
      sellerOrganizationId: l.sellerOrgId,
      buyerOrganizationId: d.buyerOrgId,
      createdAt: deal.createdAt.toISOString(),
    };
    await m.insert(MarketDealEventEntity, { dealId: deal.id, type: payload.type, payload });
    await this.audit.append(m, {
      actorId: d.actorId,
      action: 'deal.created',
      entityType: 'deal',
      entityId: deal.id,
      data: { listingId: l.id, method: d.method, priceFen: d.priceFen, buyerOrgId: d.buyerOrgId, sellerOrgId: l.sellerOrgId },
    });
    for (const s of this.subscribers) await s(payload, m);
    return deal;
  }

  /**
   * The public notice of the deal result (成交信息公示, DOMAIN.md §3 [002 Chengdu]) for the policy's days:
   * achievement, method, price, parties and inventors — in the deal's transaction, before the deal's row.
   */
  private async disclose(m: EntityManager, deal: DealEntity, l: ListingEntity): Promise<void> {
    const names = await this.access.names([deal.sellerOrgId, deal.buyerOrgId], m);
    // Inventors as the public catalog shows them: a withdrawn achievement's notice names none.
    const a = await this.achievements.facts(l.achievementId, m);
    const inventors = a.status === 'published' ? a.inventors.map((i) => i.name) : [];
    const startsAt = new Date();
    const endsAt = new Date(startsAt.getTime() + marketPolicy().disclosureDays * 86_400_000);
    const title = l.titleZh ?? l.titleEn ?? '';
    deal.disclosureId = await this.disclosures.publishId(
      {
        kind: 'deal',
        subjectType: 'deal',
        subjectId: deal.id,
        institutionId: deal.sellerOrgId,
        titleZh: `成交公示：${title}`,
        titleEn: `Deal result: ${l.titleEn ?? title}`,
        summary: {
          listingId: l.id,
          achievementId: l.achievementId,
          title: { zh: l.titleZh, en: l.titleEn },
          method: deal.method,
          dealType: deal.dealType,
          licenceScope: deal.licenceScope,
          priceFen: Number(deal.priceFen),
          buyerPremiumFen: Number(deal.buyerPremiumFen),
          seller: names.get(deal.sellerOrgId) ?? '',
          buyer: names.get(deal.buyerOrgId) ?? '',
          inventors,
        },
        startsAt,
        endsAt,
      },
      m,
    );
    deal.disclosedUntil = endsAt;
  }

  private async toDtos(rows: DealEntity[], orgs: string[]): Promise<DealDto[]> {
    // Names (identity) and titles (the listings) side by side: no second round trip in sequence.
    const [names, listings] = await Promise.all([
      this.access.names(rows.flatMap((r) => [r.sellerOrgId, r.buyerOrgId])),
      rows.length ? this.dataSource.manager.findBy(ListingEntity, rows.map((r) => ({ id: r.listingId }))) : [],
    ]);
    const title = new Map(listings.map((l) => [l.id, { zh: l.titleZh, en: l.titleEn }]));
    return rows.map((r) => ({
      id: r.id,
      listingId: r.listingId,
      achievementId: r.achievementId,
      title: title.get(r.listingId) ?? { zh: null, en: null },
      method: r.method,
      dealType: r.dealType,
      licenceScope: r.licenceScope,
      price: Number(r.priceFen),
      buyerPremium: Number(r.buyerPremiumFen),
      sellerName: names.get(r.sellerOrgId) ?? '',
      buyerName: names.get(r.buyerOrgId) ?? '',
      role: orgs.includes(r.sellerOrgId) ? 'seller' : 'buyer',
      disclosureId: r.disclosureId,
      disclosedUntil: r.disclosedUntil?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /** The caller's organisations' deals, as seller or buyer. */
  async mine(caller: AuthUser): Promise<DealDto[]> {
    const orgs = [...new Set((await this.access.memberships(caller)).map((x) => x.organizationId))];
    if (!orgs.length) return [];
    const rows = await this.dataSource.manager
      .createQueryBuilder(DealEntity, 'd')
      .where('d.seller_org_id = ANY(:orgs) OR d.buyer_org_id = ANY(:orgs)', { orgs })
      .orderBy('d.created_at', 'DESC')
      .limit(200)
      .getMany();
    return this.toDtos(rows, orgs);
  }

  async get(caller: AuthUser, id: string): Promise<DealDto> {
    const orgs = (await this.access.memberships(caller)).map((x) => x.organizationId);
    const d = await this.dataSource.manager.findOneBy(DealEntity, { id });
    if (!d || !(orgs.includes(d.sellerOrgId) || orgs.includes(d.buyerOrgId) || caller.roles.includes('platform_admin'))) throw Problems.notFound('Deal');
    return (await this.toDtos([d], orgs))[0];
  }
}
