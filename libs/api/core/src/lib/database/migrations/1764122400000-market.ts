import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Market: listings (negotiation, fixed price, auction, open licence) with an optional evaluation,
 * offer threads, fixed-price intents, auctions with approved bidders and bids, idempotency keys for
 * bids, open-licence consents, deals and the deal domain-event log (`market_deal_events`).
 * The bid hot path is one conditional UPDATE on `auctions` (see market/auctions/bids.service.ts).
 */
export class Market1764122400000 implements MigrationInterface {
  name = 'Market1764122400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE listings (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        achievement_id uuid NOT NULL,
        seller_org_id uuid NOT NULL,
        method text NOT NULL,
        deal_type text NOT NULL,
        licence_scope text,
        status text NOT NULL DEFAULT 'open',
        title_zh text,
        title_en text,
        price_fen bigint,
        terms text,
        government_funded boolean NOT NULL DEFAULT false,
        below_value_justification text,
        evaluator_org_id uuid,
        evaluated_value_fen bigint,
        evaluated_on date,
        evaluation_method text,
        period_ends_at timestamptz,
        ol_fee_type text,
        ol_lump_sum_fen bigint,
        ol_royalty_bp integer,
        ol_term_months integer,
        ol_starts_on date,
        withdrawn_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT listings_pkey PRIMARY KEY (id),
        CONSTRAINT listings_method_check CHECK (method IN ('negotiation','fixed_price','auction','open_licence')),
        CONSTRAINT listings_deal_type_check CHECK (deal_type IN ('transfer','licence','equity')),
        CONSTRAINT listings_licence_scope_check CHECK ((deal_type = 'licence') = (licence_scope IS NOT NULL) AND licence_scope IN ('exclusive','sole','non_exclusive')),
        CONSTRAINT listings_status_check CHECK (status IN ('open','auction','sold','unsold','withdrawn')),
        CONSTRAINT listings_price_check CHECK (price_fen >= 0 AND evaluated_value_fen >= 0),
        CONSTRAINT listings_fee_type_check CHECK (ol_fee_type IN ('lump_sum','royalty','upfront_royalty'))
      )`);
    await q.query(`CREATE INDEX listings_browse_idx ON listings (method, status, created_at)`);
    await q.query(`CREATE INDEX listings_seller_idx ON listings (seller_org_id, status)`);
    // One live listing per achievement: a second must wait until the first is sold, unsold or withdrawn.
    await q.query(`CREATE UNIQUE INDEX listings_live_achievement_key ON listings (achievement_id) WHERE status IN ('open','auction')`);

    await q.query(`
      CREATE TABLE listing_offers (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        listing_id uuid NOT NULL,
        buyer_org_id uuid NOT NULL,
        parent_id uuid,
        side text NOT NULL,
        price_fen bigint NOT NULL,
        terms text,
        status text NOT NULL DEFAULT 'open',
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT listing_offers_pkey PRIMARY KEY (id),
        CONSTRAINT listing_offers_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES listings(id) ON DELETE CASCADE,
        CONSTRAINT listing_offers_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES listing_offers(id),
        CONSTRAINT listing_offers_side_check CHECK (side IN ('buyer','seller')),
        CONSTRAINT listing_offers_status_check CHECK (status IN ('open','countered','accepted','rejected')),
        CONSTRAINT listing_offers_price_check CHECK (price_fen > 0)
      )`);
    await q.query(`CREATE INDEX listing_offers_thread_idx ON listing_offers (listing_id, buyer_org_id, created_at)`);
    // Rule: one accepted offer per listing, held by the database against racing accepts.
    await q.query(`CREATE UNIQUE INDEX listing_offers_one_accepted_key ON listing_offers (listing_id) WHERE status = 'accepted'`);

    await q.query(`
      CREATE TABLE listing_intents (
        listing_id uuid NOT NULL,
        buyer_org_id uuid NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT listing_intents_pkey PRIMARY KEY (listing_id, buyer_org_id),
        CONSTRAINT listing_intents_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES listings(id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE open_licence_consents (
        listing_id uuid NOT NULL,
        party_org_id uuid NOT NULL,
        consented_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT open_licence_consents_pkey PRIMARY KEY (listing_id, party_org_id),
        CONSTRAINT open_licence_consents_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES listings(id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE auctions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        listing_id uuid NOT NULL,
        seller_org_id uuid NOT NULL,
        kind text NOT NULL DEFAULT 'english',
        status text NOT NULL DEFAULT 'scheduled',
        start_price_fen bigint NOT NULL,
        reserve_fen bigint,
        increment_fen bigint NOT NULL,
        deposit_fen bigint,
        buyer_premium_bp integer NOT NULL DEFAULT 0,
        soft_close_seconds integer NOT NULL DEFAULT 300,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        high_bid_fen bigint,
        high_bid_id uuid,
        high_bidder_org_id uuid,
        bid_count integer NOT NULL DEFAULT 0,
        outcome text,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT auctions_pkey PRIMARY KEY (id),
        CONSTRAINT auctions_listing_id_key UNIQUE (listing_id),
        CONSTRAINT auctions_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES listings(id) ON DELETE CASCADE,
        CONSTRAINT auctions_kind_check CHECK (kind IN ('english','sealed')),
        CONSTRAINT auctions_status_check CHECK (status IN ('scheduled','open','closed','cancelled')),
        CONSTRAINT auctions_outcome_check CHECK (outcome IS NULL OR (outcome IN ('sold','unsold') AND status = 'closed')),
        CONSTRAINT auctions_amounts_check CHECK (start_price_fen > 0 AND increment_fen > 0 AND reserve_fen >= 0 AND deposit_fen >= 0 AND buyer_premium_bp BETWEEN 0 AND 5000),
        CONSTRAINT auctions_window_check CHECK (ends_at > starts_at AND soft_close_seconds >= 0)
      )`);
    await q.query(`CREATE INDEX auctions_due_idx ON auctions (ends_at) WHERE status IN ('scheduled','open')`);

    await q.query(`
      CREATE TABLE auction_bidders (
        auction_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        deposit_fen bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        CONSTRAINT auction_bidders_pkey PRIMARY KEY (auction_id, organization_id),
        CONSTRAINT auction_bidders_auction_id_fkey FOREIGN KEY (auction_id) REFERENCES auctions(id) ON DELETE CASCADE,
        CONSTRAINT auction_bidders_status_check CHECK (status IN ('pending','approved','rejected'))
      )`);

    await q.query(`
      CREATE TABLE auction_bids (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        auction_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        amount_fen bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT auction_bids_pkey PRIMARY KEY (id),
        CONSTRAINT auction_bids_auction_id_fkey FOREIGN KEY (auction_id) REFERENCES auctions(id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX auction_bids_auction_idx ON auction_bids (auction_id, created_at)`);

    await q.query(`
      CREATE TABLE market_idempotency_keys (
        user_id uuid NOT NULL,
        key varchar(200) NOT NULL,
        request_hash varchar(64) NOT NULL,
        status integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT market_idempotency_keys_pkey PRIMARY KEY (user_id, key)
      )`);

    await q.query(`
      CREATE TABLE deals (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        listing_id uuid NOT NULL,
        auction_id uuid,
        offer_id uuid,
        achievement_id uuid NOT NULL,
        method text NOT NULL,
        deal_type text NOT NULL,
        licence_scope text,
        price_fen bigint NOT NULL,
        buyer_premium_fen bigint NOT NULL DEFAULT 0,
        seller_org_id uuid NOT NULL,
        buyer_org_id uuid NOT NULL,
        disclosure_id uuid,
        disclosed_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deals_pkey PRIMARY KEY (id),
        CONSTRAINT deals_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES listings(id),
        CONSTRAINT deals_method_check CHECK (method IN ('negotiation','fixed_price','auction','open_licence')),
        CONSTRAINT deals_price_check CHECK (price_fen >= 0 AND buyer_premium_fen >= 0)
      )`);
    // Exactly one deal per listing, except open licences (any number of non-exclusive takers, one each).
    await q.query(`CREATE UNIQUE INDEX deals_one_per_listing_key ON deals (listing_id) WHERE method <> 'open_licence'`);
    await q.query(`CREATE UNIQUE INDEX deals_one_open_licence_per_buyer_key ON deals (listing_id, buyer_org_id) WHERE method = 'open_licence'`);
    await q.query(`CREATE INDEX deals_parties_idx ON deals (seller_org_id, buyer_org_id)`);

    await q.query(`
      CREATE TABLE market_deal_events (
        seq bigserial NOT NULL,
        deal_id uuid NOT NULL,
        type varchar(40) NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT market_deal_events_pkey PRIMARY KEY (seq),
        CONSTRAINT market_deal_events_deal_id_fkey FOREIGN KEY (deal_id) REFERENCES deals(id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['market_deal_events', 'deals', 'market_idempotency_keys', 'auction_bids', 'auction_bidders', 'auctions', 'open_licence_consents', 'listing_intents', 'listing_offers', 'listings']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
