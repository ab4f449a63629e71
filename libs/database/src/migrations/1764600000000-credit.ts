import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credit listings (issue 7): listings of serious infringers with their notice, statement,
 * review, publication period and removal; credit-repair applications; attachments (statements, repair materials);
 * the step history; the public change feed (a cursor per change, removals included); and the publication of
 * decisions. States, grounds and periods are the tables of libs/domain/src/credit; the CHECKs repeat only codes.
 */
export class Credit1764600000000 implements MigrationInterface {
  name = 'Credit1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE credit_listing_no_seq`);
    await q.query(`
      CREATE TABLE credit_listings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        listing_no text NOT NULL UNIQUE,
        state text NOT NULL CHECK (state IN ('proposed', 'notified', 'defended', 'lapsed', 'published', 'rejected',
                                             'withdrawn', 'expired', 'repaired', 'revoked')),
        ground text NOT NULL,
        regime text NOT NULL CHECK (regime IN ('samr_serious', 'cnipa_credit')),
        legal_basis text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 2000),
        facts text NOT NULL CHECK (length(facts) BETWEEN 1 AND 2000),
        -- The decision behind the listing: a case of ours (its decision document) or one named by hand.
        case_id uuid REFERENCES cases(id),
        decision_no text NOT NULL CHECK (length(decision_no) BETWEEN 1 AND 100),
        decision_date date NOT NULL,
        office_id uuid NOT NULL REFERENCES offices(id),
        region_code char(6) NOT NULL REFERENCES regions(code),
        ip_type text,
        subject_kind text NOT NULL CHECK (subject_kind IN ('enterprise', 'individual')),
        subject_name text NOT NULL CHECK (length(subject_name) BETWEEN 1 AND 200),
        subject_uscc char(18),
        -- An individual's resident ID: kept for the office, never shown in public (subject_id_masked is).
        subject_id_number text,
        subject_id_masked text,
        CHECK (subject_kind = 'enterprise' AND subject_uscc IS NOT NULL AND subject_id_number IS NULL
            OR subject_kind = 'individual' AND subject_id_number IS NOT NULL AND subject_id_masked IS NOT NULL),
        proposed_by uuid NOT NULL REFERENCES users(id),
        proposed_at timestamptz NOT NULL DEFAULT now(),
        notice_method text,
        notice_served_on date,
        defence_rule_id text,
        defence_due_at timestamptz,
        statement text,
        statement_at timestamptz,
        reviewed_by uuid REFERENCES users(id),
        reviewed_at timestamptz,
        review_reason text,
        publish_from date,
        publish_until date,
        published_at timestamptz,
        removed_at timestamptz,
        removal_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (state <> 'published' OR (publish_from IS NOT NULL AND publish_until IS NOT NULL))
      )`);
    // The office's queues (state, oldest first) and the sweep's windows and periods.
    await q.query(
      `CREATE INDEX credit_listings_office_idx ON credit_listings (office_id, state, proposed_at)`,
    );
    await q.query(`CREATE INDEX credit_listings_region_idx ON credit_listings (region_code, state)`);
    await q.query(
      `CREATE INDEX credit_listings_defence_idx ON credit_listings (defence_due_at) WHERE state = 'notified'`,
    );
    await q.query(
      `CREATE INDEX credit_listings_until_idx ON credit_listings (publish_until) WHERE state = 'published'`,
    );
    // The public registry reads published listings only: newest first, by name (trigram) or credit code.
    await q.query(
      `CREATE INDEX credit_listings_public_idx ON credit_listings (publish_from DESC, id DESC) WHERE state = 'published'`,
    );
    await q.query(
      `CREATE INDEX credit_listings_public_name_idx ON credit_listings USING gin (subject_name gin_trgm_ops)
        WHERE state = 'published'`,
    );
    await q.query(
      `CREATE INDEX credit_listings_public_uscc_idx ON credit_listings (subject_uscc) WHERE state = 'published'`,
    );
    await q.query(
      `CREATE INDEX credit_listings_case_idx ON credit_listings (case_id) WHERE case_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE credit_listing_events (
        id bigserial PRIMARY KEY,
        listing_id uuid NOT NULL REFERENCES credit_listings(id) ON DELETE CASCADE,
        action text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        actor_id uuid REFERENCES users(id),
        reason text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX credit_listing_events_idx ON credit_listing_events (listing_id, id)`);

    await q.query(`
      CREATE TABLE credit_repairs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        listing_id uuid NOT NULL REFERENCES credit_listings(id) ON DELETE CASCADE,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'refused')),
        applicant text NOT NULL CHECK (length(applicant) BETWEEN 1 AND 200),
        conditions text[] NOT NULL,
        explanation text NOT NULL CHECK (length(explanation) BETWEEN 1 AND 5000),
        submitted_by uuid REFERENCES users(id),
        submitted_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_reason text
      )`);
    // One pending application per listing.
    await q.query(
      `CREATE UNIQUE INDEX credit_repairs_pending_idx ON credit_repairs (listing_id) WHERE state = 'pending'`,
    );

    await q.query(`
      CREATE TABLE credit_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        listing_id uuid NOT NULL REFERENCES credit_listings(id) ON DELETE CASCADE,
        repair_id uuid REFERENCES credit_repairs(id) ON DELETE CASCADE,
        -- 'statement', or one of the repair materials (application, identity, pledge, compliance).
        kind text NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX credit_attachments_listing_idx ON credit_attachments (listing_id, created_at)`,
    );

    // The public change feed: one row per listing published or removed. `entry` is the public view at that moment
    // (no personal data beyond what the registry shows). Readers page by (txid, id) and see only rows of
    // transactions older than every transaction still running (pg_snapshot_xmin), so a row committed late can
    // never land behind a cursor already handed out — ids alone are not in commit order.
    await q.query(`
      CREATE TABLE credit_feed (
        id bigserial PRIMARY KEY,
        listing_id uuid NOT NULL REFERENCES credit_listings(id) ON DELETE CASCADE,
        change text NOT NULL CHECK (change IN ('listed', 'removed')),
        reason text CHECK (reason IN ('expired', 'repaired', 'revoked')),
        entry jsonb NOT NULL,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX credit_feed_cursor_idx ON credit_feed (txid, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS credit_feed`);
    await q.query(`DROP TABLE IF EXISTS credit_attachments`);
    await q.query(`DROP TABLE IF EXISTS credit_repairs`);
    await q.query(`DROP TABLE IF EXISTS credit_listing_events`);
    await q.query(`DROP TABLE IF EXISTS credit_listings`);
    await q.query(`DROP SEQUENCE IF EXISTS credit_listing_no_seq`);
  }
}
