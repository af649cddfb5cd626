import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rights (DOMAIN.md §2): versioned policies (regional defaults + per-institution versions), negative lists,
 * empowerment applications with team consents and TTO decisions, and the ownership ledger in basis points
 * (a deferred trigger refuses any transaction that leaves an achievement's shares not summing to 10 000).
 */
export class Rights1763949600000 implements MigrationInterface {
  name = 'Rights1763949600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rights_policies (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid,
        region_code varchar(6),
        version integer NOT NULL,
        settings jsonb NOT NULL,
        note text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT rights_policies_pkey PRIMARY KEY (id),
        CONSTRAINT rights_policies_institution_id_fkey FOREIGN KEY (institution_id) REFERENCES organizations(id),
        CONSTRAINT rights_policies_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id),
        CONSTRAINT rights_policies_owner_check CHECK ((institution_id IS NULL) <> (region_code IS NULL)),
        CONSTRAINT rights_policies_version_check CHECK (version >= 1),
        CONSTRAINT rights_policies_institution_version_key UNIQUE (institution_id, version),
        CONSTRAINT rights_policies_region_version_key UNIQUE (region_code, version)
      )`);
    // Regional defaults. DOMAIN.md §2/§4: national default (Law art. 45: 50 % of net income) and the
    // Hefei rules of seed 002 (一)(二): ≥ 70 % ownership or ≥ 10 years of use; TTO keeps ≥ 10 %.
    await q.query(`
      INSERT INTO rights_policies (region_code, version, settings, note) VALUES
        ('000000', 1, '{"minTeamOwnershipPct":70,"minUseRightYears":10,"teamNetIncomeSharePct":50,"ttoRetentionPct":10,"noticeDays":15,"registrationReviewDays":30}',
         'National default: DOMAIN.md §2 and §4 (seed 002 Hefei, seed 002 GBA, Law art. 45)'),
        ('340100', 1, '{"minTeamOwnershipPct":70,"minUseRightYears":10,"ttoRetentionPct":10}', 'Hefei: seed 002 Hefei (一)(二)'),
        ('440000', 1, '{"teamNetIncomeSharePct":50}', 'Guangdong (GBA): seed 002 GBA (一)')`);

    await q.query(`
      CREATE TABLE rights_negative_rules (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        institution_id uuid NOT NULL,
        kind text NOT NULL,
        value varchar(80) NOT NULL,
        reason_zh text NOT NULL,
        reason_en text NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        CONSTRAINT rights_negative_rules_pkey PRIMARY KEY (id),
        CONSTRAINT rights_negative_rules_institution_id_fkey FOREIGN KEY (institution_id) REFERENCES organizations(id),
        CONSTRAINT rights_negative_rules_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id),
        CONSTRAINT rights_negative_rules_kind_check CHECK (kind IN ('achievement_kind','field','funding_source','achievement'))
      )`);
    await q.query(`CREATE INDEX rights_negative_rules_institution_idx ON rights_negative_rules (institution_id) WHERE removed_at IS NULL`);

    await q.query(`
      CREATE TABLE empowerments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        achievement_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        applicant_id uuid NOT NULL,
        model text NOT NULL,
        team_ownership_bp integer,
        use_right_years smallint,
        reward_share_bp integer,
        status text NOT NULL DEFAULT 'consenting',
        policy_id uuid NOT NULL,
        policy_settings jsonb NOT NULL,
        disclosure_id uuid,
        notice_ends_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        CONSTRAINT empowerments_pkey PRIMARY KEY (id),
        CONSTRAINT empowerments_achievement_id_fkey FOREIGN KEY (achievement_id) REFERENCES achievements(id),
        CONSTRAINT empowerments_institution_id_fkey FOREIGN KEY (institution_id) REFERENCES organizations(id),
        CONSTRAINT empowerments_applicant_id_fkey FOREIGN KEY (applicant_id) REFERENCES users(id),
        CONSTRAINT empowerments_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES rights_policies(id),
        CONSTRAINT empowerments_disclosure_id_fkey FOREIGN KEY (disclosure_id) REFERENCES disclosures(id),
        CONSTRAINT empowerments_model_check CHECK (model IN ('ownership_first','long_term_use','reward_after')),
        CONSTRAINT empowerments_status_check CHECK (status IN ('consenting','under_review','in_notice','final','rejected','withdrawn')),
        CONSTRAINT empowerments_terms_check CHECK (
          (model = 'ownership_first' AND team_ownership_bp BETWEEN 1 AND 10000 AND use_right_years IS NULL) OR
          (model = 'long_term_use' AND use_right_years BETWEEN 1 AND 50 AND team_ownership_bp IS NULL) OR
          (model = 'reward_after' AND reward_share_bp BETWEEN 0 AND 10000 AND team_ownership_bp IS NULL AND use_right_years IS NULL))
      )`);
    // One live or granted empowerment per achievement; a rejected or withdrawn one leaves room for the next.
    await q.query(`CREATE UNIQUE INDEX empowerments_achievement_live_key ON empowerments (achievement_id) WHERE status NOT IN ('rejected','withdrawn')`);
    await q.query(`CREATE INDEX empowerments_institution_idx ON empowerments (institution_id, status)`);

    await q.query(`
      CREATE TABLE empowerment_consents (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        empowerment_id uuid NOT NULL,
        position smallint NOT NULL,
        inventor_name varchar(80) NOT NULL,
        user_id uuid,
        contribution_bp integer NOT NULL,
        consented_at timestamptz,
        recorded_by uuid,
        evidence text,
        CONSTRAINT empowerment_consents_pkey PRIMARY KEY (id),
        CONSTRAINT empowerment_consents_empowerment_id_fkey FOREIGN KEY (empowerment_id) REFERENCES empowerments(id) ON DELETE CASCADE,
        CONSTRAINT empowerment_consents_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id),
        CONSTRAINT empowerment_consents_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users(id),
        CONSTRAINT empowerment_consents_position_key UNIQUE (empowerment_id, position)
      )`);
    await q.query(`CREATE INDEX empowerment_consents_user_idx ON empowerment_consents (user_id)`);

    await q.query(`
      CREATE TABLE empowerment_decisions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        empowerment_id uuid NOT NULL,
        stage text NOT NULL,
        decision text NOT NULL,
        reasons text NOT NULL,
        checklist jsonb,
        policy_id uuid NOT NULL,
        policy_settings jsonb NOT NULL,
        decided_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT empowerment_decisions_pkey PRIMARY KEY (id),
        CONSTRAINT empowerment_decisions_empowerment_id_fkey FOREIGN KEY (empowerment_id) REFERENCES empowerments(id) ON DELETE CASCADE,
        CONSTRAINT empowerment_decisions_policy_id_fkey FOREIGN KEY (policy_id) REFERENCES rights_policies(id),
        CONSTRAINT empowerment_decisions_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES users(id),
        CONSTRAINT empowerment_decisions_stage_check CHECK (stage IN ('review','final')),
        CONSTRAINT empowerment_decisions_decision_check CHECK (decision IN ('approve','reject')),
        CONSTRAINT empowerment_decisions_stage_key UNIQUE (empowerment_id, stage)
      )`);

    await q.query(`
      CREATE TABLE ownership_shares (
        achievement_id uuid NOT NULL,
        holder_type text NOT NULL,
        holder_id uuid,
        position smallint NOT NULL,
        holder_name varchar(200) NOT NULL,
        share_bp integer NOT NULL,
        CONSTRAINT ownership_shares_pkey PRIMARY KEY (achievement_id, position),
        CONSTRAINT ownership_shares_achievement_id_fkey FOREIGN KEY (achievement_id) REFERENCES achievements(id),
        CONSTRAINT ownership_shares_holder_type_check CHECK (holder_type IN ('institution','inventor')),
        CONSTRAINT ownership_shares_share_check CHECK (share_bp > 0 AND share_bp <= 10000)
      )`);
    // The ledger sums to exactly 100.00 % per achievement: checked at commit, whatever wrote it.
    await q.query(`
      CREATE FUNCTION ownership_shares_sum_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        a uuid := COALESCE(NEW.achievement_id, OLD.achievement_id);
        total bigint;
      BEGIN
        SELECT sum(share_bp) INTO total FROM ownership_shares WHERE achievement_id = a;
        IF total IS NOT NULL AND total <> 10000 THEN
          RAISE EXCEPTION 'ownership shares of achievement % sum to % bp, not 10000', a, total USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER ownership_shares_sum_10000 AFTER INSERT OR UPDATE OR DELETE ON ownership_shares
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ownership_shares_sum_check()`);

    await q.query(`
      CREATE TABLE ownership_history (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        achievement_id uuid NOT NULL,
        empowerment_id uuid,
        decision_id uuid,
        shares jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ownership_history_pkey PRIMARY KEY (id),
        CONSTRAINT ownership_history_achievement_id_fkey FOREIGN KEY (achievement_id) REFERENCES achievements(id),
        CONSTRAINT ownership_history_empowerment_id_fkey FOREIGN KEY (empowerment_id) REFERENCES empowerments(id),
        CONSTRAINT ownership_history_decision_id_fkey FOREIGN KEY (decision_id) REFERENCES empowerment_decisions(id)
      )`);
    await q.query(`CREATE INDEX ownership_history_achievement_idx ON ownership_history (achievement_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['ownership_history', 'ownership_shares', 'empowerment_decisions', 'empowerment_consents', 'empowerments', 'rights_negative_rules', 'rights_policies']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query('DROP FUNCTION ownership_shares_sum_check()');
  }
}
