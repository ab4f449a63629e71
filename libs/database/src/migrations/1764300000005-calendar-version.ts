import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The working-day calendar's version: one counter row bumped by a statement trigger whenever the calendar tables
 * change, in the changing transaction. Every deadline computation checks it to know whether its cached calendar is
 * current; reading one row replaces a digest over every calendar day (0.4 ms of each intake request at load).
 */
export class CalendarVersion1764300000005 implements MigrationInterface {
  name = 'CalendarVersion1764300000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL
      )`);
    await q.query(`INSERT INTO calendar_version (singleton, version) VALUES (true, 1)`);
    await q.query(`
      CREATE FUNCTION calendar_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE calendar_version SET version = version + 1;
        RETURN NULL;
      END $$`);
    for (const table of ['calendar_days', 'calendar_years']) {
      await q.query(
        `CREATE TRIGGER ${table}_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION calendar_version_bump()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS calendar_days_version ON calendar_days`);
    await q.query(`DROP TRIGGER IF EXISTS calendar_years_version ON calendar_years`);
    await q.query(`DROP FUNCTION IF EXISTS calendar_version_bump()`);
    await q.query(`DROP TABLE IF EXISTS calendar_version`);
  }
}
