import { Inject, Injectable, Logger } from '@nestjs/common';
import { AchievementFactsService } from '@ttx/api/catalog';
import { APP_CONFIG, type AppConfig, type AuthUser } from '@ttx/api/core';
import { MemberDirectory } from '@ttx/api/identity';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuctionCloser } from '../auctions/auction-closer.service';
import { AuctionsService } from '../auctions/auctions.service';
import { BidsService } from '../auctions/bids.service';
import type { AuctionTermsDto, CreateListingDto, OpenLicenceTermsDto } from '../dto/market.dto';
import { ListingsService } from '../listings/listings.service';
import { MarketAccess } from '../market-access';
import { NegotiationService } from '../negotiation/negotiation.service';
import { TakeService } from '../trading/take.service';

/** seeds/demo/market.json — documented in seeds/README.md. */
export interface MarketSeed {
  actors: Record<string, string>;
  listings: {
    key: string;
    achievement: string;
    method: CreateListingDto['method'];
    dealType: CreateListingDto['dealType'];
    licenceScope?: CreateListingDto['licenceScope'];
    price?: number;
    terms?: string;
    auction?: Omit<AuctionTermsDto, 'startsAt' | 'endsAt'> & { startsInHours: number; endsInHours: number };
    bidders?: { org: string; status: 'approved' | 'pending'; deposit?: number }[];
    bids?: { org: string; amount: number }[];
    intents?: string[];
    offers?: { from: string; price: number; terms?: string }[];
    evaluation?: { value: number; evaluatedOn: string; method: string };
    openLicence?: OpenLicenceTermsDto;
    takers?: string[];
    then?: 'close' | 'end-period' | 'withdraw';
  }[];
}

/**
 * Demo market (only into an empty market, never in production), built through the market's own services
 * acting as the demo users, so every row obeys the same rules as the API: open English and sealed
 * auctions where sme@demo.ttx is an approved bidder, a scheduled one, a sold and an unsold lot, fixed-price
 * listings (open, sold), negotiations with a counter-offer and an evaluation, open licences (taken, withdrawn).
 */
@Injectable()
export class MarketSeeder {
  private readonly log = new Logger('MarketSeeder');

  constructor(
    private readonly dataSource: DataSource,
    private readonly listings: ListingsService,
    private readonly auctions: AuctionsService,
    private readonly bids: BidsService,
    private readonly closer: AuctionCloser,
    private readonly take: TakeService,
    private readonly negotiation: NegotiationService,
    private readonly access: MarketAccess,
    private readonly directory: MemberDirectory,
    private readonly achievementFacts: AchievementFactsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seed(dir: string): Promise<'seeded' | 'skipped'> {
    const file = join(dir, 'market.json');
    if (this.config.NODE_ENV === 'production' || !existsSync(file)) return 'skipped';
    const [any] = await this.dataSource.query('SELECT 1 FROM listings LIMIT 1');
    if (any) return 'skipped';
    const seed = JSON.parse(readFileSync(file, 'utf8')) as MarketSeed;
    const achievements = JSON.parse(readFileSync(join(dir, 'achievements.json'), 'utf8')) as { achievements: { key: string; title: { zh?: string | null; en?: string | null } }[] };
    const m = this.dataSource.manager;
    const actor = new Map<string, AuthUser>();
    const userIds = await this.directory.userIdsByEmail(Object.values(seed.actors));
    for (const [org, email] of Object.entries(seed.actors)) {
      const id = userIds.get(email.toLowerCase());
      if (!id) return 'skipped'; // identity demo data absent
      actor.set(org, { id, email, roles: [] });
    }
    const as = (org: string) => {
      const a = actor.get(org);
      if (!a) throw new Error(`market seed: no demo actor for ${org}`);
      return a;
    };
    let key = 0;
    for (const s of seed.listings) {
      const title = achievements.achievements.find((a) => a.key === s.achievement)?.title;
      const id = title && (await this.achievementFacts.idByTitle({ zh: title.zh ?? null, en: title.en ?? null }));
      const a = id && { id };
      if (!a) throw new Error(`market seed ${s.key}: achievement ${s.achievement} not found`);
      const hour = 3_600_000;
      const auction = s.auction && {
        ...s.auction,
        startsAt: new Date(Date.now() + s.auction.startsInHours * hour).toISOString(),
        endsAt: new Date(Date.now() + s.auction.endsInHours * hour).toISOString(),
        startsInHours: undefined,
        endsInHours: undefined,
      };
      const listing = await this.listings.create(as('university'), {
        achievementId: a.id,
        method: s.method,
        dealType: s.dealType,
        licenceScope: s.licenceScope,
        price: s.price,
        terms: s.terms,
        auction: auction as AuctionTermsDto | undefined,
        openLicence: s.openLicence,
      });
      if (s.evaluation) await this.listings.evaluate(as('evaluator'), listing.id, s.evaluation);
      const auctionId = listing.auctionId;
      if (auctionId) {
        for (const b of s.bidders ?? []) {
          await this.auctions.register(as(b.org), auctionId, undefined, b.deposit);
          if (b.status === 'approved') await this.auctions.decide(as('university'), auctionId, await this.access.buyerOrg(as(b.org)), 'approved');
        }
        for (const b of s.bids ?? []) await this.bids.place(as(b.org), auctionId, b.amount, `demo-seed-${++key}`);
      }
      for (const org of s.intents ?? []) await this.take.take(as(org), listing.id);
      let last: string | null = null;
      for (const o of s.offers ?? []) {
        const v: { id: string } = o.from === 'seller' && last
          ? await this.negotiation.counter(as('university'), last, { price: o.price, terms: o.terms })
          : await this.negotiation.offer(as(o.from), listing.id, { price: o.price, terms: o.terms });
        last = v.id;
      }
      for (const org of s.takers ?? []) await this.take.take(as(org), listing.id);
      if (s.then === 'close' && auctionId) {
        await m.query(`UPDATE auctions SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 second' WHERE id = $1`, [auctionId]);
        await this.closer.close(auctionId);
      } else if (s.then === 'end-period') {
        await m.query(`UPDATE listings SET period_ends_at = now() WHERE id = $1`, [listing.id]);
        await this.take.endPeriod(listing.id);
      } else if (s.then === 'withdraw') {
        await this.listings.withdraw(as('university'), listing.id);
      }
    }
    this.log.log(`Market demo data: ${seed.listings.length} listings`);
    return 'seeded';
  }
}
