import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deal rooms meet the market: a room offer is mirrored as a market negotiation offer (`market_offer_id`,
 * `listing_id`), and the market deal that came out of a room is linked to it (`deal_id`, one room per deal)
 * with its price, so the licensing ledger can ask which broker and commission a deal carries.
 * No foreign keys to market tables: contexts meet through services and events, not through constraints.
 */
export class BrokerageRooms1764640800000 implements MigrationInterface {
  name = 'BrokerageRooms1764640800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deal_rooms ADD COLUMN deal_id uuid, ADD COLUMN deal_price_fen bigint`);
    await q.query(`CREATE UNIQUE INDEX deal_rooms_deal_key ON deal_rooms (deal_id) WHERE deal_id IS NOT NULL`);
    // Deals are matched to rooms by (achievement, buyer enterprise): the achievement side needs an index.
    await q.query(`CREATE INDEX deal_rooms_achievement_idx ON deal_rooms (achievement_id)`);
    await q.query(`ALTER TABLE deal_room_offers ADD COLUMN listing_id uuid, ADD COLUMN market_offer_id uuid`);
    await q.query(`CREATE UNIQUE INDEX deal_room_offers_market_offer_key ON deal_room_offers (market_offer_id) WHERE market_offer_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deal_room_offers_market_offer_key`);
    await q.query(`ALTER TABLE deal_room_offers DROP COLUMN market_offer_id, DROP COLUMN listing_id`);
    await q.query(`DROP INDEX deal_rooms_achievement_idx`);
    await q.query(`DROP INDEX deal_rooms_deal_key`);
    await q.query(`ALTER TABLE deal_rooms DROP COLUMN deal_price_fen, DROP COLUMN deal_id`);
  }
}
