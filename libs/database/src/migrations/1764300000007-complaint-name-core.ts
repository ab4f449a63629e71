import type { MigrationInterface, QueryRunner } from 'typeorm';

const NORMALISED = `regexp_replace(lower(name), '[[:space:][:punct:]（）【】《》〈〉「」『』、，。：；！？“”‘’·・－—]+', '', 'g')`;
const LEGAL_FORM =
  '(集团)?(股份有限公司|有限责任公司|有限公司|股份公司|总公司|分公司|公司|有限合伙|普通合伙|合伙企业|个人独资企业|' +
  '个体工商户|经营部|门市部|商行|株式会社|companylimited|colimited|coltd|limited|ltd|incorporated|inc|llc|corporation|' +
  'corp|company|gmbh|spa|plc)+$';

/**
 * The duplicate check's respondent names (issue 5), compared by their core and searched in a narrow table.
 *
 * `ipe_name_core(name)`: the name lower-cased, without spaces and punctuation, and without the legal form at its end
 * (有限公司, 有限责任公司, 股份有限公司, 集团, 分公司, 合伙企业, 个体 forms such as 经营部 and 商行, Co. Ltd., Inc.,
 * GmbH …); a name that is nothing but a form keeps its normalised text. In a Chinese enterprise name (行政区划 + 字号
 * + 行业 + 组织形式) the form is a large share of the trigrams: `杭州纳航茶业有限公司` shared 40 % of its trigrams with
 * every other …有限公司 of the last 90 days, so thousands of unrelated companies were candidates (bench:intake: 8,911
 * for 184 hits). By the core, names are compared by place, trade name and industry, which tell respondents apart,
 * and one firm written with and without its form (`华盛贸易有限公司` / `华盛贸易`) matches fully.
 *
 * `complaint_names`: one row per complaint with a respondent name (its core, receipt time and day), kept by a
 * trigger on complaints. The trigram search rechecks each candidate on its heap row; in complaints (560 MB at
 * 1,000,000 rows) those rows are scattered over the 90-day part of a table larger than shared_buffers, here they are
 * ~80 bytes and the window's ~10 MB stay cached (a candidate rechecked in ~8 µs instead of ~30 µs). The GIN index
 * has the receipt day first (btree_gin), as complaints_recent_name_trgm_idx had, which it replaces.
 */
export class ComplaintNameCore1764300000007 implements MigrationInterface {
  name = 'ComplaintNameCore1764300000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ipe_name_core(name text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN coalesce(nullif(regexp_replace(${NORMALISED}, '${LEGAL_FORM}', ''), ''), ${NORMALISED})`);
    await q.query(`
      CREATE TABLE complaint_names (
        complaint_id uuid PRIMARY KEY REFERENCES complaints (id) ON DELETE CASCADE,
        received_at timestamptz NOT NULL,
        received_on date NOT NULL,
        name_core text NOT NULL
      )`);
    await q.query(`
      INSERT INTO complaint_names (complaint_id, received_at, received_on, name_core)
      SELECT id, received_at, received_on, ipe_name_core(respondent_name) FROM complaints
       WHERE respondent_name IS NOT NULL ORDER BY received_at`);
    await q.query(
      `CREATE INDEX complaint_names_trgm_idx ON complaint_names USING gin (received_on, name_core gin_trgm_ops)`,
    );
    await q.query(`
      CREATE FUNCTION complaint_names_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.respondent_name IS NULL THEN
          DELETE FROM complaint_names WHERE complaint_id = NEW.id;
        ELSE
          INSERT INTO complaint_names (complaint_id, received_at, received_on, name_core)
          VALUES (NEW.id, NEW.received_at, NEW.received_on, ipe_name_core(NEW.respondent_name))
          ON CONFLICT (complaint_id) DO UPDATE
            SET received_at = EXCLUDED.received_at, received_on = EXCLUDED.received_on, name_core = EXCLUDED.name_core;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER complaint_names_insert AFTER INSERT ON complaints
        FOR EACH ROW WHEN (NEW.respondent_name IS NOT NULL) EXECUTE FUNCTION complaint_names_sync()`);
    await q.query(`
      CREATE TRIGGER complaint_names_update AFTER UPDATE OF respondent_name, received_at ON complaints
        FOR EACH ROW WHEN (OLD.respondent_name IS DISTINCT FROM NEW.respondent_name OR OLD.received_at <> NEW.received_at)
        EXECUTE FUNCTION complaint_names_sync()`);
    await q.query(`DROP INDEX IF EXISTS complaints_recent_name_trgm_idx`);
    await q.query(`ANALYZE complaint_names`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX IF NOT EXISTS complaints_recent_name_trgm_idx ON complaints USING gin (received_on, respondent_name gin_trgm_ops)`,
    );
    await q.query(`DROP TRIGGER IF EXISTS complaint_names_update ON complaints`);
    await q.query(`DROP TRIGGER IF EXISTS complaint_names_insert ON complaints`);
    await q.query(`DROP FUNCTION IF EXISTS complaint_names_sync()`);
    await q.query(`DROP TABLE IF EXISTS complaint_names`);
    await q.query(`DROP FUNCTION IF EXISTS ipe_name_core(text)`);
  }
}
