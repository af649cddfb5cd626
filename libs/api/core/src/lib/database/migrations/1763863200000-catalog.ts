import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalog: technology fields, achievements with their IP records, inventor shares, NDA acceptances and
 * attachments. `achievements.search` holds application-side tokens (CJK bigrams and single characters,
 * English stems) maintained by the catalog service on every write; see catalog/search/tokenize.ts.
 */
export class Catalog1763863200000 implements MigrationInterface {
  name = 'Catalog1763863200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE technology_fields (
        code varchar(8) NOT NULL,
        parent_code varchar(8),
        name_zh varchar(100) NOT NULL,
        name_en varchar(200) NOT NULL,
        CONSTRAINT technology_fields_pkey PRIMARY KEY (code),
        CONSTRAINT technology_fields_parent_code_fkey FOREIGN KEY (parent_code) REFERENCES technology_fields(code),
        CONSTRAINT technology_fields_code_check CHECK (code ~ '^[0-9]{2}(\\.[0-9]{2})?$')
      )`);

    await q.query(`
      CREATE TABLE achievements (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        kind text NOT NULL,
        status text NOT NULL DEFAULT 'draft',
        title_zh text, title_en text,
        abstract_zh text, abstract_en text,
        problem_zh text, problem_en text,
        advantages_zh text, advantages_en text,
        applications_zh text, applications_en text,
        technical_detail_zh text, technical_detail_en text,
        field_code varchar(8),
        stage text,
        trl smallint,
        job_related boolean NOT NULL DEFAULT false,
        funding_project_number varchar(64),
        deal_types text[] NOT NULL,
        asking_price_min_fen bigint,
        asking_price_max_fen bigint,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        published_at timestamptz,
        search tsvector,
        CONSTRAINT achievements_pkey PRIMARY KEY (id),
        CONSTRAINT achievements_institution_id_fkey FOREIGN KEY (institution_id) REFERENCES organizations(id),
        CONSTRAINT achievements_field_code_fkey FOREIGN KEY (field_code) REFERENCES technology_fields(code),
        CONSTRAINT achievements_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id),
        CONSTRAINT achievements_kind_check CHECK (kind IN ('invention_patent','utility_model','design_patent','software_copyright','ic_layout','plant_variety','technical_secret','standard','other')),
        CONSTRAINT achievements_status_check CHECK (status IN ('draft','submitted','published','withdrawn','archived')),
        CONSTRAINT achievements_stage_check CHECK (stage IN ('lab','proof_of_concept','pilot','industrialisation')),
        CONSTRAINT achievements_trl_check CHECK (trl BETWEEN 1 AND 9),
        CONSTRAINT achievements_deal_types_check CHECK (deal_types <@ ARRAY['transfer','licence','equity','joint_development']::text[]),
        CONSTRAINT achievements_asking_price_check CHECK (asking_price_min_fen >= 0 AND asking_price_max_fen >= asking_price_min_fen),
        CONSTRAINT achievements_title_check CHECK (title_zh IS NOT NULL OR title_en IS NOT NULL),
        CONSTRAINT achievements_published_at_check CHECK (status <> 'published' OR published_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX achievements_search_idx ON achievements USING gin (search)`);
    await q.query(`CREATE INDEX achievements_published_idx ON achievements (published_at DESC) WHERE status = 'published'`);
    await q.query(`CREATE INDEX achievements_institution_idx ON achievements (institution_id, status)`);

    await q.query(`
      CREATE TABLE achievement_ip_records (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        achievement_id uuid NOT NULL,
        position smallint NOT NULL,
        number varchar(40) NOT NULL,
        office varchar(20) NOT NULL,
        filing_date date,
        grant_date date,
        status text NOT NULL,
        expiry_date date,
        CONSTRAINT achievement_ip_records_pkey PRIMARY KEY (id),
        CONSTRAINT achievement_ip_records_achievement_id_fkey FOREIGN KEY (achievement_id) REFERENCES achievements(id) ON DELETE CASCADE,
        CONSTRAINT achievement_ip_records_status_check CHECK (status IN ('filed','published','granted','expired','abandoned')),
        CONSTRAINT achievement_ip_records_achievement_number_key UNIQUE (achievement_id, number)
      )`);

    await q.query(`
      CREATE TABLE achievement_inventors (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        achievement_id uuid NOT NULL,
        position smallint NOT NULL,
        name varchar(80) NOT NULL,
        email varchar(254),
        user_id uuid,
        share numeric(5,2) NOT NULL,
        CONSTRAINT achievement_inventors_pkey PRIMARY KEY (id),
        CONSTRAINT achievement_inventors_achievement_id_fkey FOREIGN KEY (achievement_id) REFERENCES achievements(id) ON DELETE CASCADE,
        CONSTRAINT achievement_inventors_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id),
        CONSTRAINT achievement_inventors_share_check CHECK (share > 0 AND share <= 100)
      )`);
    await q.query(`CREATE INDEX achievement_inventors_achievement_idx ON achievement_inventors (achievement_id)`);
    // DOMAIN.md §1: the team's shares sum to exactly 100 %. The service checks it first (422 naming the
    // rule); this deferred trigger makes the database refuse any transaction that ends otherwise.
    await q.query(`
      CREATE FUNCTION achievement_inventors_sum_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        a uuid := COALESCE(NEW.achievement_id, OLD.achievement_id);
        total numeric;
      BEGIN
        SELECT sum(share) INTO total FROM achievement_inventors WHERE achievement_id = a;
        IF total IS NOT NULL AND total <> 100 THEN
          RAISE EXCEPTION 'inventor shares of achievement % sum to %, not 100', a, total USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER achievement_inventors_sum_100 AFTER INSERT OR UPDATE OR DELETE ON achievement_inventors
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION achievement_inventors_sum_check()`);

    await q.query(`
      CREATE TABLE achievement_nda_acceptances (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        achievement_id uuid NOT NULL,
        user_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        accepted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT achievement_nda_acceptances_pkey PRIMARY KEY (id),
        CONSTRAINT achievement_nda_acceptances_achievement_id_fkey FOREIGN KEY (achievement_id) REFERENCES achievements(id) ON DELETE CASCADE,
        CONSTRAINT achievement_nda_acceptances_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id),
        CONSTRAINT achievement_nda_acceptances_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations(id),
        CONSTRAINT achievement_nda_acceptances_key UNIQUE (achievement_id, user_id, organization_id)
      )`);
    await q.query(`CREATE INDEX achievement_nda_acceptances_org_idx ON achievement_nda_acceptances (organization_id, achievement_id)`);

    await q.query(`
      CREATE TABLE achievement_attachments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        achievement_id uuid NOT NULL,
        sha256 char(64) NOT NULL,
        size_bytes bigint NOT NULL,
        mime_type varchar(100) NOT NULL,
        original_name varchar(255) NOT NULL,
        uploaded_by uuid,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT achievement_attachments_pkey PRIMARY KEY (id),
        CONSTRAINT achievement_attachments_achievement_id_fkey FOREIGN KEY (achievement_id) REFERENCES achievements(id) ON DELETE CASCADE,
        CONSTRAINT achievement_attachments_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES users(id),
        CONSTRAINT achievement_attachments_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT achievement_attachments_size_check CHECK (size_bytes > 0),
        CONSTRAINT achievement_attachments_achievement_sha256_key UNIQUE (achievement_id, sha256)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['achievement_attachments', 'achievement_nda_acceptances', 'achievement_inventors', 'achievement_ip_records', 'achievements', 'technology_fields']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS achievement_inventors_sum_check()`);
  }
}
