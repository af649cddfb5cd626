import { Injectable } from '@nestjs/common';
import { BrokerageCommissions, type DealParties } from '@ttx/api/brokerage';
import type { EntityManager } from 'typeorm';

export type LicenceBrokerLine = { id: string; name: string; rateBp: number } | null;

/**
 * The broker line of a licence's ledger, from the commission agreed in the deal room (brokerage owns it):
 * a rate as is; an amount as its share of the deal price (so each payment carries its part of it).
 */
@Injectable()
export class LicenceBroker {
  constructor(private readonly commissions: BrokerageCommissions) {}

  async of(m: EntityManager, deal: DealParties, priceFen: number | null): Promise<LicenceBrokerLine> {
    const c = await this.commissions.forDeal(deal, m);
    if (!c) return null;
    const price = c.dealPriceFen ?? priceFen;
    const rateBp = c.rateBp ?? (c.amountFen && price ? Math.min(10_000, Math.round((c.amountFen * 10_000) / price)) : null);
    return rateBp ? { id: c.brokerUserId, name: c.brokerName, rateBp } : null;
  }
}
