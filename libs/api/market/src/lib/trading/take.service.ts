import { Injectable } from '@nestjs/common';
import { AuditService, Problems, type AuthUser } from '@ttx/api/core';
import { fixedPriceOutcome } from '@ttx/shared/policy';
import { DataSource } from 'typeorm';
import { AuctionsService } from '../auctions/auctions.service';
import { DealsService } from '../deals/deals.service';
import type { IntentViewDto, TakeResultDto } from '../dto/market.dto';
import { ListingEntity, ListingIntentEntity } from '../entities';
import { assertPriceBasis, blocksBelowValue } from '../listings/price-basis';
import { MarketAccess } from '../market-access';
import { MarketScheduler } from '../market-scheduler';

const CONVERSION_AUCTION_HOURS = 24;
const isUnique = (e: unknown) => (e as { code?: string }).code === '23505';

/** `POST /listings/:id/take`: an intent on a fixed-price listing, or an open licence taken at once. */
@Injectable()
export class TakeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MarketAccess,
    private readonly deals: DealsService,
    private readonly auctions: AuctionsService,
    private readonly audit: AuditService,
    private readonly scheduler: MarketScheduler,
  ) {}

  async take(caller: AuthUser, id: string, organizationId?: string): Promise<TakeResultDto> {
    const buyer = await this.access.buyerOrg(caller, organizationId);
    return this.dataSource.transaction(async (m) => {
      // FOR SHARE: takers proceed in parallel; the period end / withdrawal (FOR UPDATE) waits for them.
      const l = await m.findOne(ListingEntity, { where: { id }, lock: { mode: 'pessimistic_read' } });
      if (!l) throw Problems.notFound('Listing');
      if (l.sellerOrgId === buyer) throw Problems.rule('own-listing', 'An organisation does not buy its own listing');
      if (l.status !== 'open') throw Problems.conflict(`listing-${l.status}`, `The listing is ${l.status}; it takes no more ${l.method === 'open_licence' ? 'licensees' : 'intents'}`);
      if (l.method === 'fixed_price') {
        if (l.periodEndsAt && l.periodEndsAt.getTime() <= Date.now()) throw Problems.conflict('listing-period-ended', 'The listing period has ended');
        await m.createQueryBuilder().insert().into(ListingIntentEntity).values({ listingId: id, buyerOrgId: buyer, userId: caller.id }).orIgnore().execute();
        await this.audit.append(m, { actorId: caller.id, action: 'listing.intent', entityType: 'listing', entityId: id, data: { buyerOrgId: buyer } });
        return { kind: 'intent', listingId: id, dealId: null };
      }
      if (l.method === 'open_licence') {
        const price = Number(l.olLumpSumFen ?? 0);
        assertPriceBasis(l, price);
        try {
          const deal = await this.deals.record(m, { listing: l, method: 'open_licence', priceFen: price, buyerOrgId: buyer, actorId: caller.id });
          return { kind: 'licence', listingId: id, dealId: deal.id };
        } catch (e) {
          if (isUnique(e)) throw Problems.conflict('open-licence-taken', 'Your organisation already holds this open licence');
          throw e;
        }
      }
      throw Problems.rule('take-not-supported', `A ${l.method} listing is not taken: ${l.method === 'auction' ? 'register and bid' : 'make an offer'}`);
    });
  }

  async intents(caller: AuthUser, id: string): Promise<IntentViewDto[]> {
    const l = await this.dataSource.manager.findOneBy(ListingEntity, { id });
    if (!l) throw Problems.notFound('Listing');
    await this.access.requireSeller(caller, l.sellerOrgId);
    const rows = await this.dataSource.manager.find(ListingIntentEntity, { where: { listingId: id }, order: { createdAt: 'ASC' } });
    const names = await this.access.names(rows.map((r) => r.buyerOrgId));
    return rows.map((r) => ({ buyerOrgId: r.buyerOrgId, buyerName: names.get(r.buyerOrgId) ?? '', createdAt: r.createdAt.toISOString() }));
  }

  /**
   * End of a fixed-price listing period (the delayed job; idempotent): one intending buyer → deal at the
   * price; two or more → an English auction among them starting at the listed price; none → unsold.
   */
  async endPeriod(id: string, now = new Date()): Promise<'deal' | 'auction' | 'unsold' | 'not-due' | 'done'> {
    const result = await this.dataSource.transaction(async (m) => {
      const l = await m.findOne(ListingEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!l || l.method !== 'fixed_price' || l.status !== 'open') return { r: 'done' as const };
      if (l.periodEndsAt && l.periodEndsAt.getTime() > now.getTime()) return { r: 'not-due' as const, at: l.periodEndsAt };
      const intents = await m.find(ListingIntentEntity, { where: { listingId: id }, order: { createdAt: 'ASC' } });
      const outcome = fixedPriceOutcome(intents.length);
      const price = Number(l.priceFen);
      if (outcome === 'deal' && !blocksBelowValue(l, price)) {
        await this.deals.record(m, { listing: l, method: 'fixed_price', priceFen: price, buyerOrgId: intents[0].buyerOrgId, actorId: null });
        await m.update(ListingEntity, { id }, { status: 'sold', updatedAt: new Date() });
      } else if (outcome === 'auction') {
        const increment = Math.max(100, Math.round(price / 100)); // 1 % of the price, at least RMB 1
        const auction = await this.auctions.createFor(m, l, {
          startPrice: price,
          increment,
          endsAt: new Date(Date.now() + CONVERSION_AUCTION_HOURS * 3_600_000).toISOString(),
        });
        for (const i of intents) await this.auctions.approveDirectly(m, auction.id, i.buyerOrgId, i.userId);
        await m.update(ListingEntity, { id }, { status: 'auction', updatedAt: new Date() });
        await this.audit.append(m, { actorId: null, action: 'listing.converted-to-auction', entityType: 'listing', entityId: id, data: { auctionId: auction.id, bidders: intents.length } });
        return { r: 'auction' as const, auction };
      } else {
        await m.update(ListingEntity, { id }, { status: 'unsold', updatedAt: new Date() });
      }
      await this.audit.append(m, { actorId: null, action: 'listing.period-ended', entityType: 'listing', entityId: id, data: { intents: intents.length, outcome } });
      return { r: outcome === 'deal' && blocksBelowValue(l, price) ? ('unsold' as const) : outcome };
    });
    if (result.r === 'auction' && 'auction' in result && result.auction) await this.scheduler.auctionClose(result.auction.id, result.auction.endsAt);
    if (result.r === 'not-due' && 'at' in result && result.at) await this.scheduler.listingPeriodEnd(id, result.at);
    return result.r;
  }
}
