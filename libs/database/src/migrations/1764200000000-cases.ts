import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case handling (issue 4): cases with their officers, parties, rights, deadlines and tolling periods, notes,
 * evidence and generated documents, plus the gap-free number counters (design.md rule 8).
 * Vocabularies are checked in the service against the rule tables in libs/domain (data, not CHECK lists), so a new
 * IP type or procedure is a code change in one place, not a migration.
 */
export class Cases1764200000000 implements MigrationInterface {
  name = 'Cases1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // Gap-free numbers: one row per office, year and kind ('case' or a document kind), incremented in the command's
    // transaction (the row lock serialises numbering within one office; a rollback gives the number back).
    await q.query(`
      CREATE TABLE number_counters (
        office_id uuid NOT NULL REFERENCES offices(id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
        kind text NOT NULL,
        last integer NOT NULL CHECK (last >= 0),
        PRIMARY KEY (office_id, year, kind)
      )`);

    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reg_no bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        case_no text UNIQUE,
        case_year integer,
        case_seq integer,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        ip_type text NOT NULL,
        procedure text NOT NULL,
        source text NOT NULL,
        status text NOT NULL,
        outcome text,
        office_id uuid NOT NULL REFERENCES offices(id),
        region_code char(6) NOT NULL REFERENCES regions(code),
        -- Copied from the region row, so a province's or a city's cases are one index range in date order.
        province_code char(6) NOT NULL,
        city_code char(6),
        summary text NOT NULL DEFAULT '',
        value_fen bigint CHECK (value_fen >= 0),
        illegal_gains_fen bigint CHECK (illegal_gains_fen >= 0),
        fine_fen bigint CHECK (fine_fen >= 0),
        confiscated_fen bigint CHECK (confiscated_fen >= 0),
        major boolean NOT NULL DEFAULT false,
        repeat_infringer boolean NOT NULL DEFAULT false,
        online boolean NOT NULL DEFAULT false,
        received_on date NOT NULL,
        filed_on date,
        decided_on date,
        closed_on date,
        -- The earliest due instant among the case's open office deadlines (null when none runs): list sorting,
        -- the overdue filter and the countdown read it without touching case_deadlines.
        next_due_at timestamptz,
        next_due_key text,
        search_text text NOT NULL DEFAULT '',
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        UNIQUE (office_id, case_year, case_seq),
        CHECK ((case_no IS NULL) = (case_seq IS NULL))
      )`);
    // The lists read newest first within a scope: the whole country (admin), a province, a city or a county
    // (the scope root's level picks the column), so the first page is an index range read in order.
    await q.query(`CREATE INDEX cases_received_idx ON cases (received_on DESC, id DESC)`);
    await q.query(
      `CREATE INDEX cases_province_received_idx ON cases (province_code, received_on DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX cases_city_received_idx ON cases (city_code, received_on DESC, id DESC)`);
    await q.query(`CREATE INDEX cases_region_received_idx ON cases (region_code, received_on DESC, id DESC)`);
    await q.query(`CREATE INDEX cases_office_status_idx ON cases (office_id, status, received_on DESC)`);
    await q.query(`CREATE INDEX cases_due_idx ON cases (next_due_at) WHERE next_due_at IS NOT NULL`);
    await q.query(`CREATE INDEX cases_search_trgm_idx ON cases USING gin (search_text gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE case_officers (
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        lead boolean NOT NULL DEFAULT false,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, user_id)
      )`);
    await q.query(`CREATE INDEX case_officers_user_idx ON case_officers (user_id, case_id)`);

    await q.query(`
      CREATE TABLE case_parties (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('claimant', 'respondent', 'third_party')),
        kind text NOT NULL CHECK (kind IN ('enterprise', 'individual')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        uscc text,
        id_number text,
        phone text,
        address text,
        foreign_domicile boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_parties_case_idx ON case_parties (case_id)`);
    await q.query(`CREATE INDEX case_parties_uscc_idx ON case_parties (uscc) WHERE uscc IS NOT NULL`);

    await q.query(`
      CREATE TABLE case_rights (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        number_kind text,
        number text NOT NULL CHECK (length(number) BETWEEN 1 AND 64),
        title text NOT NULL DEFAULT '',
        holder text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_rights_case_idx ON case_rights (case_id)`);
    await q.query(`CREATE INDEX case_rights_number_idx ON case_rights (number)`);

    // One row per started time limit. The rule's values are copied in when it starts; due_date/due_at are
    // recomputed whenever a pause or extension changes (null while an open pause stops the clock).
    await q.query(`
      CREATE TABLE case_deadlines (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        key text NOT NULL,
        rule_id text NOT NULL,
        actor text NOT NULL CHECK (actor IN ('office', 'party')),
        amount integer NOT NULL,
        unit text NOT NULL CHECK (unit IN ('WD', 'ND', 'MONTH', 'HOUR')),
        roll boolean NOT NULL DEFAULT false,
        tolled_by text[] NOT NULL DEFAULT '{}',
        start_date date NOT NULL,
        extensions jsonb NOT NULL DEFAULT '[]',
        due_date date,
        due_at timestamptz,
        suspended_since date,
        paused_days integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'cancelled')),
        closed_on date,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX case_deadlines_open_uq ON case_deadlines (case_id, key) WHERE status = 'open'`,
    );
    await q.query(`CREATE INDEX case_deadlines_case_idx ON case_deadlines (case_id, id)`);
    await q.query(
      `CREATE INDEX case_deadlines_sweep_idx ON case_deadlines (due_at) WHERE status = 'open' AND actor = 'office'`,
    );

    // Tolling periods (中止, 公告, 鉴定, 听证 …): half-open [from_date, to_date), to_date null while open.
    await q.query(`
      CREATE TABLE case_pauses (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind text NOT NULL,
        from_date date NOT NULL,
        to_date date,
        reason text NOT NULL DEFAULT '',
        CHECK (to_date IS NULL OR to_date >= from_date)
      )`);
    await q.query(`CREATE INDEX case_pauses_case_idx ON case_pauses (case_id, id)`);
    await q.query(`CREATE UNIQUE INDEX case_pauses_open_uq ON case_pauses (case_id) WHERE to_date IS NULL`);

    await q.query(`
      CREATE TABLE case_notes (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users(id),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_notes_case_idx ON case_notes (case_id, id)`);

    await q.query(`
      CREATE TABLE case_evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind text NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '',
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        collected_by text NOT NULL,
        collected_at timestamptz NOT NULL,
        collected_place text NOT NULL DEFAULT '',
        uploaded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_evidence_case_idx ON case_evidence (case_id, created_at)`);

    await q.query(`
      CREATE TABLE case_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind text NOT NULL,
        doc_no text NOT NULL UNIQUE,
        action text NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL,
        sha256 char(64) NOT NULL,
        storage_key text NOT NULL UNIQUE,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_documents_case_idx ON case_documents (case_id, created_at)`);

    // The timeline lists the notifications about a case: case topics carry data.caseId, deadline notices the
    // item id of the 'cases' source.
    await q.query(`
      CREATE INDEX outbox_case_idx ON outbox ((coalesce(payload->'data'->>'caseId', payload->'data'->>'itemId')))
       WHERE payload->'data' ? 'caseId' OR payload->'data'->>'source' = 'cases'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS outbox_case_idx`);
    await q.query(`DROP TABLE IF EXISTS case_documents, case_evidence, case_notes, case_pauses, case_deadlines,
      case_rights, case_parties, case_officers, cases, number_counters CASCADE`);
  }
}
