import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-region referral and joint enforcement (issue 6): referrals between offices (jurisdiction transfer,
 * assistance, joint action, criminal transfer to the police) with the evidence each shares, their step history,
 * where a case has travelled, joint supervision (督办) of major cases with progress reports, and partner systems
 * that send signed referrals in.
 *
 * The states, clocks and time limits are the tables of libs/domain/src/referrals; the CHECKs repeat only the codes.
 */
export class Referrals1764400000000 implements MigrationInterface {
  name = 'Referrals1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partner_systems (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
        -- The office that stands for the partner here: inbound referrals come from it.
        office_id uuid NOT NULL REFERENCES offices(id),
        -- HMAC-SHA256 key the partner signs with (x-ipe-signature), as webhook endpoints do.
        secret text NOT NULL CHECK (length(secret) >= 32),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`CREATE SEQUENCE referral_no_seq`);
    await q.query(`
      CREATE TABLE referrals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_no text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('jurisdiction', 'assistance', 'joint', 'criminal')),
        state text NOT NULL,
        -- Null only for a referral a partner system sent in about a case of its own (external_case holds it).
        case_id uuid REFERENCES cases(id),
        external_case jsonb,
        -- One joint action: every participant's referral shares the group; the sending office leads.
        group_id uuid,
        from_office_id uuid NOT NULL REFERENCES offices(id),
        to_office_id uuid NOT NULL REFERENCES offices(id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        legal_basis text,
        request text,
        -- Jurisdiction: the county the case will be handled in at the receiving office.
        target_region_code char(6) REFERENCES regions(code),
        requester_told_at timestamptz,
        -- Criminal transfer (国务院令第310号): the special team, the package, and what happens to the case meanwhile.
        team_user_ids uuid[] NOT NULL DEFAULT '{}',
        case_summary text,
        suspicion_basis text,
        value_involved_fen bigint CHECK (value_involved_fen >= 0),
        case_handling text CHECK (case_handling IN ('suspend', 'continue')),
        case_suspended boolean NOT NULL DEFAULT false,
        approved_by uuid REFERENCES users(id),
        approved_at timestamptz,
        sent_at timestamptz,
        answer text,
        -- Jurisdiction dispute: the lowest common superior region (null: the national level) and its designation.
        superior_region_code char(6),
        designated_office_id uuid REFERENCES offices(id),
        -- The running clock (one at a time) and when it ends.
        clock text,
        rule_id text,
        due_at timestamptz,
        partner_id uuid REFERENCES partner_systems(id),
        external_id text,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CHECK (case_id IS NOT NULL OR external_case IS NOT NULL),
        CHECK (from_office_id <> to_office_id),
        UNIQUE (partner_id, external_id)
      )`);
    await q.query(`CREATE INDEX referrals_case_idx ON referrals (case_id, created_at)`);
    await q.query(`CREATE INDEX referrals_to_idx ON referrals (to_office_id, created_at DESC)`);
    await q.query(`CREATE INDEX referrals_from_idx ON referrals (from_office_id, created_at DESC)`);
    await q.query(`CREATE INDEX referrals_group_idx ON referrals (group_id) WHERE group_id IS NOT NULL`);
    await q.query(`CREATE INDEX referrals_due_idx ON referrals (due_at, id) WHERE due_at IS NOT NULL`);

    await q.query(`
      CREATE TABLE referral_evidence (
        referral_id uuid NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
        evidence_id uuid NOT NULL REFERENCES case_evidence(id),
        PRIMARY KEY (referral_id, evidence_id)
      )`);
    await q.query(`CREATE INDEX referral_evidence_evidence_idx ON referral_evidence (evidence_id)`);

    await q.query(`
      CREATE TABLE referral_events (
        id bigserial PRIMARY KEY,
        referral_id uuid NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
        action text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        actor_id uuid REFERENCES users(id),
        office_id uuid REFERENCES offices(id),
        reason text,
        document_date date,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX referral_events_referral_idx ON referral_events (referral_id, id)`);

    // Where a case has travelled: every change of handling office, with its number before and after.
    await q.query(`
      CREATE TABLE case_office_history (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        referral_id uuid REFERENCES referrals(id),
        from_office_id uuid NOT NULL REFERENCES offices(id),
        to_office_id uuid NOT NULL REFERENCES offices(id),
        from_region_code char(6) NOT NULL,
        to_region_code char(6) NOT NULL,
        from_case_no text,
        to_case_no text,
        how text NOT NULL CHECK (how IN ('accepted', 'designated')),
        moved_by uuid REFERENCES users(id),
        moved_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_office_history_case_idx ON case_office_history (case_id, id)`);

    await q.query(`ALTER TABLE cases ADD COLUMN supervised boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE case_supervisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        -- The supervising level: a region above the case's handling office.
        region_code char(6) NOT NULL REFERENCES regions(code),
        office_id uuid NOT NULL REFERENCES offices(id),
        started_by uuid NOT NULL REFERENCES users(id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        report_every_days integer NOT NULL CHECK (report_every_days BETWEEN 1 AND 90),
        next_report_due_at timestamptz,
        state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'ended')),
        end_reason text,
        started_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(
      `CREATE UNIQUE INDEX case_supervisions_active_idx ON case_supervisions (case_id) WHERE state = 'active'`,
    );
    await q.query(
      `CREATE INDEX case_supervisions_due_idx ON case_supervisions (next_report_due_at, id) WHERE state = 'active'`,
    );
    await q.query(`
      CREATE TABLE case_supervision_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        supervision_id uuid NOT NULL REFERENCES case_supervisions(id) ON DELETE CASCADE,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        filed_by uuid NOT NULL REFERENCES users(id),
        filed_at timestamptz NOT NULL DEFAULT now(),
        was_due_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX case_supervision_reports_idx ON case_supervision_reports (supervision_id, filed_at)`,
    );

    // Signed inbound referrals: one row per (partner, idempotency key), so a replay creates nothing.
    await q.query(`
      CREATE TABLE partner_inbound (
        partner_id uuid NOT NULL REFERENCES partner_systems(id),
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        body_sha256 char(64) NOT NULL,
        referral_id uuid NOT NULL REFERENCES referrals(id),
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partner_id, idempotency_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS partner_inbound`);
    await q.query(`DROP TABLE IF EXISTS case_supervision_reports`);
    await q.query(`DROP TABLE IF EXISTS case_supervisions`);
    await q.query(`ALTER TABLE cases DROP COLUMN IF EXISTS supervised`);
    await q.query(`DROP TABLE IF EXISTS case_office_history`);
    await q.query(`DROP TABLE IF EXISTS referral_events`);
    await q.query(`DROP TABLE IF EXISTS referral_evidence`);
    await q.query(`DROP TABLE IF EXISTS referrals`);
    await q.query(`DROP SEQUENCE IF EXISTS referral_no_seq`);
    await q.query(`DROP TABLE IF EXISTS partner_systems`);
  }
}
