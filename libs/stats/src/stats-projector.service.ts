import { FINE_YUAN_BUCKETS, HANDLING_WD_BUCKETS, STATS_COUNTER_CODES } from '@app/domain';
import { Injectable, Logger } from '@nestjs/common';
import { inOwnTransaction } from '@app/database';
import { DataSource, QueryRunner } from 'typeorm';
import {
  contributionAggregates,
  contributionsSql,
  dateText,
  ENTITY_KINDS,
  FACT_TABLES,
  ROLLUPS,
  SOURCE_ID,
  SOURCE_SQL,
  type EntityKind,
  type Rollup,
} from './stats-sql';

type Row = Record<string, unknown>;

/** One summary cell's change: its key values and the counter / histogram differences. */
interface CellDelta {
  key: Record<string, string>;
  counters: number[];
  handling: number[];
  fine: number[];
}

export interface ProjectResult {
  changes: number;
  entities: number;
  cells: number;
}

/** Counting the change log stops here: beyond it, answers say "more than 10,000". */
export const STATS_BACKLOG_CAP = 10_000;

export interface StatsBacklog {
  /** Changes waiting, at most STATS_BACKLOG_CAP + 1. */
  pending: number;
  /** More than STATS_BACKLOG_CAP are waiting. */
  capped: boolean;
  oldestAgeSeconds: number | null;
}

/**
 * Keeps the statistics' facts and monthly summaries current (issue 8). Source-table triggers append every changed
 * entity to `stats_changes` in the writer's transaction; `drain` takes a batch of them (SKIP LOCKED, so several
 * workers share the log), re-derives those entities' facts from the source tables and adds the difference between
 * their new and old contributions to every summary grain — all in one transaction, so a crash redoes the batch and
 * nothing is counted twice or lost. Entities are locked (advisory, in id order) so two batches holding the same entity
 * apply its changes one after the other; cells are written in key order, so batches never deadlock on them.
 */
