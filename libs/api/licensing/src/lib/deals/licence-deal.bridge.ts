import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AchievementFactsService } from '@ttx/api/catalog';
import { afterCommit, describeError } from '@ttx/api/core';
import { OrganizationsService } from '@ttx/api/identity';
import { DealsService, ListingsService } from '@ttx/api/market';
import type { DealCreatedEvent } from '@ttx/shared/contracts';
import type { EntityManager } from 'typeorm';
import { InvoiceScheduler } from '../invoices/invoice-scheduler';
import { LicenceWriter } from '../licences/licence-writer';
import { LicenceBroker } from './licence-broker';
import { licenceFromDeal } from './licence-from-deal';

/** All of China (GB/T 2260 national code): market deals do not narrow the territory. */
const ALL_CHINA = '000000';

/**
 * A licence deal or an open-licence take becomes an active licence in the deal's own transaction, under a
 * savepoint: a licence that cannot be made (e.g. an exclusive overlap) never blocks the deal, and the TTO
 * records it by hand. Registered in the api and in the worker (auction closes record deals there). Its invoices
 * due now (a lump sum without deferral) are queued once the deal commits, not at the next hourly sweep.
 */
@Injectable()
export class LicenceDealBridge implements OnModuleInit {
  private readonly log = new Logger(LicenceDealBridge.name);

  constructor(
    private readonly deals: DealsService,
    private readonly listings: ListingsService,
    private readonly achievements: AchievementFactsService,
    private readonly organizations: OrganizationsService,
    private readonly writer: LicenceWriter,
    private readonly broker: LicenceBroker,
    private readonly invoices: InvoiceScheduler,
  ) {}

  onModuleInit(): void {
    this.deals.subscribe((event, m) => this.onDeal(event, m));
  }

  async onDeal(event: DealCreatedEvent, m: EntityManager): Promise<void> {
    if (event.method !== 'open_licence' && event.dealType !== 'licence') return;
    await m.query('SAVEPOINT deal_licence');
    try {
      const listing = await this.listings.load(event.listingId, m);
      const a = await this.achievements.facts(event.achievementId, m);
      const [buyer] = await this.organizations.byIds([event.buyerOrganizationId], m);
      const made = licenceFromDeal(
        event,
        {
          olFeeType: listing.olFeeType,
          olLumpSumFen: listing.olLumpSumFen === null ? null : Number(listing.olLumpSumFen),
          olRoyaltyBp: listing.olRoyaltyBp,
          olTermMonths: listing.olTermMonths,
          olStartsOn: listing.olStartsOn,
        },
        { fieldCode: a.fieldCode, ipExpiry: await this.achievements.ipExpiry(a.id, m), licenseeIsSme: !!buyer?.isSme },
      );
      if (!made) throw new Error('the deal has no licence terms');
      const licenceId = await this.writer.create(m, {
        achievementId: event.achievementId,
        licenseeOrgId: event.buyerOrganizationId,
        kind: made.kind,
        territory: [ALL_CHINA],
        fieldsOfUse: made.fieldsOfUse,
        startsOn: made.startsOn,
        endsOn: made.endsOn,
        sublicensing: false,
        terms: made.terms,
        dealId: event.dealId,
        broker: await this.broker.of(m, { dealId: event.dealId, achievementId: event.achievementId, buyerOrgId: event.buyerOrganizationId, before: event.createdAt }, event.priceFen),
        status: 'active',
        actorId: null,
      });
      await m.query('RELEASE SAVEPOINT deal_licence');
      afterCommit(m, () => void this.invoices.scheduleDue(licenceId));
    } catch (e) {
      await m.query('ROLLBACK TO SAVEPOINT deal_licence');
      this.log.warn(`deal ${event.dealId}: no licence (${describeError(e)}); the TTO records it by hand`);
    }
  }
}
