import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation schema: regions and offices, users and refresh tokens, the working-day calendar,
 * the append-only hash-chained audit log (design.md rule 5) and the transactional outbox (rule 6).
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    // GB/T 2260 administrative divisions. province_code / city_code are stored so subtree queries are
    // index range scans (the C.UTF-8 collation cannot use a btree for LIKE '33%').
    await q.query(`
      CREATE TABLE regions (
        code char(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('province', 'city', 'county')),
        parent_code char(6) REFERENCES regions(code),
        province_code char(6) NOT NULL,
        city_code char(6),
        version_date date NOT NULL
      )`);
    await q.query(`CREATE INDEX regions_parent_idx ON regions (parent_code, code)`);

    await q.query(`
      CREATE TABLE offices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        short_name text NOT NULL,
        region_code char(6) NOT NULL REFERENCES regions(code),
        competences text[] NOT NULL DEFAULT '{}'
          CHECK (competences <@ ARRAY['patent','trademark','copyright','plant_variety','public_security']::text[]),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX offices_region_idx ON offices (region_code)`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
        display_name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0
          AND roles <@ ARRAY['operator','officer','supervisor','admin']::text[]),
        office_id uuid NOT NULL REFERENCES offices(id),
        active boolean NOT NULL DEFAULT true,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE UNIQUE INDEX users_username_uq ON users (username)`);
    await q.query(`CREATE INDEX users_office_idx ON users (office_id)`);

    // Refresh tokens rotate: each use marks the row used and issues a new one in the same family.
    // Presenting a used token again revokes the whole family (reuse detection).
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        revoked_at timestamptz,
        revoke_reason text,
        user_agent text,
        ip text
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);

    // Working-day calendar: only exceptions to the Mon–Fri rule are stored. region_code '000000' = national;
    // a region may add local days (ethnic-minority holidays, domain.md §6 Art 4).
    await q.query(`
      CREATE TABLE calendar_days (
        region_code char(6) NOT NULL DEFAULT '000000',
        date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
        name text NOT NULL DEFAULT '',
        source text NOT NULL CHECK (source IN ('package', 'admin')),
        updated_by uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (region_code, date)
      )`);
    await q.query(`
      CREATE TABLE calendar_years (
        year integer PRIMARY KEY CHECK (year BETWEEN 1990 AND 2200),
        source text NOT NULL CHECK (source IN ('package', 'admin')),
        note text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Audit log: append-only, hash-chained per stream (one stream per aggregate).
    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        stream text NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        actor_name text NOT NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        request_id text,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        UNIQUE (stream, seq)
      )`);
    await q.query(`CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, occurred_at DESC)`);
    await q.query(`CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id)`);
    // The current head of each stream (a cache that serialises appends to one stream only).
    await q.query(`
      CREATE TABLE audit_stream_heads (
        stream text PRIMARY KEY,
        seq integer NOT NULL,
        hash char(64) NOT NULL,
        last_event_id bigint NOT NULL
      )`);
    // Checkpoints seal the heads of every stream changed since the previous checkpoint, in a chain of their own,
    // so truncating a stream's tail is caught.
    await q.query(`
      CREATE TABLE audit_checkpoints (
        id bigserial PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        up_to_event_id bigint NOT NULL,
        heads jsonb NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const t of ['audit_events', 'audit_checkpoints']) {
      await q.query(`CREATE TRIGGER ${t}_no_update BEFORE UPDATE OR DELETE ON ${t}
                     FOR EACH ROW EXECUTE FUNCTION audit_append_only()`);
      await q.query(`CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${t}
                     FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`);
    }

    // Transactional outbox: written in the command's transaction, relayed to BullMQ by the worker.
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        payload jsonb NOT NULL,
        request_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE dispatched_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS outbox, audit_checkpoints, audit_stream_heads, audit_events,
      calendar_years, calendar_days, refresh_tokens, users, offices, regions CASCADE`);
    await q.query(`DROP FUNCTION IF EXISTS audit_append_only()`);
  }
}
