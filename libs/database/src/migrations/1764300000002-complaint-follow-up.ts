import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What follows a complaint's decision (issue 5): the complainant's outcome notice and its deadline, conversion
 * into a case (linked both ways), merging duplicates, the callback (回访), and the origin of imported complaints
 * (so importing the same export twice adds nothing).
 */
export class ComplaintFollowUp1764300000002 implements MigrationInterface {
  name = 'ComplaintFollowUp1764300000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE complaints
        ADD COLUMN notice_due_at timestamptz,
        ADD COLUMN notified_at timestamptz,
        ADD COLUMN notice_channel text,
        ADD COLUMN notified_by uuid REFERENCES users(id),
        ADD COLUMN converted_at timestamptz,
        ADD COLUMN converted_by uuid REFERENCES users(id),
        ADD COLUMN merged_at timestamptz,
        ADD COLUMN merged_by uuid REFERENCES users(id),
        ADD COLUMN merge_reason text,
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN callback_by uuid REFERENCES users(id),
        ADD COLUMN callback_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN callback_last_attempt_at timestamptz,
        ADD COLUMN source_system text,
        ADD COLUMN external_ref text,
        ADD CONSTRAINT complaints_not_merged_into_self CHECK (merged_into IS NULL OR merged_into <> id),
        ADD CONSTRAINT complaints_external_ref_pair CHECK ((source_system IS NULL) = (external_ref IS NULL))`);
    await q.query(
      `CREATE UNIQUE INDEX complaints_external_ref_uq ON complaints (source_system, external_ref) WHERE external_ref IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX complaints_merged_into_idx ON complaints (merged_into) WHERE merged_into IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX complaints_notice_due_idx ON complaints (notice_due_at) WHERE notified_at IS NULL AND notice_due_at IS NOT NULL`,
    );
    // The operators' callback list: closed, not yet called back.
    await q.query(
      `CREATE INDEX complaints_callback_idx ON complaints (office_id, closed_at) WHERE callback_at IS NULL AND closed_at IS NOT NULL`,
    );
    await q.query(`ALTER TABLE cases ADD COLUMN complaint_id uuid REFERENCES complaints(id)`);
    await q.query(
      `CREATE UNIQUE INDEX cases_complaint_uq ON cases (complaint_id) WHERE complaint_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS cases_complaint_uq`);
    await q.query(`ALTER TABLE cases DROP COLUMN IF EXISTS complaint_id`);
    await q.query(`DROP INDEX IF EXISTS complaints_callback_idx, complaints_notice_due_idx,
      complaints_merged_into_idx, complaints_external_ref_uq`);
    await q.query(`
      ALTER TABLE complaints
        DROP CONSTRAINT complaints_not_merged_into_self, DROP CONSTRAINT complaints_external_ref_pair,
        DROP COLUMN notice_due_at, DROP COLUMN notified_at, DROP COLUMN notice_channel, DROP COLUMN notified_by,
        DROP COLUMN converted_at, DROP COLUMN converted_by, DROP COLUMN merged_at, DROP COLUMN merged_by,
        DROP COLUMN merge_reason, DROP COLUMN closed_at, DROP COLUMN callback_by, DROP COLUMN callback_attempts,
        DROP COLUMN callback_last_attempt_at, DROP COLUMN source_system, DROP COLUMN external_ref`);
  }
}
