import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registry follow-ups: the review period comes from the rights policy of the seller's region and is fixed on
 * the contract at submission (days and the policy row), so a later policy version never moves an old deadline;
 * a contract drafted from a market deal names the deal (one draft per deal, so catching up is idempotent).
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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contracts DROP COLUMN deal_id, DROP COLUMN review_policy_id, DROP COLUMN review_deadline_days`);
  }
}
