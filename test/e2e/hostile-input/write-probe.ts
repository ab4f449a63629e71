import type { TestDatabase } from '@app/testing';

/** One committed row change (or TRUNCATE) seen by the probe. */
export interface RowWrite {
  table: string;
  op: string;
}

/**
 * Sees every write that commits in one test database. Row triggers on every table (statement triggers for TRUNCATE)
 * copy the table name and operation into `hostile_writes` inside the writing transaction, so only committed writes
 * are left there; `drain()` takes them out.
 *
 * Why not `pg_snapshot_xmax(pg_current_snapshot())`: transaction ids are counted for the whole PostgreSQL cluster,
 * so any other test process writing to its own database moves xmax too; and `SELECT … FOR UPDATE` takes an xid
 * without changing anything. The triggers see this database's real changes only.
 */
export class WriteProbe {
  private constructor(private readonly db: TestDatabase) {}

  static async install(db: TestDatabase): Promise<WriteProbe> {
    await db.sql(
      `CREATE TABLE hostile_writes (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL)`,
    );
    await db.sql(`CREATE FUNCTION hostile_write_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO hostile_writes (tbl, op) VALUES (TG_TABLE_NAME, TG_OP);
        RETURN NULL;
      END $$`);
    const tables = await db.sql(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND c.relname <> 'hostile_writes'`,
    );
    for (const { relname } of tables) {
      const table = `"${String(relname)}"`;
      await db.sql(`CREATE TRIGGER zz_hostile_write_row AFTER INSERT OR UPDATE OR DELETE ON ${table}
                     FOR EACH ROW EXECUTE FUNCTION hostile_write_row()`);
      await db.sql(`CREATE TRIGGER zz_hostile_write_truncate AFTER TRUNCATE ON ${table}
                     FOR EACH STATEMENT EXECUTE FUNCTION hostile_write_row()`);
    }
    return new WriteProbe(db);
  }

  /** The committed writes since the last drain, grouped as `table:OP` → rows. */
  async drain(): Promise<Record<string, number>> {
    const rows = await this.db.sql(`DELETE FROM hostile_writes RETURNING tbl, op`);
    const out: Record<string, number> = {};
    for (const r of rows) {
      const key = `${String(r.tbl)}:${String(r.op)}`;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  }
}
