import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Platform notices (公示): one row per public notice of an empowerment decision or a deal, and the
 * objections raised while it runs. The subject (empowerment, deal) belongs to another context, so it is
 * referenced by type + id, not by a foreign key; at most one live (not withdrawn) notice per subject.
 */
export class Disclosures1763949500000 implements MigrationInterface {
  name = 'Disclosures1763949500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE disclosures (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        subject_type varchar(40) NOT NULL,
        subject_id uuid NOT NULL,
        institution_id uuid,
        title_zh text NOT NULL,
        title_en text NOT NULL,
        summary jsonb NOT NULL DEFAULT '{}',
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        withdrawn_at timestamptz,
        outcome varchar(40),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT disclosures_pkey PRIMARY KEY (id),
        CONSTRAINT disclosures_institution_id_fkey FOREIGN KEY (institution_id) REFERENCES organizations(id),
        CONSTRAINT disclosures_kind_check CHECK (kind IN ('empowerment','deal')),
        CONSTRAINT disclosures_period_check CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE UNIQUE INDEX disclosures_live_subject_key ON disclosures (subject_type, subject_id) WHERE withdrawn_at IS NULL`);
    await q.query(`CREATE INDEX disclosures_list_idx ON disclosures (kind, starts_at DESC)`);
    await q.query(`CREATE INDEX disclosures_starts_idx ON disclosures (starts_at DESC, id)`);
    // Open notices are the few whose end is still ahead: a range on ends_at finds them among millions of ended ones.
    await q.query(`CREATE INDEX disclosures_ends_idx ON disclosures (ends_at) WHERE withdrawn_at IS NULL`);

    await q.query(`
      CREATE TABLE disclosure_objections (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        disclosure_id uuid NOT NULL,
        user_id uuid NOT NULL,
        text text NOT NULL,
        status text NOT NULL DEFAULT 'open',
        answer text,
        answered_by uuid,
        answered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT disclosure_objections_pkey PRIMARY KEY (id),
        CONSTRAINT disclosure_objections_disclosure_id_fkey FOREIGN KEY (disclosure_id) REFERENCES disclosures(id) ON DELETE CASCADE,
        CONSTRAINT disclosure_objections_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id),
        CONSTRAINT disclosure_objections_answered_by_fkey FOREIGN KEY (answered_by) REFERENCES users(id),
        CONSTRAINT disclosure_objections_status_check CHECK (status IN ('open','upheld','dismissed')),
        CONSTRAINT disclosure_objections_answer_check CHECK ((status = 'open') = (answered_at IS NULL) AND (status = 'open' OR answer IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX disclosure_objections_disclosure_idx ON disclosure_objections (disclosure_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE disclosure_objections');
    await q.query('DROP TABLE disclosures');
  }
}