@Injectable()
export class StatsProjector {
  private readonly logger = new Logger(StatsProjector.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Projects batches until the change log is empty (or `maxBatches` ran). */
  async drain(batchSize = 500, maxBatches = Infinity): Promise<ProjectResult> {
    const total: ProjectResult = { changes: 0, entities: 0, cells: 0 };
    for (let i = 0; i < maxBatches; i++) {
      const r = await this.projectBatch(batchSize);
      if (!r.changes) break;
      total.changes += r.changes;
      total.entities += r.entities;
      total.cells += r.cells;
    }
    return total;
  }

  /**
   * Changes not yet projected, counted up to STATS_BACKLOG_CAP (a stopped worker can leave millions, and this is
   * read on every statistics answer and by /health), and the age of the oldest.
   */
  async backlog(): Promise<StatsBacklog> {
    const [r] = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM (SELECT 1 FROM stats_changes LIMIT $1) s) AS pending,
              (SELECT extract(epoch FROM now() - at)::int FROM stats_changes ORDER BY seq LIMIT 1) AS oldest`,
      [STATS_BACKLOG_CAP + 1],
    );
    return { pending: r.pending, capped: r.pending > STATS_BACKLOG_CAP, oldestAgeSeconds: r.oldest };
  }

  async projectBatch(batchSize: number): Promise<ProjectResult> {
    return inOwnTransaction(this.dataSource, async (qr) => {
      // Structured: TypeORM answers a DELETE … RETURNING with [rows, count] otherwise.
      const changes = (
        await qr.query(
          `DELETE FROM stats_changes WHERE seq IN (
             SELECT seq FROM stats_changes ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING kind, id::text`,
          [batchSize],
          true,
        )
      ).records as { kind: EntityKind; id: string }[];
      if (!changes.length) return { changes: 0, entities: 0, cells: 0 };
      let entities = 0;
      const deltas = new Map<string, Map<string, CellDelta>>(ROLLUPS.map((r) => [r.table, new Map()]));
      for (const kind of ENTITY_KINDS) {
        const ids = [...new Set(changes.filter((c) => c.kind === kind).map((c) => c.id))].sort();
        if (!ids.length) continue;
        entities += ids.length;
        await qr.query(
          `SELECT pg_advisory_xact_lock(hashtextextended($1 || id, 0)) FROM unnest($2::text[]) AS id ORDER BY id`,
          [kind, ids],
        );
        const { table, id } = FACT_TABLES[kind];
        const contributions = () =>
          qr.query(contributionsSql(kind, `(SELECT * FROM ${table} WHERE ${id} = ANY($1::uuid[])) f`), [
            ids,
          ]) as Promise<Row[]>;
        const before = await contributions();
        await qr.query(`DELETE FROM ${table} WHERE ${id} = ANY($1::uuid[])`, [ids], true);
        await qr.query(
          `INSERT INTO ${table} ${SOURCE_SQL[kind](`WHERE ${SOURCE_ID[kind]} = ANY($1::uuid[])`)}`,
          [ids],
        );
        const after = await contributions();
        for (const rollup of ROLLUPS) {
          const cells = deltas.get(rollup.table)!;
          for (const row of before) addContribution(cells, rollup, row, -1);
          for (const row of after) addContribution(cells, rollup, row, +1);
        }
      }
      let cells = 0;
      for (const rollup of ROLLUPS) cells += await this.apply(qr, rollup, deltas.get(rollup.table)!);
      return { changes: changes.length, entities, cells };
    });
  }

  /**
   * Rebuilds every fact and summary from the source tables (after a bulk load that bypassed the triggers, or to
   * start over). Takes the change log's lock so no batch runs meanwhile; changes logged before it are covered.
   */
  async rebuild(): Promise<{ seconds: number }> {
    const started = Date.now();
    await inOwnTransaction(this.dataSource, (qr) => rebuildStatistics(qr));
    await vacuumStatistics(this.dataSource);
    const seconds = (Date.now() - started) / 1000;
    this.logger.log(`statistics rebuilt from source in ${seconds.toFixed(1)} s`);
    return { seconds };
  }

  private async apply(qr: QueryRunner, rollup: Rollup, cells: Map<string, CellDelta>): Promise<number> {
    const rows = [...cells.entries()]
      .filter(
        ([, d]) =>
          d.counters.some((v) => v !== 0) || d.handling.some((v) => v !== 0) || d.fine.some((v) => v !== 0),
      )
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, d]) => ({
        ...d.key,
        ...Object.fromEntries(STATS_COUNTER_CODES.map((c, i) => [c, d.counters[i]])),
        handling_hist: d.handling,
        fine_hist: d.fine,
      }));
    if (!rows.length) return 0;
    const keyCols = ['month', ...rollup.dims];
    const recordType = [
      ...keyCols.map((c) => `${c} ${c === 'month' ? 'date' : c === 'office_id' ? 'uuid' : 'text'}`),
      ...STATS_COUNTER_CODES.map((c) => `${c} bigint`),
      'handling_hist int[]',
      'fine_hist int[]',
    ].join(', ');
    await qr.query(
      `INSERT INTO ${rollup.table} AS t (${keyCols.join(', ')}, ${aggregateColumns()})
       SELECT ${keyCols.join(', ')}, ${aggregateColumns()}
         FROM jsonb_to_recordset($1::jsonb) AS x(${recordType})
       ON CONFLICT (${rollup.key.join(', ')}) DO UPDATE SET
         ${STATS_COUNTER_CODES.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')},
         handling_hist = stats_hist_add(t.handling_hist, excluded.handling_hist),
         fine_hist = stats_hist_add(t.fine_hist, excluded.fine_hist)`,
      [JSON.stringify(rows)],
    );
    return rows.length;
  }
}

/** Anything with a pg-style `query(sql, params)`: a TypeORM QueryRunner, a pg Client. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Every fact and summary from the source tables, inside the caller's transaction (used after a bulk load that
 * bypassed the triggers, and by `StatsProjector.rebuild`). Locks the change log so no batch runs meanwhile; the
 * changes logged before are covered by the rebuild and dropped.
 */
export async function rebuildStatistics(q: Queryable): Promise<void> {
  await q.query(`LOCK TABLE stats_changes IN EXCLUSIVE MODE`);
  await q.query(`DELETE FROM stats_changes`);
  await q.query(`SET LOCAL work_mem = '256MB'`);
  for (const kind of ENTITY_KINDS) {
    const { table } = FACT_TABLES[kind];
    await q.query(`TRUNCATE ${table}`);
    await q.query(`INSERT INTO ${table} ${SOURCE_SQL[kind]('')}`);
  }
  // The finest grain from the facts, each coarser one from it (summing cells is far cheaper than re-deriving).
  const finest = ROLLUPS[ROLLUPS.length - 1];
  for (const rollup of ROLLUPS) await q.query(`TRUNCATE ${rollup.table}`);
  await q.query(`INSERT INTO ${finest.table} (month, ${finest.dims.join(', ')}, ${aggregateColumns()})
                 ${rollupFromFactsSql(finest)}`);
  for (const rollup of ROLLUPS.slice(0, -1)) {
    await q.query(`INSERT INTO ${rollup.table} (month, ${rollup.dims.join(', ')}, ${aggregateColumns()})
                   ${regroupSql(rollup, finest.table)}`);
  }
}

/**
 * VACUUM (ANALYZE) of the statistics tables, outside any transaction, after a rebuild: the truncated and refilled
 * tables need their visibility map before the open/overdue count can be an index-only scan (bench:stats: 285 ms
 * before, 8–20 ms after, for a province).
 */
export async function vacuumStatistics(q: Queryable): Promise<void> {
  for (const t of [...Object.values(FACT_TABLES).map((f) => f.table), ...ROLLUPS.map((r) => r.table)]) {
    await q.query(`VACUUM (ANALYZE) ${t}`);
  }
}

/** Columns every summary table has besides its key. */
export function aggregateColumns(): string {
  return [...STATS_COUNTER_CODES, 'handling_hist', 'fine_hist'].join(', ');
}

/** A grain's cells recomputed from the facts tables: `SELECT month, dims…, aggregates…`. */
export function rollupFromFactsSql(rollup: Rollup, factWhere?: Partial<Record<EntityKind, string>>): string {
  const groups = ['month', ...rollup.dims];
  const contributions = ENTITY_KINDS.map((k) =>
    contributionsSql(k, `(SELECT * FROM ${FACT_TABLES[k].table} ${factWhere?.[k] ?? ''}) f`),
  ).join('\nUNION ALL\n');
  return `SELECT ${groups.map((g) => `x.${g}`).join(', ')}, ${contributionAggregates().join(', ')}
            FROM (${contributions}) x GROUP BY ${groups.map((g) => `x.${g}`).join(', ')}`;
}

/** A coarser grain's cells summed from a finer grain's table (or any relation with the same columns). */
export function regroupSql(rollup: Rollup, from: string): string {
  const groups = ['month', ...rollup.dims];
  return `SELECT ${groups.join(', ')}, ${summedAggregates().join(', ')} FROM ${from} GROUP BY ${groups.join(', ')}`;
}

/** Summed counters and histograms of summary cells. */
export function summedAggregates(prefix = ''): string[] {
  return [
    ...STATS_COUNTER_CODES.map((c) => `sum(${prefix}${c})::bigint AS ${c}`),
    `ARRAY[${HANDLING_WD_BUCKETS.map((_, i) => `coalesce(sum(${prefix}handling_hist[${i + 1}]), 0)`).join(', ')}]::int[] AS handling_hist`,
    `ARRAY[${FINE_YUAN_BUCKETS.map((_, i) => `coalesce(sum(${prefix}fine_hist[${i + 1}]), 0)`).join(', ')}]::int[] AS fine_hist`,
  ];
}

function addContribution(cells: Map<string, CellDelta>, rollup: Rollup, row: Row, sign: 1 | -1): void {
  const key: Record<string, string> = { month: dateText(row.month) };
  for (const d of rollup.dims) key[d] = String(row[d]);
  const id = ['month', ...rollup.dims].map((d) => key[d]).join('|');
  let cell = cells.get(id);
  if (!cell) {
    cell = {
      key,
      counters: STATS_COUNTER_CODES.map(() => 0),
      handling: HANDLING_WD_BUCKETS.map(() => 0),
      fine: FINE_YUAN_BUCKETS.map(() => 0),
    };
    cells.set(id, cell);
  }
  STATS_COUNTER_CODES.forEach((c, i) => (cell.counters[i] += sign * Number(row[c] ?? 0)));
  if (row.h_bucket != null) cell.handling[Number(row.h_bucket) - 1] += sign;
  if (row.f_bucket != null) cell.fine[Number(row.f_bucket) - 1] += sign;
}
