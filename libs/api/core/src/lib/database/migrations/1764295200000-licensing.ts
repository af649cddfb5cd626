import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Licensing (DOMAIN.md §3–4): licences with their payment terms, the territory × field cells exclusive and
 * sole licences claim (an EXCLUDE constraint refuses overlaps inside the inserting transaction), milestones,
 * royalty reports, deal costs, invoices (one per licence, period key and kind), payments with their
 * idempotency keys, the distribution ledger, and the dedupe keys of the notices sent about them.
 */
export class Licensing1764295200000 implements MigrationInterface {
  name = 'Licensing1764295200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await q.query(`CREATE SEQUENCE licence_number_seq`);
    await q.query(`CREATE SEQUENCE invoice_number_seq`);
    await q.query(`
      CREATE TABLE licences (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        number text NOT NULL DEFAULT ('LIC-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('licence_number_seq')::text, 6, '0')),
        achievement_id uuid NOT NULL,
        -- The achievement's title when licensed (a licence names what was licensed, like a listing).
        title_zh text,
        title_en text,
        licensor_org_id uuid NOT NULL,
        licensee_org_id uuid NOT NULL,
        kind text NOT NULL,
        status text NOT NULL DEFAULT 'draft',
        territory text[] NOT NULL,
        fields_of_use text[] NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        sublicensing boolean NOT NULL DEFAULT false,
        deal_id uuid,
        terms jsonb NOT NULL,
        deferral_months integer,
        first_sales_on date,
        licensors jsonb NOT NULL,
        policy jsonb NOT NULL,
        broker jsonb,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        terminated_at timestamptz,
        CONSTRAINT licences_pkey PRIMARY KEY (id),
        CONSTRAINT licences_number_key UNIQUE (number),
        CONSTRAINT licences_deal_id_key UNIQUE (deal_id),
        CONSTRAINT licences_achievement_id_fkey FOREIGN KEY (achievement_id) REFERENCES achievements(id),
        CONSTRAINT licences_licensor_org_id_fkey FOREIGN KEY (licensor_org_id) REFERENCES organizations(id),
        CONSTRAINT licences_licensee_org_id_fkey FOREIGN KEY (licensee_org_id) REFERENCES organizations(id),
        CONSTRAINT licences_kind_check CHECK (kind IN ('exclusive','sole','non_exclusive','open')),
        CONSTRAINT licences_status_check CHECK (status IN ('draft','active','expired','terminated')),
        CONSTRAINT licences_dates_check CHECK (ends_on >= starts_on),
        CONSTRAINT licences_scope_check CHECK (cardinality(territory) > 0 AND cardinality(fields_of_use) > 0)
      )`);
    await q.query(`CREATE INDEX licences_licensor_idx ON licences (licensor_org_id, status)`);
    await q.query(`CREATE INDEX licences_licensee_idx ON licences (licensee_org_id, status)`);
    await q.query(`CREATE INDEX licences_achievement_idx ON licences (achievement_id)`);

    // One row per (territory, field) an exclusive or sole licence claims while draft or active. A region
    // code is the integer range of the codes it contains (GB/T 2260: 340000 holds 340000–349999), so a
    // province and one of its cities overlap; the constraint is checked in the inserting transaction.
    await q.query(`
      CREATE TABLE licence_exclusivity_cells (
        licence_id uuid NOT NULL,
        achievement_id uuid NOT NULL,
        region int4range NOT NULL,
        field text NOT NULL,
        during daterange NOT NULL,
        CONSTRAINT licence_exclusivity_cells_licence_id_fkey FOREIGN KEY (licence_id) REFERENCES licences(id) ON DELETE CASCADE,
        CONSTRAINT licence_exclusivity_cells_no_overlap EXCLUDE USING gist (achievement_id WITH =, field WITH =, region WITH &&, during WITH &&)
      )`);
    await q.query(`CREATE INDEX licence_exclusivity_cells_licence_idx ON licence_exclusivity_cells (licence_id)`);

    await q.query(`
      CREATE TABLE licence_milestones (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        licence_id uuid NOT NULL,
        position integer NOT NULL,
        name text NOT NULL,
        amount_fen bigint NOT NULL,
        confirmed_at timestamptz,
        confirmed_by uuid,
        CONSTRAINT licence_milestones_pkey PRIMARY KEY (id),
        CONSTRAINT licence_milestones_licence_id_fkey FOREIGN KEY (licence_id) REFERENCES licences(id) ON DELETE CASCADE,
        CONSTRAINT licence_milestones_position_key UNIQUE (licence_id, position),
        CONSTRAINT licence_milestones_amount_check CHECK (amount_fen > 0)
      )`);

