import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Region search by 拼音 (the operator console's region picker): each region carries its search keys — the name
 * without its suffix, full pinyin and initials (`search_keys`), and the keys of other readings of polyphonic
 * characters (`search_alt_keys`). The region seeder computes them (pinyin-pro); until `npm run seed` has run once
 * after this migration, the name search works as before and pinyin finds nothing. 3,348 rows: a sequential scan
 * answers in well under a millisecond, so no index.
 */
export class RegionPinyin1764300000003 implements MigrationInterface {
  name = 'RegionPinyin1764300000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE regions
        ADD COLUMN search_keys text NOT NULL DEFAULT '',
        ADD COLUMN search_alt_keys text NOT NULL DEFAULT ''`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE regions DROP COLUMN search_alt_keys, DROP COLUMN search_keys`);
  }
}
