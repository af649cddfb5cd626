import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registry (DOMAIN.md §5): technology contracts, their history, gapless registration counters,
 * settings, idempotent registrations, bulk imports and the statistics roll-ups.
 */
export class Registry1764036000000 implements MigrationInterface {
  name = 'Registry1764036000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contracts (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        filer_org_id uuid NOT NULL,
        created_by uuid,
        source text NOT NULL DEFAULT 'filed',
        import_id uuid,
        kind text NOT NULL,
        sub_kind text,
        project_name varchar(200) NOT NULL,
        field_code varchar(8),
        signed_on date NOT NULL,
        valid_from date,
        valid_to date,
        seller_name varchar(200) NOT NULL,
        seller_credit_code varchar(18) NOT NULL,
        seller_country char(3) NOT NULL DEFAULT '156',
        seller_region char(6) NOT NULL,
        seller_type text NOT NULL,
        buyer_name varchar(200) NOT NULL,
        buyer_credit_code varchar(18) NOT NULL,
        buyer_country char(3) NOT NULL DEFAULT '156',
        buyer_region char(6),
        buyer_type text NOT NULL,
        contract_fen bigint NOT NULL,
        equipment_fen bigint NOT NULL DEFAULT 0,
        materials_fen bigint NOT NULL DEFAULT 0,
        construction_fen bigint NOT NULL DEFAULT 0,
        other_fen bigint NOT NULL DEFAULT 0,
        tech_fen bigint NOT NULL,
        payment_schedule jsonb NOT NULL DEFAULT '[]'::jsonb,
        expected_investment_fen bigint,
        expected_output_fen bigint,
        status text NOT NULL DEFAULT 'draft',
        version integer NOT NULL DEFAULT 1,
        submitted_at timestamptz,
        accepted_at timestamptz,
        accepted_by uuid,
        review_due_on date,
        reminded_on date,
        registered_at timestamptz,
        registered_on date,
        registered_by uuid,
        registration_number char(16),
        verification_code varchar(20),
        rejected_at timestamptz,
        rejection_reasons text array,
        rejection_note text,
        terminated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contracts_pkey PRIMARY KEY (id),
        CONSTRAINT contracts_filer_org_id_fkey FOREIGN KEY (filer_org_id) REFERENCES organizations(id),
        CONSTRAINT contracts_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id),
        CONSTRAINT contracts_registration_number_key UNIQUE (registration_number),
        CONSTRAINT contracts_verification_code_key UNIQUE (verification_code),
        CONSTRAINT contracts_kind_check CHECK (kind IN ('development','transfer','licensing','consulting','service','training','intermediary')),
        CONSTRAINT contracts_status_check CHECK (status IN ('draft','submitted','accepted','registered','rejected','terminated')),
        CONSTRAINT contracts_source_check CHECK (source IN ('filed','import')),
        CONSTRAINT contracts_party_type_check CHECK (seller_type IN ('enterprise','university','institute','other') AND buyer_type IN ('enterprise','university','institute','other')),
        CONSTRAINT contracts_amounts_check CHECK (contract_fen > 0 AND equipment_fen >= 0 AND materials_fen >= 0 AND construction_fen >= 0 AND other_fen >= 0
          AND tech_fen = GREATEST(contract_fen - equipment_fen - materials_fen - construction_fen - other_fen, 0)),
        CONSTRAINT contracts_registered_check CHECK (status NOT IN ('registered','terminated') OR (registration_number IS NOT NULL AND registered_on IS NOT NULL))
      )`);
    // A contract is filed once: the same parties, date and amount is the natural key (a rejected one may be filed again).
    await q.query(`CREATE UNIQUE INDEX contracts_natural_key ON contracts (seller_credit_code, buyer_credit_code, signed_on, contract_fen) WHERE status <> 'rejected'`);
    await q.query(`CREATE INDEX contracts_filer_idx ON contracts (filer_org_id, status)`);
    await q.query(`CREATE INDEX contracts_queue_idx ON contracts (seller_region, status)`);
    await q.query(`CREATE INDEX contracts_registered_on_idx ON contracts (registered_on) WHERE registration_number IS NOT NULL`);
    await q.query(`CREATE INDEX contracts_pair_idx ON contracts (seller_credit_code, buyer_credit_code, signed_on)`);

    await q.query(`
      CREATE TABLE contract_events (
        id bigserial NOT NULL,
        contract_id uuid NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        action text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT contract_events_pkey PRIMARY KEY (id),
        CONSTRAINT contract_events_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES contracts(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX contract_events_contract_idx ON contract_events (contract_id, id)`);

    await q.query(`
      CREATE TABLE contract_attachments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL,
        file_name varchar(200) NOT NULL,
        media_type varchar(100) NOT NULL,
        size integer NOT NULL,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT contract_attachments_pkey PRIMARY KEY (id),
        CONSTRAINT contract_attachments_contract_id_fkey FOREIGN KEY (contract_id) REFERENCES contracts(id) ON DELETE CASCADE
      )`);

    // Gapless: the serial is taken under this row's lock in the registering transaction, so a rollback returns it.
    await q.query(`
      CREATE TABLE contract_number_counters (
        region_code char(6) NOT NULL,
        year integer NOT NULL,
        last_serial integer NOT NULL,
        CONSTRAINT contract_number_counters_pkey PRIMARY KEY (region_code, year)
      )`);

    await q.query(`
      CREATE TABLE registry_settings (
        id smallint NOT NULL DEFAULT 1,
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT registry_settings_pkey PRIMARY KEY (id),
        CONSTRAINT registry_settings_single_check CHECK (id = 1)
      )`);

    await q.query(`
      CREATE TABLE registry_idempotency (
        user_id uuid NOT NULL,
        key varchar(200) NOT NULL,
        request_hash char(64) NOT NULL,
        status integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT registry_idempotency_pkey PRIMARY KEY (user_id, key)
      )`);

    await q.query(`
      CREATE TABLE contract_imports (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        created_by uuid NOT NULL,
        admin_org_id uuid NOT NULL,
        admin_region char(6) NOT NULL,
        file_name varchar(200) NOT NULL,
        file_path text NOT NULL,
        format text NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        total integer,
        processed integer NOT NULL DEFAULT 0,
        imported integer NOT NULL DEFAULT 0,
        duplicates integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        failure text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT contract_imports_pkey PRIMARY KEY (id),
        CONSTRAINT contract_imports_status_check CHECK (status IN ('queued','running','done','failed')),
        CONSTRAINT contract_imports_format_check CHECK (format IN ('csv','xlsx'))
      )`);
    await q.query(`
      CREATE TABLE contract_import_errors (
        import_id uuid NOT NULL,
        row integer NOT NULL,
        field text NOT NULL,
        message text NOT NULL,
        CONSTRAINT contract_import_errors_pkey PRIMARY KEY (import_id, row, field),
        CONSTRAINT contract_import_errors_import_id_fkey FOREIGN KEY (import_id) REFERENCES contract_imports(id) ON DELETE CASCADE
      )`);

    // One row per (dimension, key, month): a registration adds to five rows, whatever the volume.
    await q.query(`
      CREATE TABLE contract_stats (
        dim text NOT NULL,
        key text NOT NULL,
        month date NOT NULL,
        count bigint NOT NULL DEFAULT 0,
        contract_fen bigint NOT NULL DEFAULT 0,
        tech_fen bigint NOT NULL DEFAULT 0,
        CONSTRAINT contract_stats_pkey PRIMARY KEY (dim, key, month)
      )`);
    // Moments of ln(tech amount) per kind, for the outlier warning without scanning the contracts.
    await q.query(`
      CREATE TABLE contract_kind_moments (
        kind text NOT NULL,
        n bigint NOT NULL DEFAULT 0,
        sum_ln double precision NOT NULL DEFAULT 0,
        sum_ln2 double precision NOT NULL DEFAULT 0,
        CONSTRAINT contract_kind_moments_pkey PRIMARY KEY (kind)
      )`);

    // Applies (sign = 1) or removes (sign = -1) registered contracts from the roll-ups, set-based.
    // Rows are upserted in key order so concurrent registrations lock them in the same order (no deadlocks).
    await q.query(`
      CREATE FUNCTION registry_stats_apply(ids uuid[], sign integer) RETURNS void LANGUAGE sql AS $$
        INSERT INTO contract_stats AS s (dim, key, month, count, contract_fen, tech_fen)
        SELECT d.dim, d.key, d.month, sign * count(*), sign * sum(d.contract_fen), sign * sum(d.tech_fen)
          FROM (
            SELECT date_trunc('month', c.registered_on)::date AS month, c.contract_fen, c.tech_fen, x.dim, x.key
              FROM contracts c
              CROSS JOIN LATERAL (VALUES
                ('kind', c.kind),
                ('province', substr(c.seller_region, 1, 2) || '0000'),
                ('region', CASE WHEN c.seller_region LIKE '%0000' THEN c.seller_region ELSE substr(c.seller_region, 1, 4) || '00' END),
                ('field', COALESCE(c.field_code, '-')),
                ('partyType', c.seller_type)
              ) AS x(dim, key)
             WHERE c.id = ANY(ids) AND c.registration_number IS NOT NULL
          ) d
         GROUP BY d.dim, d.key, d.month
         ORDER BY d.dim, d.key, d.month
        ON CONFLICT (dim, key, month) DO UPDATE
          SET count = s.count + EXCLUDED.count, contract_fen = s.contract_fen + EXCLUDED.contract_fen, tech_fen = s.tech_fen + EXCLUDED.tech_fen;
        INSERT INTO contract_kind_moments AS k (kind, n, sum_ln, sum_ln2)
        SELECT c.kind, sign * count(*), sign * sum(ln(c.contract_fen::double precision)), sign * sum(ln(c.contract_fen::double precision) ^ 2)
          FROM contracts c WHERE c.id = ANY(ids) AND c.registration_number IS NOT NULL
         GROUP BY c.kind ORDER BY c.kind
        ON CONFLICT (kind) DO UPDATE SET n = k.n + EXCLUDED.n, sum_ln = k.sum_ln + EXCLUDED.sum_ln, sum_ln2 = k.sum_ln2 + EXCLUDED.sum_ln2;
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS registry_stats_apply(uuid[], integer)`);
    for (const t of [
      'contract_kind_moments',
      'contract_stats',
      'contract_import_errors',
      'contract_imports',
      'registry_idempotency',
      'registry_settings',
      'contract_number_counters',
      'contract_attachments',
      'contract_events',
      'contracts',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
