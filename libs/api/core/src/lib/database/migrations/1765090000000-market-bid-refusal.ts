import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The auction row as committed *now*, for the refusal branch of the one-statement bid (BID_SQL).
 * Every plain read inside one statement shares the snapshot taken when the statement started, i.e.
 * before it waited for the auction's row lock, so the high bid it sees is usually already outbid. A
 * VOLATILE function takes a fresh snapshot for each query it runs (READ COMMITTED), so the refusal
 * reason and its "at least N" hint are judged on the row the conditional UPDATE was refused by, in the
 * same statement, with no second round trip. PL/pgSQL so that it is never inlined into the caller's
 * snapshot. Read only; no lock taken.
 */
export class MarketBidRefusal1765090000000 implements MigrationInterface {
  name = 'MarketBidRefusal1765090000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION market_auction_now(p_id uuid) RETURNS SETOF auctions
        LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        RETURN QUERY SELECT * FROM auctions WHERE id = p_id;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION market_auction_now(uuid)`);
  }
}
