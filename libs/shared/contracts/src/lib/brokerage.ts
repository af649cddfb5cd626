/** DOMAIN.md §5½ and §6: enterprise demands (出题), brokers (技术经理人) with credit ratings, deal rooms. */

/** open → in_talks (a deal room exists) → satisfied (the enterprise says so) / expired (deadline passed, a job). */
export const DEMAND_STATUSES = ['open', 'in_talks', 'satisfied', 'expired'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

/** Recorded by platform admins (or by the platform when a room closes); each one moves the credit score. */
export const CREDIT_EVENT_KINDS = ['completed_deal', 'dispute', 'late_payment', 'missing_payment', 'breach_of_trust'] as const;
export type CreditEventKind = (typeof CREDIT_EVENT_KINDS)[number];

export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];

/** nda (parties sign) → negotiating (everyone signed) → closed_won / closed_lost. */
export const DEAL_ROOM_STAGES = ['nda', 'negotiating', 'closed_won', 'closed_lost'] as const;
export type DealRoomStage = (typeof DEAL_ROOM_STAGES)[number];

export const DEAL_ROOM_ROLES = ['broker', 'institution', 'enterprise'] as const;
export type DealRoomRole = (typeof DEAL_ROOM_ROLES)[number];

/** Domain events other contexts consume from `brokerage_events` (market: room offers; licensing: commission). */
export const BROKERAGE_EVENT_TYPES = ['demand.posted', 'deal-room.opened', 'deal-room.offer-made', 'deal-room.commission-agreed', 'deal-room.closed'] as const;
export type BrokerageEventType = (typeof BROKERAGE_EVENT_TYPES)[number];

/** One reason a match was made, in both languages; `code` is stable for clients. */
export interface MatchReason {
  code: 'text' | 'same-field' | 'same-parent-field' | 'maturity' | 'deal-type' | 'budget-covers' | 'budget-overlaps';
  zh: string;
  en: string;
}

/**
 * The broker and commission agreed in the deal room that led to a market deal (`BrokerageCommissions.forDeal`
 * in the api's brokerage lib), for the broker line of the licensing distribution ledger. Exactly one of
 * `rateBp` (basis points of the deal's income) and `amountFen` (a fixed sum) is set.
 */
export interface BrokerCommission {
  roomId: string;
  /** The market deal linked to the room when the deal was recorded; null when matched by parties only. */
  dealId: string | null;
  /** The deal's price (fen) as recorded in the room when it was linked. */
  dealPriceFen: number | null;
  /** Broker profile id (`GET /api/brokers/:id`). */
  brokerId: string;
  brokerUserId: string;
  brokerName: string;
  /** The broker's agency (技术转移机构). */
  brokerOrganizationId: string;
  rateBp: number | null;
  amountFen: number | null;
  agreedAt: string;
}

/** Live channel of a deal room on the platform's socket.io namespace `/live` (members who signed the NDA). */
export const dealRoomChannel = (roomId: string) => `room:${roomId}`;

/** What changed in a deal room, pushed as event `room` after the change committed (clients refetch the rest). */
export type DealRoomEvent =
  | { type: 'message'; seq: number; authorId: string; authorName: string; body: string; createdAt: string }
  | { type: 'document'; id: string; name: string }
  | { type: 'stage'; stage: DealRoomStage; /** Set when a market deal closed (or joined) the room. */ dealId?: string }
  | { type: 'offer'; id: string; amountFen: number; dealType: string }
  | { type: 'commission'; agreed: boolean }
  | { type: 'checklist'; itemId: string; done: boolean }
  | { type: 'member'; userId: string };

export type DealRoomLiveEvent = DealRoomEvent & { roomId: string };
