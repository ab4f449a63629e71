import { FINE_YUAN_BUCKETS, HANDLING_WD_BUCKETS, STATS_COUNTER_CODES } from '@app/domain';
import { Injectable, Logger } from '@nestjs/common';
import { inOwnTransaction } from '@app/database';
import { DataSource } from 'typeorm';
import { regroupSql, rollupFromFactsSql } from './stats-projector.service';
import {
  dateText,
  ENTITY_KINDS,
  FACT_TABLES,
  ROLLUPS,
  SOURCE_SQL,
  type EntityKind,
  type Rollup,
} from './stats-sql';

export interface Drift {
  what: string;
  key: string;
}

export interface ReconcileReport {
  id: string;
  factsChecked: number;
  factsDrifted: number;
  cellsChecked: number;
  cellsDrifted: number;
  repaired: boolean;
  sample: Drift[];
  seconds: number;
}

const SAMPLE = 20;

/**
 * The nightly reconciliation (issue 8): re-derives every fact from the source tables and every summary cell from the
 * facts, in one REPEATABLE READ snapshot, and reports what differs — facts that do not match their source (a missed
 * change) and cells that do not match their facts (a lost or doubled delta). Entities with a change still waiting in
 * the log are not drift, only lag. With `repair`, drifted entities are queued for the projector again and drifted
 * cells are recomputed under their row locks (a projector batch touching them waits, then adds its delta on top).
 */
@Injectable()
export class StatsReconciler {
  private readonly logger = new Logger(StatsReconciler.name);

  constructor(private readonly dataSource: DataSource) {}

