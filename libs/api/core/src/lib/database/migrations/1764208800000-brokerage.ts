import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Brokerage (DOMAIN.md §5½, §6): enterprise demands (出题) with their own search vector (same tokens as
 * achievements.search, so matching runs both ways over GIN), match notices, broker profiles, credit events,
 * deal rooms (members, messages, documents, checklist, offers, commission) and `brokerage_events`, the
 * domain events the market and licensing contexts consume (room offers, agreed commission).
 */
export class Brokerage1764208800000 implements MigrationInterface {
  name = 'Brokerage1764208800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE demands (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        created_by uuid NOT NULL,
        title_zh text,
        title_en text,
        summary_zh text,
        summary_en text,
        detail_zh text,
        detail_en text,
        field_code varchar(8),
        desired_stage text,
        deal_types text[] NOT NULL DEFAULT '{}',
        budget_min_fen bigint,
        budget_max_fen bigint,
        deadline date NOT NULL,
        confidential boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'open',
        search tsvector,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT demands_pkey PRIMARY KEY (id),
        CONSTRAINT demands_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations(id),
        CONSTRAINT demands_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id),
        CONSTRAINT demands_field_code_fkey FOREIGN KEY (field_code) REFERENCES technology_fields(code),
        CONSTRAINT demands_status_check CHECK (status IN ('open','in_talks','satisfied','expired')),
        CONSTRAINT demands_stage_check CHECK (desired_stage IN ('lab','proof_of_concept','pilot','industrialisation')),
        CONSTRAINT demands_deal_types_check CHECK (deal_types <@ ARRAY['transfer','licence','equity','joint_development']::text[]),
        CONSTRAINT demands_budget_check CHECK (budget_min_fen >= 0 AND budget_max_fen >= budget_min_fen),
        CONSTRAINT demands_title_check CHECK (title_zh IS NOT NULL OR title_en IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX demands_search_idx ON demands USING gin (search)`);
    await q.query(`CREATE INDEX demands_organization_idx ON demands (organization_id, status)`);
    await q.query(`CREATE INDEX demands_open_idx ON demands (created_at DESC) WHERE status IN ('open','in_talks')`);

    await q.query(`
      CREATE TABLE demand_match_notices (
        demand_id uuid NOT NULL,
        achievement_id uuid NOT NULL,
        score numeric(5,1) NOT NULL,
        notified_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT demand_match_notices_pkey PRIMARY KEY (demand_id, achievement_id),
        CONSTRAINT demand_match_notices_demand_id_fkey FOREIGN KEY (demand_id) REFERENCES demands(id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE broker_profiles (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        certification_number varchar(40) NOT NULL,
        field_codes text[] NOT NULL DEFAULT '{}',
        bio_zh text,
        bio_en text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT broker_profiles_pkey PRIMARY KEY (id),
        CONSTRAINT broker_profiles_user_id_key UNIQUE (user_id),
        CONSTRAINT broker_profiles_certification_number_key UNIQUE (certification_number),
        CONSTRAINT broker_profiles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id),
        CONSTRAINT broker_profiles_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations(id)
      )`);

    await q.query(`
      CREATE TABLE credit_events (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        broker_id uuid NOT NULL,
        kind text NOT NULL,
        occurred_at timestamptz NOT NULL,
        reason text NOT NULL,
        deal_room_id uuid,
        recorded_by uuid,
        reversed_at timestamptz,
        reversed_by uuid,
        reverse_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT credit_events_pkey PRIMARY KEY (id),
        CONSTRAINT credit_events_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES broker_profiles(id),
        CONSTRAINT credit_events_recorded_by_fkey FOREIGN KEY (recorded_by) REFERENCES users(id),
        CONSTRAINT credit_events_reversed_by_fkey FOREIGN KEY (reversed_by) REFERENCES users(id),
        CONSTRAINT credit_events_kind_check CHECK (kind IN ('completed_deal','dispute','late_payment','missing_payment','breach_of_trust')),
        CONSTRAINT credit_events_reverse_check CHECK ((reversed_at IS NULL) = (reverse_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX credit_events_broker_idx ON credit_events (broker_id, occurred_at)`);
    // A closed room credits its broker once (the platform records it; a retry must not double it).
    await q.query(`CREATE UNIQUE INDEX credit_events_room_deal_key ON credit_events (deal_room_id) WHERE kind = 'completed_deal' AND deal_room_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE deal_rooms (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        demand_id uuid NOT NULL,
        achievement_id uuid NOT NULL,
        broker_id uuid,
        opened_by uuid NOT NULL,
        stage text NOT NULL DEFAULT 'nda',
        commission_rate_bp integer,
        commission_amount_fen bigint,
        commission_proposed_by uuid,
        commission_agreed_by uuid,
        commission_agreed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT deal_rooms_pkey PRIMARY KEY (id),
        CONSTRAINT deal_rooms_demand_id_fkey FOREIGN KEY (demand_id) REFERENCES demands(id),
        CONSTRAINT deal_rooms_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES broker_profiles(id),
        CONSTRAINT deal_rooms_opened_by_fkey FOREIGN KEY (opened_by) REFERENCES users(id),
        CONSTRAINT deal_rooms_stage_check CHECK (stage IN ('nda','negotiating','closed_won','closed_lost')),
        CONSTRAINT deal_rooms_commission_check CHECK ((commission_rate_bp IS NULL OR commission_rate_bp BETWEEN 1 AND 3000)
          AND (commission_amount_fen IS NULL OR commission_amount_fen > 0))
      )`);
    // One live room per demand–achievement pair.
    await q.query(`CREATE UNIQUE INDEX deal_rooms_live_pair_key ON deal_rooms (demand_id, achievement_id) WHERE stage IN ('nda','negotiating')`);
    await q.query(`CREATE INDEX deal_rooms_broker_idx ON deal_rooms (broker_id, stage)`);

    await q.query(`
      CREATE TABLE deal_room_members (
        room_id uuid NOT NULL,
        user_id uuid NOT NULL,
        organization_id uuid,
        role text NOT NULL,
        nda_accepted_at timestamptz,
        invited_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deal_room_members_pkey PRIMARY KEY (room_id, user_id),
        CONSTRAINT deal_room_members_room_id_fkey FOREIGN KEY (room_id) REFERENCES deal_rooms(id) ON DELETE CASCADE,
        CONSTRAINT deal_room_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id),
        CONSTRAINT deal_room_members_role_check CHECK (role IN ('broker','institution','enterprise'))
      )`);
    await q.query(`CREATE INDEX deal_room_members_user_idx ON deal_room_members (user_id)`);

    await q.query(`
      CREATE TABLE deal_room_messages (
        seq bigserial NOT NULL,
        room_id uuid NOT NULL,
        author_id uuid NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deal_room_messages_pkey PRIMARY KEY (seq),
        CONSTRAINT deal_room_messages_room_id_fkey FOREIGN KEY (room_id) REFERENCES deal_rooms(id) ON DELETE CASCADE,
        CONSTRAINT deal_room_messages_author_id_fkey FOREIGN KEY (author_id) REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX deal_room_messages_room_idx ON deal_room_messages (room_id, seq)`);

    await q.query(`
      CREATE TABLE deal_room_documents (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        room_id uuid NOT NULL,
        uploaded_by uuid NOT NULL,
        name varchar(200) NOT NULL,
        content_type varchar(100) NOT NULL,
        size integer NOT NULL,
        content bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deal_room_documents_pkey PRIMARY KEY (id),
        CONSTRAINT deal_room_documents_room_id_fkey FOREIGN KEY (room_id) REFERENCES deal_rooms(id) ON DELETE CASCADE,
        CONSTRAINT deal_room_documents_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX deal_room_documents_room_idx ON deal_room_documents (room_id, created_at)`);

    await q.query(`
      CREATE TABLE deal_room_checklist_items (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        room_id uuid NOT NULL,
        position smallint NOT NULL,
        label_zh text NOT NULL,
        label_en text NOT NULL,
        done_at timestamptz,
        done_by uuid,
        CONSTRAINT deal_room_checklist_items_pkey PRIMARY KEY (id),
        CONSTRAINT deal_room_checklist_items_room_id_fkey FOREIGN KEY (room_id) REFERENCES deal_rooms(id) ON DELETE CASCADE,
        CONSTRAINT deal_room_checklist_items_done_by_fkey FOREIGN KEY (done_by) REFERENCES users(id),
        CONSTRAINT deal_room_checklist_items_position_key UNIQUE (room_id, position)
      )`);

    await q.query(`
      CREATE TABLE deal_room_offers (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        room_id uuid NOT NULL,
        made_by uuid NOT NULL,
        deal_type text NOT NULL,
        amount_fen bigint NOT NULL,
        terms text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deal_room_offers_pkey PRIMARY KEY (id),
        CONSTRAINT deal_room_offers_room_id_fkey FOREIGN KEY (room_id) REFERENCES deal_rooms(id) ON DELETE CASCADE,
        CONSTRAINT deal_room_offers_made_by_fkey FOREIGN KEY (made_by) REFERENCES users(id),
        CONSTRAINT deal_room_offers_deal_type_check CHECK (deal_type IN ('transfer','licence','equity','joint_development')),
        CONSTRAINT deal_room_offers_amount_check CHECK (amount_fen > 0)
      )`);
    await q.query(`CREATE INDEX deal_room_offers_room_idx ON deal_room_offers (room_id, created_at)`);

    await q.query(`
      CREATE TABLE brokerage_events (
        seq bigserial NOT NULL,
        type varchar(60) NOT NULL,
        subject_id uuid NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT brokerage_events_pkey PRIMARY KEY (seq)
      )`);
    await q.query(`CREATE INDEX brokerage_events_type_idx ON brokerage_events (type, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['brokerage_events', 'deal_room_offers', 'deal_room_checklist_items', 'deal_room_documents', 'deal_room_messages', 'deal_room_members', 'deal_rooms', 'credit_events', 'broker_profiles', 'demand_match_notices', 'demands']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
