import { Injectable } from '@nestjs/common';
import { MemberDirectory } from '@ttx/api/identity';
import type { BrokerCommission } from '@ttx/shared/contracts';
import { DataSource, type EntityManager } from 'typeorm';

/** A deal named by its parties, for callers that hold the deal (or an offline licence) rather than its id. */
export interface DealParties {
  dealId?: string | null;
  achievementId: string;
  /** The buying / licensee enterprise: the organisation that posted the room's demand. */
  buyerOrgId: string;
  /** Only commissions agreed before this moment count (e.g. the deal's time); default: any. */
  before?: Date | string;
}

interface Row {
  id: string;
  deal_id: string | null;
  deal_price_fen: string | null;
  broker_id: string | null;
  user_id: string | null;
  organization_id: string | null;
  commission_rate_bp: number | null;
  commission_amount_fen: string | null;
  commission_agreed_at: Date | null;
}

const SELECT = `SELECT r.id, r.deal_id, r.deal_price_fen, r.broker_id, b.user_id, b.organization_id,
                       r.commission_rate_bp, r.commission_amount_fen, r.commission_agreed_at
                  FROM deal_rooms r LEFT JOIN broker_profiles b ON b.id = r.broker_id`;
const AGREED = `r.commission_agreed_at IS NOT NULL AND r.broker_id IS NOT NULL`;

/**
 * Which broker brought a market deal about, and on what commission: the licensing context asks this for
 * the broker line of its distribution ledger. A room is linked to its deal when the market records the deal
 * (`RoomDealBridge`); before that — or for an offline licence — the deal is matched by its parties: a room on
 * the same achievement whose demand was posted by the buyer, not closed as lost, commission agreed, latest
 * agreement first. Rooms without a broker or without an agreed commission give null: no broker line.
 */
@Injectable()
export class BrokerageCommissions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly members: MemberDirectory,
  ) {}

  /** The commission of `r`, with its broker's name from identity (in the caller's transaction). */
  private async view(m: EntityManager, r: Row): Promise<BrokerCommission | null> {
    // No lookup when there is no broker line anyway (no broker, or nothing agreed).
    const name = r.user_id && r.commission_agreed_at ? (await this.members.displayNames([r.user_id], m)).get(r.user_id) : undefined;
    return view(r, name ?? null);
  }

  /** Pass the deal's transaction manager when calling from inside it (e.g. a deal subscriber). */
  async forDeal(deal: string | DealParties, m: EntityManager = this.dataSource.manager): Promise<BrokerCommission | null> {
    const dealId = typeof deal === 'string' ? deal : (deal.dealId ?? null);
    if (dealId) {
      // The room the deal came out of decides, even when it had no broker or no agreement.
      const [linked]: Row[] = await m.query(`${SELECT} WHERE r.deal_id = $1`, [dealId]);
      if (linked) return this.view(m, linked);
    }
    if (typeof deal === 'string') return null;
    const before = deal.before === undefined ? null : new Date(deal.before);
    const [byParties]: Row[] = await m.query(
      `${SELECT} JOIN demands d ON d.id = r.demand_id
        WHERE r.achievement_id = $1 AND d.organization_id = $2 AND r.stage <> 'closed_lost' AND ${AGREED}
          AND ($3::timestamptz IS NULL OR r.commission_agreed_at <= $3)
          -- a room already linked to another deal does not earn twice
          AND (r.deal_id IS NULL OR r.deal_id = $4)
        ORDER BY r.commission_agreed_at DESC LIMIT 1`,
      [deal.achievementId, deal.buyerOrgId, before, dealId],
    );
    return byParties ? this.view(m, byParties) : null;
  }
}

function view(r: Row, brokerName: string | null): BrokerCommission | null {
  if (!r.broker_id || !r.user_id || !brokerName || !r.organization_id || !r.commission_agreed_at) return null;
  return {
    roomId: r.id,
    dealId: r.deal_id,
    dealPriceFen: r.deal_price_fen === null ? null : Number(r.deal_price_fen),
    brokerId: r.broker_id,
    brokerUserId: r.user_id,
    brokerName,
    brokerOrganizationId: r.organization_id,
    rateBp: r.commission_rate_bp,
    amountFen: r.commission_amount_fen === null ? null : Number(r.commission_amount_fen),
    agreedAt: r.commission_agreed_at.toISOString(),
  };
}