  async reconcile(opts: { repair?: boolean } = {}): Promise<ReconcileReport> {
    const started = Date.now();
    const [{ id }] = await this.dataSource.query(
      `INSERT INTO stats_reconciliations DEFAULT VALUES RETURNING id::text`,
    );
    const sample: Drift[] = [];
    const driftedIds = new Map<EntityKind, string[]>();
    const driftedCells = new Map<string, Record<string, unknown>[]>();
    let factsChecked = 0;
    let cellsChecked = 0;
    // Read only: no transaction id, so the long snapshot holds back nothing (the public feed waits on open xids).
    await inOwnTransaction(
      this.dataSource,
      async (qr) => {
        await qr.query(`SET LOCAL work_mem = '256MB'`);
        for (const kind of ENTITY_KINDS) {
          const { table } = FACT_TABLES[kind];
          const [{ n }] = await qr.query(`SELECT count(*)::int AS n FROM ${table}`);
          factsChecked += n;
          const rows: { id: string }[] = await qr.query(
            `SELECT DISTINCT diff.id::text AS id FROM (
             (SELECT * FROM (${SOURCE_SQL[kind]('')}) s EXCEPT SELECT * FROM ${table})
             UNION ALL
             (SELECT * FROM ${table} EXCEPT SELECT * FROM (${SOURCE_SQL[kind]('')}) s)
           ) AS diff(id)
           WHERE NOT EXISTS (SELECT FROM stats_changes c WHERE c.kind = $1 AND c.id = diff.id)`,
            [kind],
          );
          if (rows.length) {
            driftedIds.set(
              kind,
              rows.map((r) => r.id),
            );
            for (const r of rows.slice(0, SAMPLE - sample.length))
              sample.push({ what: `${kind} fact`, key: r.id });
          }
        }
        // Cells: the finest grain against the facts, each coarser grain against the finest (in the same snapshot, so
        // together they hold every grain to the facts without re-deriving the finest four times).
        const finest = ROLLUPS[ROLLUPS.length - 1];
        for (const rollup of ROLLUPS) {
          const expected =
            rollup === finest ? `(${rollupFromFactsSql(finest)})` : `(${regroupSql(rollup, finest.table)})`;
          const [{ n }] = await qr.query(`SELECT count(*)::int AS n FROM ${rollup.table}`);
          cellsChecked += n;
          const keys = ['month', ...rollup.dims];
          const differs = [...STATS_COUNTER_CODES, 'handling_hist', 'fine_hist']
            .map((c) =>
              c.endsWith('_hist')
                ? `coalesce(a.${c}, ${zeros(c)}) IS DISTINCT FROM coalesce(e.${c}, ${zeros(c)})`
                : `coalesce(a.${c}, 0) <> coalesce(e.${c}, 0)`,
            )
            .join(' OR ');
          const rows: Record<string, unknown>[] = await qr.query(
            `SELECT ${keys.map((k) => `coalesce(a.${k}, e.${k}) AS ${k}`).join(', ')}
             FROM ${rollup.table} a FULL JOIN ${expected} e ON ${keys.map((k) => `a.${k} = e.${k}`).join(' AND ')}
            WHERE (${differs})
              AND NOT (a.${keys[1]} IS NULL AND ${zeroCell('e')})
              AND NOT (e.${keys[1]} IS NULL AND ${zeroCell('a')})`,
          );
          if (rows.length) {
            driftedCells.set(rollup.table, rows);
            for (const r of rows.slice(0, Math.max(0, SAMPLE - sample.length))) {
              sample.push({
                what: rollup.table,
                key: keys.map((k) => (r[k] instanceof Date ? dateText(r[k]) : String(r[k]))).join('|'),
              });
            }
          }
        }
      },
      'ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
    const factsDrifted = [...driftedIds.values()].reduce((a, b) => a + b.length, 0);
    const cellsDrifted = [...driftedCells.values()].reduce((a, b) => a + b.length, 0);
    const repaired = !!opts.repair && factsDrifted + cellsDrifted > 0;
    if (repaired) {
      for (const [kind, ids] of driftedIds) {
        await this.dataSource.query(`INSERT INTO stats_changes (kind, id) SELECT $1, unnest($2::uuid[])`, [
          kind,
          ids,
        ]);
      }
      for (const rollup of ROLLUPS) {
        const cells = driftedCells.get(rollup.table);
        if (cells) await this.repairCells(rollup, cells);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    await this.dataSource.query(
      `UPDATE stats_reconciliations SET finished_at = now(), facts_checked = $2, facts_drifted = $3,
              cells_checked = $4, cells_drifted = $5, repaired = $6, sample = $7 WHERE id = $1`,
      [id, factsChecked, factsDrifted, cellsChecked, cellsDrifted, repaired, JSON.stringify(sample)],
    );
    const report = { id, factsChecked, factsDrifted, cellsChecked, cellsDrifted, repaired, sample, seconds };
    if (factsDrifted + cellsDrifted > 0) {
      this.logger.warn(
        `statistics drift: ${factsDrifted} facts, ${cellsDrifted} cells${repaired ? ' (repaired)' : ''}`,
      );
    }
    return report;
  }

  /** The latest runs, newest first. */
  async runs(limit = 20): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT id::text, started_at AS "startedAt", finished_at AS "finishedAt", facts_checked AS "factsChecked",
              facts_drifted AS "factsDrifted", cells_checked AS "cellsChecked", cells_drifted AS "cellsDrifted",
              repaired, sample
         FROM stats_reconciliations ORDER BY id DESC LIMIT $1`,
      [limit],
    );
  }

  /** Recomputes the given cells of one grain from the facts while holding their row locks. */
  private async repairCells(rollup: Rollup, cells: Record<string, unknown>[]): Promise<void> {
    const keys = ['month', ...rollup.dims];
    const keyJson = JSON.stringify(
      cells.map((c) =>
        Object.fromEntries(keys.map((k) => [k, c[k] instanceof Date ? dateText(c[k]) : c[k]])),
      ),
    );
    const recordType = keys
      .map((k) => `${k} ${k === 'month' ? 'date' : k === 'office_id' ? 'uuid' : 'text'}`)
      .join(', ');
    await inOwnTransaction(this.dataSource, async (qr) => {
      await qr.query(
        `INSERT INTO ${rollup.table} (${keys.join(', ')})
         SELECT ${keys.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS k(${recordType}) ORDER BY ${rollup.key.join(', ')}
         ON CONFLICT DO NOTHING`,
        [keyJson],
      );
      await qr.query(
        `SELECT 1 FROM ${rollup.table} t JOIN jsonb_to_recordset($1::jsonb) AS k(${recordType})
            ON ${keys.map((k) => `t.${k} = k.${k}`).join(' AND ')}
          ORDER BY ${rollup.key.map((k) => `t.${k}`).join(', ')} FOR UPDATE OF t`,
        [keyJson],
      );
      await qr.query(
        `UPDATE ${rollup.table} t SET ${[...STATS_COUNTER_CODES, 'handling_hist', 'fine_hist']
          .map((c) => `${c} = e.${c}`)
          .join(', ')}
           FROM (SELECT * FROM (${rollupFromFactsSql(rollup)}) r
                  WHERE (${keys.map((k) => `r.${k}`).join(', ')}) IN
                        (SELECT ${keys.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS k(${recordType}))) e
          WHERE ${keys.map((k) => `t.${k} = e.${k}`).join(' AND ')}`,
        [keyJson],
      );
      // Cells the facts no longer have at all are zeroed.
      await qr.query(
        `UPDATE ${rollup.table} t SET ${STATS_COUNTER_CODES.map((c) => `${c} = 0`).join(', ')},
                handling_hist = ${zeros('handling_hist')}, fine_hist = ${zeros('fine_hist')}
           FROM jsonb_to_recordset($1::jsonb) AS k(${recordType})
          WHERE ${keys.map((k) => `t.${k} = k.${k}`).join(' AND ')}
            AND NOT EXISTS (SELECT FROM (${rollupFromFactsSql(rollup)}) r
                             WHERE ${keys.map((k) => `r.${k} = t.${k}`).join(' AND ')})`,
        [keyJson],
      );
    });
  }
}

/** True when a cell alias holds no counts at all (a zero row is the same as no row). */
function zeroCell(alias: string): string {
  return `(${STATS_COUNTER_CODES.map((c) => `coalesce(${alias}.${c}, 0) = 0`).join(' AND ')}
           AND coalesce(0 = ALL (${alias}.handling_hist), true) AND coalesce(0 = ALL (${alias}.fine_hist), true))`;
}

/** A histogram of zeros as long as the column's buckets. */
function zeros(column: string): string {
  const n = column === 'handling_hist' ? HANDLING_WD_BUCKETS.length : FINE_YUAN_BUCKETS.length;
  return `array_fill(0, ARRAY[${n}])`;
}
