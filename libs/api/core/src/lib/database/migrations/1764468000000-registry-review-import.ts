import type { MigrationInterface, QueryRunner } from 'typeorm';

const CODE_COLUMNS: [string, string][] = [
  ['seller_credit_code', 'varchar(18)'],
  ['buyer_credit_code', 'varchar(18)'],
  ['seller_region', 'char(6)'],
  ['buyer_region', 'char(6)'],
  ['registration_number', 'char(16)'],
  ['verification_code', 'varchar(20)'],
];
const collateCodes = (collation: string) => `ALTER TABLE contracts ${CODE_COLUMNS.map(([c, t]) => `ALTER COLUMN ${c} TYPE ${t} COLLATE ${collation}`).join(', ')}`;

/**
 * Registry follow-ups: the review period comes from the rights policy of the seller's region and is fixed on
 * the contract at submission (days and the policy row), so a later policy version never moves an old deadline;
 * a contract drafted from a market deal names the deal (one draft per deal, so catching up is idempotent);
 * and fewer, partial, byte-collated indexes on contracts so bulk imports insert faster.
 */
export class RegistryReviewImport1764468000000 implements MigrationInterface {
  name = 'RegistryReviewImport1764468000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contracts ADD COLUMN review_deadline_days integer, ADD COLUMN review_policy_id uuid, ADD COLUMN deal_id uuid`);
    await q.query(`CREATE UNIQUE INDEX contracts_deal_key ON contracts (deal_id) WHERE deal_id IS NOT NULL`);
    // Contracts already under review keep the period they would have had: the registry's old setting, else 30 days.
    await q.query(`
      UPDATE contracts SET review_deadline_days = COALESCE((SELECT (settings->>'reviewDeadlineDays')::int FROM registry_settings WHERE id = 1), 30)
       WHERE status IN ('submitted', 'accepted')`);
    await q.query(`UPDATE registry_settings SET settings = settings - 'reviewDeadlineDays'`);

    // Import speed (issue #7): a million-row import maintained eight indexes and a collation per row.
    // - pair_idx duplicated the natural key: the risk queries read only live contracts (status not draft or
    //   rejected), which the partial natural key covers.
    // - The filer and review-queue indexes only serve filed contracts and the open queue: partial, so rows an
    //   administration imports (already registered) never enter them.
    // - Codes are compared for equality or by prefix only: COLLATE "C" (byte comparison, and LIKE 'p%' can use
    //   an index, which it cannot under a linguistic collation).
    await q.query(`DROP INDEX contracts_pair_idx`);
    await q.query(`DROP INDEX contracts_filer_idx`);
    await q.query(`DROP INDEX contracts_queue_idx`);
    await q.query(collateCodes('"C"'));
    await q.query(`CREATE INDEX contracts_filer_idx ON contracts (filer_org_id, status) WHERE source = 'filed'`);
    await q.query(`CREATE INDEX contracts_queue_idx ON contracts (seller_region, review_due_on) WHERE status IN ('submitted', 'accepted')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contracts_filer_idx`);
    await q.query(`DROP INDEX contracts_queue_idx`);
    await q.query(collateCodes('"default"'));
    await q.query(`CREATE INDEX contracts_filer_idx ON contracts (filer_org_id, status)`);
    await q.query(`CREATE INDEX contracts_queue_idx ON contracts (seller_region, status)`);
    await q.query(`CREATE INDEX contracts_pair_idx ON contracts (seller_credit_code, buyer_credit_code, signed_on)`);
    await q.query(`ALTER TABLE contracts DROP COLUMN deal_id, DROP COLUMN review_policy_id, DROP COLUMN review_deadline_days`);
  }
}
