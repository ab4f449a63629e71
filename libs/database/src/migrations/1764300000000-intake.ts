import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 12330 complaint intake (issue 5): complaints (工单) numbered from a sequence — intake never waits on a counter
 * row — with the indexes the live duplicate check reads, and the idempotency keys of the public form.
 */
export class Intake1764300000000 implements MigrationInterface {
  name = 'Intake1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE complaint_tracking_seq`);
    await q.query(`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint NOT NULL UNIQUE DEFAULT nextval('complaint_tracking_seq'),
        tracking_no text NOT NULL UNIQUE,
        channel text NOT NULL,
        category text NOT NULL,
        state text NOT NULL DEFAULT 'received',
        anonymous boolean NOT NULL DEFAULT false,
        -- The reporter's identity is shown only to the handling staff (总局令第20号 Art 33).
        confidential boolean NOT NULL DEFAULT false,
        complainant_name text,
        complainant_phone text,
        complainant_id_number text,
        complainant_uscc text,
        complainant_org text,
        complainant_email text,
        respondent_name text,
        respondent_uscc text,
        respondent_address text,
        respondent_shop text,
        respondent_platform text,
        respondent_url text,
        ip_type text,
        right_number text,
        right_number_kind text,
        region_code char(6) REFERENCES regions(code),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 20000),
        office_id uuid REFERENCES offices(id),
        suggested_office_id uuid REFERENCES offices(id),
        received_at timestamptz NOT NULL DEFAULT now(),
        received_on date NOT NULL,
        received_by uuid REFERENCES users(id),
        rule_id text,
        due_at timestamptz,
        due_date date,
        answer text,
        case_id uuid REFERENCES cases(id),
        merged_into uuid REFERENCES complaints(id),
        satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5),
        callback_comment text,
        callback_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (anonymous OR complainant_name IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX complaints_office_state_idx ON complaints (office_id, state, received_at DESC)`,
    );
    await q.query(`CREATE INDEX complaints_region_idx ON complaints (region_code, received_at DESC)`);
    await q.query(
      `CREATE INDEX complaints_due_idx ON complaints (due_at) WHERE state IN ('received', 'triaged')`,
    );
    // The live duplicate check: same credit code / right number / phone within 90 days, similar respondent names.
    await q.query(
      `CREATE INDEX complaints_resp_uscc_idx ON complaints (respondent_uscc, received_at DESC) WHERE respondent_uscc IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX complaints_right_idx ON complaints (right_number, received_at DESC) WHERE right_number IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX complaints_phone_idx ON complaints (complainant_phone, received_at DESC) WHERE complainant_phone IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX complaints_resp_name_trgm_idx ON complaints USING gin (respondent_name gin_trgm_ops)`,
    );

    // The public form's idempotency keys: the same key with the same body returns the first complaint; with a
    // different body it is refused (409).
    await q.query(`
      CREATE TABLE idempotency_keys (
        key text PRIMARY KEY CHECK (length(key) BETWEEN 8 AND 100),
        scope text NOT NULL,
        request_hash char(64) NOT NULL,
        resource_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS idempotency_keys, complaints CASCADE`);
    await q.query(`DROP SEQUENCE IF EXISTS complaint_tracking_seq`);
  }
}
