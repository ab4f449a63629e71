import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Decisions on complaints: who decided what, on which ground, and the acceptance clock being met. */
export class ComplaintDecisions1764300000001 implements MigrationInterface {
  name = 'ComplaintDecisions1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE complaints
        ADD COLUMN refusal_ground text,
        ADD COLUMN decision_reason text,
        ADD COLUMN decided_at timestamptz,
        ADD COLUMN decided_by uuid REFERENCES users(id),
        ADD COLUMN clock_met_at timestamptz`);
    await q.query(`DROP INDEX IF EXISTS complaints_due_idx`);
    await q.query(
      `CREATE INDEX complaints_due_idx ON complaints (due_at) WHERE clock_met_at IS NULL AND due_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS complaints_due_idx`);
    await q.query(
      `CREATE INDEX complaints_due_idx ON complaints (due_at) WHERE state IN ('received', 'triaged')`,
    );
    await q.query(`ALTER TABLE complaints DROP COLUMN refusal_ground, DROP COLUMN decision_reason,
      DROP COLUMN decided_at, DROP COLUMN decided_by, DROP COLUMN clock_met_at`);
  }
}
