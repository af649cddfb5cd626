import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain is linked after commit instead of inside every business transaction.
 *
 * Business transactions now only INSERT an entry (prev_hash/hash/chain_pos NULL), so they no longer hold the
 * global advisory lock until they commit. A short chainer transaction links committed entries: it gives each
 * its `chain_pos` (the chain order, which may differ from `seq` when a lower seq commits later) and its hashes.
 *
 * The append-only trigger allows exactly that one update — setting the chain columns of a not yet chained
 * row while every content column stays as it was — and still refuses anything else.
 * Existing rows were chained in seq order under the old lock, so their chain_pos is their rank by seq and
 * their hashes stay valid.
 */
export class AuditChainer1765090400000 implements MigrationInterface {
  name = 'AuditChainer1765090400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Nested IFs: OLD is unassigned for the statement-level TRUNCATE trigger.
        IF TG_OP = 'UPDATE' THEN
          IF OLD.chain_pos IS NULL AND NEW.chain_pos IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
             AND (OLD.hash IS NULL OR (NEW.hash = OLD.hash AND NEW.prev_hash = OLD.prev_hash))
             AND NEW.seq = OLD.seq AND NEW.occurred_at = OLD.occurred_at
             AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.action = OLD.action
             AND NEW.entity_type = OLD.entity_type AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id
             AND NEW.data = OLD.data THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`ALTER TABLE audit_log ADD COLUMN chain_pos bigint,
                     ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL`);
    await q.query(`
      UPDATE audit_log a SET chain_pos = o.pos
        FROM (SELECT seq, row_number() OVER (ORDER BY seq) AS pos FROM audit_log) o
       WHERE a.seq = o.seq`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_chain_pos_key UNIQUE (chain_pos)`);
    // A row is either fully chained or not at all.
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_chained_check
                     CHECK ((chain_pos IS NULL) = (hash IS NULL) AND (chain_pos IS NULL) = (prev_hash IS NULL))`);
    // The chainer's only scan: what is committed but not yet linked, in seq order.
    await q.query(`CREATE INDEX audit_log_unchained_idx ON audit_log (seq) WHERE chain_pos IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The old scheme verifies in seq order: going back is only sound when every row is chained in seq order.
    const [{ unchained, reordered }] = await q.query(`
      SELECT count(*) FILTER (WHERE chain_pos IS NULL)::int AS unchained,
             count(*) FILTER (WHERE chain_pos IS DISTINCT FROM rank)::int AS reordered
        FROM (SELECT chain_pos, row_number() OVER (ORDER BY seq) AS rank FROM audit_log) r`);
    if (unchained > 0 || reordered > 0) {
      throw new Error(`audit_log cannot go back to seq-order chaining: ${unchained} unchained, ${reordered} chained out of seq order`);
    }
    await q.query(`DROP INDEX audit_log_unchained_idx`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_chained_check, DROP CONSTRAINT audit_log_chain_pos_key`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN chain_pos,
                     ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }
}
