import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live duplicate check's similar-name search at scale (issue 5; bench:intake measures it on 1,000,000
 * complaints). The trigram index on respondent_name alone finds every similar name of all time and PostgreSQL then
 * reads each candidate's heap row to recheck it and to drop the ~86 % outside the 90-day window — 40,000 candidates
 * and 250–400 ms for a common company name. With the receipt day as a second key of the same GIN index (btree_gin),
 * the index itself intersects the trigram matches with the window's days, so only candidates from the window are
 * rechecked. A multicolumn GIN index serves conditions on either column alone as well, so it replaces the old one.
 */
export class ComplaintDuplicateIndexes1764300000004 implements MigrationInterface {
  name = 'ComplaintDuplicateIndexes1764300000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await q.query(
      `CREATE INDEX complaints_recent_name_trgm_idx ON complaints USING gin (received_on, respondent_name gin_trgm_ops)`,
    );
    await q.query(`DROP INDEX IF EXISTS complaints_resp_name_trgm_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX IF NOT EXISTS complaints_resp_name_trgm_idx ON complaints USING gin (respondent_name gin_trgm_ops)`,
    );
    await q.query(`DROP INDEX IF EXISTS complaints_recent_name_trgm_idx`);
  }
}
