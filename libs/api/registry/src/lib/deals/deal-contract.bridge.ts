import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AchievementFactsService } from '@ttx/api/catalog';
import { describeError } from '@ttx/api/core';
import { OrganizationsService } from '@ttx/api/identity';
import { DealsService } from '@ttx/api/market';
import type { DealCreatedEvent } from '@ttx/shared/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { CreateContractDto } from '../dto/contract.dto';
import { ContractsService } from '../contracts/contracts.service';
import { contractFromDeal, hasContractAmount } from './contract-from-deal';

const CATCH_UP_PAGE = 200;

/**
 * Every market deal becomes a draft technology contract of the seller organisation (DOMAIN.md §5), in the
 * deal's own transaction, for the seller to complete and submit for registration. A draft that cannot be
 * made (e.g. a foreign buyer without a GB 32100 code) never blocks the deal: the savepoint is rolled back
 * and the seller files by hand. Registered in the api, in the worker (auction closes record deals there)
 * and in demo seeding; `catchUp()` drafts the deals recorded while no bridge was listening.
 */
@Injectable()
export class DealContractBridge implements OnModuleInit {
  private readonly log = new Logger(DealContractBridge.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly deals: DealsService,
    private readonly contracts: ContractsService,
    private readonly achievements: AchievementFactsService,
    private readonly organizations: OrganizationsService,
  ) {}

  onModuleInit(): void {
    this.deals.subscribe(async (event, m) => void (await this.onDeal(event, m)));
  }

  /** True when a draft was made. A deal without a contract amount gets none by rule, so no warning either. */
  async onDeal(event: DealCreatedEvent, m: EntityManager): Promise<boolean> {
    if (!hasContractAmount(event)) return false;
    await m.query('SAVEPOINT deal_contract');
    try {
      const a = await this.achievements.facts(event.achievementId, m);
      const parties = await this.organizations.byIds([event.buyerOrganizationId, event.sellerOrganizationId], m);
      const buyer = parties.find((o) => o.id === event.buyerOrganizationId);
      if (!buyer) throw new Error(`buyer organisation ${event.buyerOrganizationId} not found`);
      const contract = contractFromDeal(event, { achievement: a, buyer });
      await this.contracts.draftFromDeal(m, {
        dealId: event.dealId,
        sellerOrganizationId: event.sellerOrganizationId,
        seller: parties.find((o) => o.id === event.sellerOrganizationId),
        actorId: null,
        contract: contract as CreateContractDto,
      });
      await m.query('RELEASE SAVEPOINT deal_contract');
      return true;
    } catch (e) {
      await m.query('ROLLBACK TO SAVEPOINT deal_contract');
      this.log.warn(`deal ${event.dealId}: no draft contract (${describeError(e)}); the seller files it by hand`);
      return false;
    }
  }

  /**
   * Drafts a contract for every recorded deal that has none (deals made before the bridge existed or while
   * it was not loaded). Idempotent: a deal's draft is unique (`contracts_deal_key`), so a second run, or a
   * live deal racing this one, makes nothing twice. Returns how many drafts were made.
   */
  async catchUp(): Promise<number> {
    let after = 0;
    let made = 0;
    for (;;) {
      const page = await this.deals.eventsAfter(after, CATCH_UP_PAGE);
      if (!page.length) break;
      after = page[page.length - 1].seq;
      const have = await this.contracts.dealsWithContracts(page.map((p) => p.event.dealId));
      for (const { event } of page) {
        if (have.has(event.dealId)) continue;
        if (await this.dataSource.transaction((m) => this.onDeal(event, m))) made++;
      }
    }
    if (made) this.log.log(`${made} market deal(s) got their draft contract`);
    return made;
  }
}
