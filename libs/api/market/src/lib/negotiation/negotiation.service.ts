import { Injectable } from '@nestjs/common';
import { AuditService, OutboxService, Problems, QueueService, type AuthUser } from '@ttx/api/core';
import { formatYuan } from '@ttx/shared/policy';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DealsService } from '../deals/deals.service';
import type { CounterOfferDto, OfferDto, OfferViewDto } from '../dto/market.dto';
import { DealEntity, ListingEntity, ListingOfferEntity } from '../entities';
import { assertPriceBasis } from '../listings/price-basis';
import { MarketAccess } from '../market-access';

const isUnique = (e: unknown) => (e as { code?: string }).code === '23505';

/**
 * Offer / counter-offer threads, one per (listing, buyer enterprise). Offers are open on negotiation
 * listings and on unsold ones (a lot that missed its reserve or a fixed price nobody took).
 * Accepting makes the deal; the partial unique index keeps it to one accepted offer per listing.
 */
@Injectable()
export class NegotiationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MarketAccess,
    private readonly deals: DealsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly queues: QueueService,
  ) {}

  private negotiable(l: ListingEntity): void {
    const ok = (l.method === 'negotiation' && l.status === 'open') || (l.status === 'unsold' && l.method !== 'open_licence');
    if (!ok) throw Problems.conflict('listing-not-negotiable', `A ${l.method} listing that is ${l.status} takes no offers`);
  }

  private async loadOffer(m: EntityManager, id: string): Promise<ListingOfferEntity> {
    const o = await m.findOne(ListingOfferEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!o) throw Problems.notFound('Offer');
    return o;
  }

  /** The acting party must be the other side of the offer; 404 to outsiders. */
  private async requireOtherSide(caller: AuthUser, o: ListingOfferEntity, l: ListingEntity): Promise<void> {
    const orgs = (await this.access.memberships(caller)).map((x) => x.organizationId);
    const isSeller = await this.access.isSeller(caller, l.sellerOrgId);
    const isBuyer = orgs.includes(o.buyerOrgId);
    if (!isSeller && !isBuyer) throw Problems.notFound('Offer');
    if ((o.side === 'buyer' && !isSeller) || (o.side === 'seller' && !isBuyer)) throw Problems.forbidden('Only the other party answers an offer');
  }

  async offer(caller: AuthUser, listingId: string, dto: OfferDto): Promise<OfferViewDto> {
    const buyer = await this.access.buyerOrg(caller, dto.organizationId);
    const id = await this.dataSource.transaction(async (m) => {
      const l = await m.findOne(ListingEntity, { where: { id: listingId }, lock: { mode: 'pessimistic_read' } });
      if (!l) throw Problems.notFound('Listing');
      return this.buyerOffer(m, caller, l, buyer, dto);
    });
    void this.queues.nudgeOutbox();
    return this.view(caller, id);
  }

  /**
   * A buyer's offer made elsewhere on the platform (a brokerage deal room), inside the caller's transaction:
   * it goes to the achievement's live listing of that deal type that takes offers, or nowhere (null) when the
   * achievement has none. The caller nudges the outbox after its commit.
   */
  async offerOnAchievement(m: EntityManager, caller: AuthUser, achievementId: string, dealType: string, dto: OfferDto): Promise<{ listingId: string; offerId: string } | null> {
    const buyer = await this.access.buyerOrg(caller, dto.organizationId);
    const l = await m
      .createQueryBuilder(ListingEntity, 'l')
      .setLock('pessimistic_read')
      .where('l.achievement_id = :achievementId AND l.deal_type = :dealType', { achievementId, dealType })
      .andWhere(`((l.method = 'negotiation' AND l.status = 'open') OR (l.status = 'unsold' AND l.method <> 'open_licence'))`)
      .orderBy('l.created_at', 'DESC')
      .getOne();
    if (!l) return null;
    return { listingId: l.id, offerId: await this.buyerOffer(m, caller, l, buyer, dto) };
  }

  private async buyerOffer(m: EntityManager, caller: AuthUser, l: ListingEntity, buyer: string, dto: OfferDto): Promise<string> {
    if (l.sellerOrgId === buyer) throw Problems.rule('own-listing', 'An organisation does not buy its own listing');
    this.negotiable(l);
    return this.post(m, caller, l, buyer, 'buyer', dto.price, dto.terms ?? null, null);
  }

  async counter(caller: AuthUser, offerId: string, dto: CounterOfferDto): Promise<OfferViewDto> {
    const id = await this.dataSource.transaction(async (m) => {
      const o = await this.loadOffer(m, offerId);
      const l = await m.findOneOrFail(ListingEntity, { where: { id: o.listingId }, lock: { mode: 'pessimistic_read' } });
      await this.requireOtherSide(caller, o, l);
      if (o.status !== 'open') throw Problems.conflict(`offer-${o.status}`, `The offer is ${o.status}`);
      this.negotiable(l);
      return this.post(m, caller, l, o.buyerOrgId, o.side === 'buyer' ? 'seller' : 'buyer', dto.price, dto.terms ?? null, o.id);
    });
    void this.queues.nudgeOutbox();
    return this.view(caller, id);
  }

  /** New message in a thread: earlier open messages of the thread become `countered`. */
  private async post(m: EntityManager, caller: AuthUser, l: ListingEntity, buyer: string, side: 'buyer' | 'seller', price: number, terms: string | null, parentId: string | null): Promise<string> {
    await m.update(ListingOfferEntity, { listingId: l.id, buyerOrgId: buyer, status: 'open' }, { status: 'countered' });
    const o = await m.save(m.create(ListingOfferEntity, { listingId: l.id, buyerOrgId: buyer, parentId, side, priceFen: String(price), terms, status: 'open', createdBy: caller.id }));
    await this.audit.append(m, { actorId: caller.id, action: side === 'buyer' ? 'offer.made' : 'offer.countered', entityType: 'listing', entityId: l.id, data: { offerId: o.id, buyerOrgId: buyer, side, priceFen: price } });
    if (side === 'buyer' && l.createdBy) {
      const title = l.titleZh ?? l.titleEn ?? '';
      await this.outbox.enqueue(m, 'notification', {
        userId: l.createdBy,
        kind: 'offer-received',
        title: { zh: `「${title}」收到报价`, en: `Offer on “${l.titleEn ?? title}”` },
        body: { zh: `报价 ¥${formatYuan(price)}`, en: `Offered CNY ${formatYuan(price)}` },
        link: `/market/inbox`,
        email: false,
      });
    }
    return o.id;
  }

  async accept(caller: AuthUser, offerId: string): Promise<OfferViewDto> {
    await this.dataSource.transaction(async (m) => {
      const o = await this.loadOffer(m, offerId);
      const l = await m.findOneOrFail(ListingEntity, { where: { id: o.listingId }, lock: { mode: 'pessimistic_write' } });
      await this.requireOtherSide(caller, o, l);
      if (o.status !== 'open') throw Problems.conflict(`offer-${o.status}`, `The offer is ${o.status}`);
      this.negotiable(l);
      assertPriceBasis(l, Number(o.priceFen));
      try {
        await m.update(ListingOfferEntity, { id: o.id }, { status: 'accepted' });
      } catch (e) {
        if (isUnique(e)) throw Problems.conflict('offer-already-accepted', 'Another offer on this listing was accepted');
        throw e;
      }
      await m.update(ListingOfferEntity, { listingId: l.id, status: 'open' }, { status: 'rejected' });
      await this.deals.record(m, { listing: l, method: 'negotiation', priceFen: Number(o.priceFen), buyerOrgId: o.buyerOrgId, offerId: o.id, actorId: caller.id });
      await m.update(ListingEntity, { id: l.id }, { status: 'sold', updatedAt: new Date() });
      await this.audit.append(m, { actorId: caller.id, action: 'offer.accepted', entityType: 'listing', entityId: l.id, data: { offerId: o.id, priceFen: Number(o.priceFen) } });
    });
    return this.view(caller, offerId);
  }

  async reject(caller: AuthUser, offerId: string): Promise<OfferViewDto> {
    await this.dataSource.transaction(async (m) => {
      const o = await this.loadOffer(m, offerId);
      const l = await m.findOneOrFail(ListingEntity, { where: { id: o.listingId } });
      await this.requireOtherSide(caller, o, l);
      if (o.status !== 'open') throw Problems.conflict(`offer-${o.status}`, `The offer is ${o.status}`);
      await m.update(ListingOfferEntity, { id: o.id }, { status: 'rejected' });
      await this.audit.append(m, { actorId: caller.id, action: 'offer.rejected', entityType: 'listing', entityId: l.id, data: { offerId: o.id } });
    });
    return this.view(caller, offerId);
  }

  /** Threads of one listing: the seller sees all, a buyer its own. */
  async forListing(caller: AuthUser, listingId: string): Promise<OfferViewDto[]> {
    const l = await this.dataSource.manager.findOneBy(ListingEntity, { id: listingId });
    if (!l) throw Problems.notFound('Listing');
    const seller = await this.access.isSeller(caller, l.sellerOrgId);
    const orgs = (await this.access.memberships(caller)).map((x) => x.organizationId);
    const where = seller ? { listingId } : { listingId, buyerOrgId: In(orgs.length ? orgs : ['00000000-0000-4000-8000-000000000000']) };
    return this.toDtos(await this.dataSource.manager.find(ListingOfferEntity, { where, order: { createdAt: 'ASC' } }));
  }

  /** The caller's negotiation inbox: every message of threads where one of its organisations is a party. */
  async inbox(caller: AuthUser): Promise<OfferViewDto[]> {
    const orgs = (await this.access.memberships(caller)).map((x) => x.organizationId);
    if (!orgs.length) return [];
    const rows = await this.dataSource.manager
      .createQueryBuilder(ListingOfferEntity, 'o')
      .innerJoin(ListingEntity, 'l', 'l.id = o.listing_id')
      .where('o.buyer_org_id = ANY(:orgs) OR l.seller_org_id = ANY(:orgs)', { orgs })
      .orderBy('o.created_at', 'DESC')
      .limit(300)
      .getMany();
    return this.toDtos(rows);
  }

  private async view(caller: AuthUser, id: string): Promise<OfferViewDto> {
    const o = await this.dataSource.manager.findOneByOrFail(ListingOfferEntity, { id });
    return (await this.toDtos([o]))[0];
  }

  private async toDtos(rows: ListingOfferEntity[]): Promise<OfferViewDto[]> {
    if (!rows.length) return [];
    const listings = await this.dataSource.manager.findBy(ListingEntity, { id: In([...new Set(rows.map((r) => r.listingId))]) });
    const deals = await this.dataSource.manager.findBy(DealEntity, { offerId: In(rows.map((r) => r.id)) });
    const title = new Map(listings.map((l) => [l.id, l.titleZh ?? l.titleEn ?? '']));
    const names = await this.access.names(rows.map((r) => r.buyerOrgId));
    return rows.map((r) => ({
      id: r.id,
      listingId: r.listingId,
      listingTitle: title.get(r.listingId) ?? '',
      buyerOrgId: r.buyerOrgId,
      buyerName: names.get(r.buyerOrgId) ?? '',
      side: r.side,
      price: Number(r.priceFen),
      terms: r.terms,
      status: r.status,
      parentId: r.parentId,
      createdAt: r.createdAt.toISOString(),
      dealId: deals.find((d) => d.offerId === r.id)?.id ?? null,
    }));
  }
}
