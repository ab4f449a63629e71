import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two coarser statistics grains without the IP type (bench:stats, issue 8): a province's month, and an office's
 * month with its city. The country's dashboard and office ranking read 45,000 office × IP-type cells a year
 * otherwise; these hold about 400 and 11,000. Filled from the finest grain; from then on the projector, the
 * rebuild and the reconciliation keep them with the others (libs/stats ROLLUPS).
 */
export class StatsTotals1764700000001 implements MigrationInterface {
  name = 'StatsTotals1764700000001';

  async up(q: QueryRunner): Promise<void> {
    // Sum of histograms as an aggregate (the element-wise add of stats_hist_add, row by row).
    await q.query(
      `CREATE AGGREGATE stats_hist_sum(integer[]) (SFUNC = stats_hist_add, STYPE = integer[], INITCOND = '{}')`,
    );
    // The counters as the other grains have them (same names and types).
    const counterRows: { column_name: string; data_type: string }[] = await q.query(
      `SELECT column_name, data_type FROM information_schema.columns
        WHERE table_name = 'stats_monthly_city' AND data_type IN ('integer', 'bigint') ORDER BY ordinal_position`,
    );
    const counters = counterRows.map((r) => r.column_name);
    const columns = counterRows.map((r) => `${r.column_name} ${r.data_type} NOT NULL DEFAULT 0`);
    for (const [table, dims, key, indexes] of [
      ['stats_monthly_province_total', ['province_code'], ['province_code', 'month'], [['month']]],
      [
        'stats_monthly_office_total',
        ['province_code', 'city_code', 'office_id'],
        ['city_code', 'month', 'office_id'],
        [['province_code', 'month'], ['office_id', 'month'], ['month']],
      ],
    ] as [string, string[], string[], string[][]][]) {
      const type = (d: string) => (d === 'office_id' ? 'uuid' : 'char(6)');
      await q.query(`
        CREATE TABLE ${table} (
          month date NOT NULL,
          ${dims.map((d) => `${d} ${type(d)} NOT NULL`).join(',\n          ')},
          ${columns.join(',\n          ')},
          handling_hist integer[] NOT NULL DEFAULT '{}',
          fine_hist integer[] NOT NULL DEFAULT '{}',
          PRIMARY KEY (${key.join(', ')})
        )`);
      for (const cols of indexes) {
        await q.query(`CREATE INDEX ${table}_${cols.join('_')}_idx ON ${table} (${cols.join(', ')})`);
      }
      const groups = ['month', ...dims].join(', ');
      await q.query(`
        INSERT INTO ${table} (${groups}, ${counters.join(', ')}, handling_hist, fine_hist)
        SELECT ${groups}, ${counters.map((c) => `sum(${c})`).join(', ')},
               stats_hist_sum(handling_hist), stats_hist_sum(fine_hist)
          FROM stats_monthly_city GROUP BY ${groups}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS stats_monthly_office_total, stats_monthly_province_total`);
    await q.query(`DROP AGGREGATE IF EXISTS stats_hist_sum(integer[])`);
  }
}