    await q.query(`
      CREATE TABLE royalty_reports (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        licence_id uuid NOT NULL,
        period_key text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        net_sales_fen bigint NOT NULL,
        royalty_fen bigint NOT NULL,
        late boolean NOT NULL,
        submitted_by uuid NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT royalty_reports_pkey PRIMARY KEY (id),
        CONSTRAINT royalty_reports_licence_id_fkey FOREIGN KEY (licence_id) REFERENCES licences(id) ON DELETE CASCADE,
        CONSTRAINT royalty_reports_period_key UNIQUE (licence_id, period_key),
        CONSTRAINT royalty_reports_amounts_check CHECK (net_sales_fen >= 0 AND royalty_fen >= 0)
      )`);

    await q.query(`
      CREATE TABLE invoices (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        number text NOT NULL DEFAULT ('INV-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('invoice_number_seq')::text, 7, '0')),
        licence_id uuid NOT NULL,
        kind text NOT NULL,
        period_key text NOT NULL,
        amount_fen bigint NOT NULL,
        paid_fen bigint NOT NULL DEFAULT 0,
        issued_on date NOT NULL,
        due_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invoices_pkey PRIMARY KEY (id),
        CONSTRAINT invoices_number_key UNIQUE (number),
        CONSTRAINT invoices_licence_period_kind_key UNIQUE (licence_id, period_key, kind),
        CONSTRAINT invoices_licence_id_fkey FOREIGN KEY (licence_id) REFERENCES licences(id) ON DELETE CASCADE,
        CONSTRAINT invoices_kind_check CHECK (kind IN ('lump_sum','milestone','royalty','minimum_royalty')),
        CONSTRAINT invoices_paid_check CHECK (amount_fen > 0 AND paid_fen >= 0 AND paid_fen <= amount_fen)
      )`);
    await q.query(`CREATE INDEX invoices_open_idx ON invoices (due_on) WHERE paid_fen < amount_fen`);

    await q.query(`
      CREATE TABLE licence_costs (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        licence_id uuid NOT NULL,
        amount_fen bigint NOT NULL,
        description text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT licence_costs_pkey PRIMARY KEY (id),
        CONSTRAINT licence_costs_licence_id_fkey FOREIGN KEY (licence_id) REFERENCES licences(id) ON DELETE CASCADE,
        CONSTRAINT licence_costs_amount_check CHECK (amount_fen > 0)
      )`);

    await q.query(`
      CREATE TABLE licence_payments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        invoice_id uuid NOT NULL,
        licence_id uuid NOT NULL,
        amount_fen bigint NOT NULL,
        costs_fen bigint NOT NULL DEFAULT 0,
        reference text,
        paid_by uuid NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        paid_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT licence_payments_pkey PRIMARY KEY (id),
        CONSTRAINT licence_payments_idempotency_key UNIQUE (paid_by, idempotency_key),
        CONSTRAINT licence_payments_invoice_id_fkey FOREIGN KEY (invoice_id) REFERENCES invoices(id),
        CONSTRAINT licence_payments_licence_id_fkey FOREIGN KEY (licence_id) REFERENCES licences(id),
        CONSTRAINT licence_payments_amount_check CHECK (amount_fen > 0 AND costs_fen >= 0 AND costs_fen <= amount_fen)
      )`);
    await q.query(`CREATE INDEX licence_payments_licence_idx ON licence_payments (licence_id, paid_at)`);

    await q.query(`
      CREATE TABLE distribution_entries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL,
        licence_id uuid NOT NULL,
        position integer NOT NULL,
        recipient_type text NOT NULL,
        recipient_id uuid,
        recipient_name text NOT NULL,
        share_bp numeric(14,6) NOT NULL,
        amount_fen bigint NOT NULL,
        CONSTRAINT distribution_entries_pkey PRIMARY KEY (id),
        CONSTRAINT distribution_entries_position_key UNIQUE (payment_id, position),
        CONSTRAINT distribution_entries_payment_id_fkey FOREIGN KEY (payment_id) REFERENCES licence_payments(id),
        CONSTRAINT distribution_entries_type_check CHECK (recipient_type IN ('deal_costs','broker','co_owner','inventor','tto','institution')),
        CONSTRAINT distribution_entries_amount_check CHECK (amount_fen >= 0)
      )`);
    await q.query(`CREATE INDEX distribution_entries_licence_idx ON distribution_entries (licence_id)`);
    await q.query(`CREATE INDEX distribution_entries_recipient_idx ON distribution_entries (recipient_id)`);

    // A notice (new invoice, overdue reminder step) is enqueued only by the transaction that inserts its key.
    await q.query(`
      CREATE TABLE licensing_notices (
        dedupe_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT licensing_notices_pkey PRIMARY KEY (dedupe_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['licensing_notices', 'distribution_entries', 'licence_payments', 'licence_costs', 'invoices', 'royalty_reports', 'licence_milestones', 'licence_exclusivity_cells', 'licences']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP SEQUENCE invoice_number_seq`);
    await q.query(`DROP SEQUENCE licence_number_seq`);
  }
}
