import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versions of the reference data the API caches: one counter per kind, bumped by statement triggers in every
 * transaction that changes its tables — 'calendar' (calendar_days, calendar_years; replaces calendar_version) and
 * 'routing' (regions, offices: where a complaint goes and who is competent). A cache keyed by the version it was
 * loaded at is current exactly while the version is unchanged, and a write can check that in its own statement.
 */
export class ReferenceVersions1764300000006 implements MigrationInterface {
  name = 'ReferenceVersions1764300000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reference_versions (
        name text PRIMARY KEY CHECK (name IN ('calendar', 'routing')),
        version bigint NOT NULL
      )`);
    await q.query(`
      INSERT INTO reference_versions (name, version)
      SELECT 'calendar', version FROM calendar_version UNION ALL SELECT 'routing', 1`);
    await q.query(`
      CREATE FUNCTION reference_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE reference_versions SET version = version + 1 WHERE name = TG_ARGV[0];
        RETURN NULL;
      END $$`);
    for (const [table, kind] of [
      ['calendar_days', 'calendar'],
      ['calendar_years', 'calendar'],
      ['regions', 'routing'],
      ['offices', 'routing'],
    ]) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_version ON ${table}`);
      await q.query(
        `CREATE TRIGGER ${table}_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump('${kind}')`,
      );
    }
    await q.query(`DROP FUNCTION calendar_version_bump()`);
    await q.query(`DROP TABLE calendar_version`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL
      )`);
    await q.query(
      `INSERT INTO calendar_version (singleton, version)
       SELECT true, version FROM reference_versions WHERE name = 'calendar'`,
    );
    await q.query(`
      CREATE FUNCTION calendar_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE calendar_version SET version = version + 1;
        RETURN NULL;
      END $$`);
    for (const table of ['calendar_days', 'calendar_years', 'regions', 'offices']) {
      await q.query(`DROP TRIGGER IF EXISTS ${table}_version ON ${table}`);
    }
    for (const table of ['calendar_days', 'calendar_years']) {
      await q.query(
        `CREATE TRIGGER ${table}_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION calendar_version_bump()`,
      );
    }
    await q.query(`DROP FUNCTION reference_version_bump()`);
    await q.query(`DROP TABLE reference_versions`);
  }
}
