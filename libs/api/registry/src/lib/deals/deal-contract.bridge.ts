import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AchievementFactsService } from '@ttx/api/catalog';
import { OrganizationsService } from '@ttx/api/identity';
import { DealsService } from '@ttx/api/market';
import type { DealCreatedEvent } from '@ttx/shared/contracts';
import type { EntityManager } from 'typeorm';
import type { CreateContractDto } from '../dto/contract.dto';
import { ContractsService } from '../contracts/contracts.service';
import { contractFromDeal } from './contract-from-deal';

/**
 * Every market deal becomes a draft technology contract of the seller organisation (DOMAIN.md §5), in the
 * deal's own transaction, for the seller to complete and submit for registration. A draft that cannot be
 * made (e.g. a foreign buyer without a GB 32100 code) never blocks the deal: the savepoint is rolled back
 * and the seller files by hand. Registered in the api and in the worker (auction closes record deals there).
 */
@Injectable()
export class DealContractBridge implements OnModuleInit {
  private readonly log = new Logger(DealContractBridge.name);

  constructor(
    private readonly deals: DealsService,
    private readonly contracts: ContractsService,
    private readonly achievements: AchievementFactsService,
    private readonly organizations: OrganizationsService,
  ) {}

  onModuleInit(): void {
    this.deals.subscribe((event, m) => this.onDeal(event, m));
  }

  async onDeal(event: DealCreatedEvent, m: EntityManager): Promise<void> {
    await m.query('SAVEPOINT deal_contract');
    try {
      const a = await this.achievements.facts(event.achievementId, m);
      const [buyer] = await this.organizations.byIds([event.buyerOrganizationId], m);
      if (!buyer) throw new Error(`buyer organisation ${event.buyerOrganizationId} not found`);
      const contract = contractFromDeal(event, { achievement: a, buyer });
      await this.contracts.draftFromDeal(m, { sellerOrganizationId: event.sellerOrganizationId, actorId: null, contract: contract as CreateContractDto });
      await m.query('RELEASE SAVEPOINT deal_contract');
    } catch (e) {
      await m.query('ROLLBACK TO SAVEPOINT deal_contract');
      this.log.warn(`deal ${event.dealId}: no draft contract (${(e as Error).message}); the seller files it by hand`);
    }
  }
}
