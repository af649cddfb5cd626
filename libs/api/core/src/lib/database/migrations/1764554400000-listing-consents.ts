import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A researcher co-owner's consent to listing an achievement by one method for one deal type
 * (Patent Law art. 14: co-owners decide together; art. 50: an open licence needs every owner).
 * The owners come from the rights ownership ledger; no foreign key to catalog or rights tables,
 * contexts meet through services. Consents are not withdrawn once a listing relied on them.
 */
export class ListingConsents1764554400000 implements MigrationInterface {
  name = 'ListingConsents1764554400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE listing_consents (
        achievement_id uuid NOT NULL,
        holder_id uuid NOT NULL,
        method text NOT NULL,
        deal_type text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT listing_consents_pkey PRIMARY KEY (achievement_id, holder_id, method, deal_type),
        CONSTRAINT listing_consents_method_check CHECK (method IN ('negotiation','fixed_price','auction','open_licence')),
        CONSTRAINT listing_consents_deal_type_check CHECK (deal_type IN ('transfer','licence','equity'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE listing_consents`);
  }
}
