import { Injectable } from '@nestjs/common';
import { AuditService, Problems, type AuthUser } from '@ttx/api/core';
import { marketPolicy, minNextBid } from '@ttx/shared/policy';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuctionDto, AuctionTermsDto, BidderDto, BidViewDto, MyAuctionDto } from '../dto/market.dto';
import { AuctionBidderEntity, AuctionBidEntity, AuctionEntity, DealEntity, ListingEntity } from '../entities';
import { MarketAccess } from '../market-access';

const iso = (d: Date) => d.toISOString();

/** Auction lots: creation (from a listing), the public view, bidder registration and approval, history. */
@Injectable()
export class AuctionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: MarketAccess,
  ) {}

  /** Inside the listing's transaction; the caller schedules the close job after commit. */
  async createFor(m: EntityManager, listing: ListingEntity, t: AuctionTermsDto): Promise<AuctionEntity> {
    const startsAt = t.startsAt ? new Date(t.startsAt) : new Date();
    const endsAt = new Date(t.endsAt);
    const errors = [];
    if (endsAt.getTime() <= Math.max(startsAt.getTime(), Date.now())) errors.push({ field: 'auction.endsAt', message: 'must be in the future and after startsAt' });
    if (t.reservePrice !== undefined && t.reservePrice < t.startPrice) errors.push({ field: 'auction.reservePrice', message: 'must not be below the start price' });
    if (errors.length) throw Problems.rule('auction-window', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
    return m.save(
      m.create(AuctionEntity, {
        listingId: listing.id,
        sellerOrgId: listing.sellerOrgId,
        kind: t.kind ?? 'english',
        status: startsAt.getTime() <= Date.now() ? 'open' : 'scheduled',
        startPriceFen: String(t.startPrice),
        reserveFen: t.reservePrice === undefined ? null : String(t.reservePrice),
        incrementFen: String(t.increment),
        depositFen: t.deposit === undefined ? null : String(t.deposit),
        buyerPremiumBp: t.buyerPremiumBp ?? marketPolicy().buyerPremiumBp,
        softCloseSeconds: t.softCloseSeconds ?? marketPolicy().softCloseSeconds,
        startsAt,
        endsAt,
        highBidFen: null,
        highBidId: null,
        highBidderOrgId: null,
        bidCount: 0,
        outcome: null,
        closedAt: null,
      }),
    );
  }

  async load(id: string, m: EntityManager = this.dataSource.manager): Promise<AuctionEntity> {
    const a = await m.findOneBy(AuctionEntity, { id });
    if (!a) throw Problems.notFound('Auction');
    return a;
  }

  /** Public: the reserve itself stays hidden; a sealed auction hides its high bid until it closes. */
  toDto(a: AuctionEntity, dealId: string | null = null): AuctionDto {
    const now = Date.now();
    const status = a.status === 'scheduled' && a.startsAt.getTime() <= now ? 'open' : a.status;
    const high = a.highBidFen === null ? null : Number(a.highBidFen);
    const visibleHigh = a.kind === 'sealed' && a.status !== 'closed' ? null : high;
    return {
      id: a.id,
      listingId: a.listingId,
      kind: a.kind,
      status,
      startPrice: Number(a.startPriceFen),
      highBid: visibleHigh,
      increment: Number(a.incrementFen),
      minNextBid: a.kind === 'sealed' ? Number(a.startPriceFen) : minNextBid(Number(a.startPriceFen), high, Number(a.incrementFen)),
      reserveMet: a.kind === 'sealed' && a.status !== 'closed' ? false : high !== null && (a.reserveFen === null || high >= Number(a.reserveFen)),
      hasReserve: a.reserveFen !== null,
      startsAt: iso(a.startsAt),
      endsAt: iso(a.endsAt),
      bidCount: a.bidCount,
      softCloseSeconds: a.softCloseSeconds,
      buyerPremiumBp: a.buyerPremiumBp,
      deposit: a.depositFen === null ? null : Number(a.depositFen),
      outcome: a.outcome,
      dealId,
      serverTime: new Date(now).toISOString(),
    };
  }

  async get(id: string): Promise<AuctionDto> {
    const a = await this.load(id);
    const deal = a.outcome === 'sold' ? await this.dataSource.manager.findOne(DealEntity, { where: { auctionId: id }, select: { id: true } }) : null;
    return this.toDto(a, deal?.id ?? null);
  }

  async me(caller: AuthUser, id: string): Promise<MyAuctionDto> {
    const a = await this.load(id);
    const orgs = (await this.access.memberships(caller)).map((x) => x.organizationId);
    if (orgs.includes(a.sellerOrgId)) return { bidderStatus: 'seller', leading: false, organizationId: a.sellerOrgId };
    const rows = orgs.length ? await this.dataSource.manager.find(AuctionBidderEntity, { where: orgs.map((o) => ({ auctionId: id, organizationId: o })) }) : [];
    const best = rows.find((r) => r.status === 'approved') ?? rows[0];
    const leading = a.kind === 'english' && a.highBidderOrgId !== null && orgs.includes(a.highBidderOrgId);
    return { bidderStatus: best?.status ?? 'none', leading, organizationId: best?.organizationId ?? null };
  }

  /** An enterprise asks to bid (optionally with the deposit it paid); the seller approves. */
  async register(caller: AuthUser, id: string, organizationId?: string, deposit?: number): Promise<MyAuctionDto> {
    const a = await this.load(id);
    const org = await this.access.buyerOrg(caller, organizationId);
    if (org === a.sellerOrgId) throw Problems.rule('bid-own-lot', "The seller's own organisation may not bid on its lot");
    if (a.status === 'closed' || a.status === 'cancelled' || a.endsAt.getTime() <= Date.now()) throw Problems.conflict('auction-ended', 'The auction has ended');
    if (a.depositFen !== null && (deposit ?? 0) < Number(a.depositFen)) {
      throw Problems.rule('deposit-required', `This auction requires a deposit of ${a.depositFen} fen`, [{ field: 'deposit', message: `at least ${a.depositFen}` }]);
    }
    await this.dataSource.transaction(async (m) => {
      const ins = await m
        .createQueryBuilder()
        .insert()
        .into(AuctionBidderEntity)
        .values({ auctionId: id, organizationId: org, userId: caller.id, status: 'pending', depositFen: deposit === undefined ? null : String(deposit) })
        .orIgnore()
        .execute();
      if (ins.raw.length) await this.audit.append(m, { actorId: caller.id, action: 'auction.bidder-registered', entityType: 'auction', entityId: id, data: { organizationId: org, deposit: deposit ?? null } });
    });
    return this.me(caller, id);
  }

  async bidders(caller: AuthUser, id: string): Promise<BidderDto[]> {
    const a = await this.load(id);
    await this.access.requireSeller(caller, a.sellerOrgId);
    const rows = await this.dataSource.manager.find(AuctionBidderEntity, { where: { auctionId: id }, order: { createdAt: 'ASC' } });
    const names = await this.access.names(rows.map((r) => r.organizationId));
    return rows.map((r) => ({
      organizationId: r.organizationId,
      organizationName: names.get(r.organizationId) ?? '',
      status: r.status,
      deposit: r.depositFen === null ? null : Number(r.depositFen),
      createdAt: iso(r.createdAt),
    }));
  }

  async decide(caller: AuthUser, id: string, organizationId: string, status: 'approved' | 'rejected'): Promise<BidderDto[]> {
    const a = await this.load(id);
    await this.access.requireSeller(caller, a.sellerOrgId);
    await this.dataSource.transaction(async (m) => {
      const res = await m.update(AuctionBidderEntity, { auctionId: id, organizationId }, { status, decidedAt: new Date() });
      if (!res.affected) throw Problems.notFound('Bidder registration');
      await this.audit.append(m, { actorId: caller.id, action: `auction.bidder-${status}`, entityType: 'auction', entityId: id, data: { organizationId } });
    });
    return this.bidders(caller, id);
  }

  /** Approves without a request: used when a fixed-price listing turns into an auction among its intending buyers. */
  async approveDirectly(m: EntityManager, auctionId: string, organizationId: string, userId: string): Promise<void> {
    await m.insert(AuctionBidderEntity, { auctionId, organizationId, userId, status: 'approved', depositFen: null, decidedAt: new Date() });
  }

  /**
   * Bid history, bidders anonymised as "Bidder n" in order of first bid (the seller sees names).
   * Sealed bids of others show no amount until the close.
   */
  async history(caller: AuthUser | null, id: string): Promise<BidViewDto[]> {
    const a = await this.load(id);
    const orgs = caller ? (await this.access.memberships(caller)).map((x) => x.organizationId) : [];
    const seller = orgs.includes(a.sellerOrgId);
    const bids = await this.dataSource.manager.find(AuctionBidEntity, { where: { auctionId: id }, order: { createdAt: 'DESC' }, take: 500 });
    const order = await this.dataSource.manager.query(
      `SELECT organization_id FROM auction_bids WHERE auction_id = $1 GROUP BY organization_id ORDER BY min(created_at)`,
      [id],
    );
    const label = new Map<string, number>(order.map((r: { organization_id: string }, i: number) => [r.organization_id, i + 1]));
    const names = seller ? await this.access.names(bids.map((b) => b.organizationId)) : new Map<string, string>();
    const hidden = a.kind === 'sealed' && a.status !== 'closed';
    return bids.map((b) => {
      const mine = orgs.includes(b.organizationId);
      return {
        bidder: seller ? names.get(b.organizationId) ?? '' : `#${label.get(b.organizationId)}`,
        mine,
        amount: hidden && !mine ? null : Number(b.amountFen),
        at: iso(b.createdAt),
      };
    });
  }
}
