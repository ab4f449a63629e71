import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervisor statistics (issue 8): per-entity facts derived from the source tables, and monthly summaries at two
 * grains that the dashboard reads. libs/stats owns what the rows mean (its SQL derives facts and their
 * contributions); this migration owns only the shapes, the working-day ordinals and the change log.
 *
 * How the summaries stay current: triggers on the source tables append (kind, id) to `stats_changes` in the
 * writer's transaction — every write path, including ones that never notify — and the worker's stats job drains it,
 * re-derives those entities' facts and applies the difference to the summaries in one transaction. The nightly
 * reconciliation re-derives everything from source and reports (and repairs) any drift.
 */
export class Stats1764700000000 implements MigrationInterface {
  name = 'Stats1764700000000';

  async up(q: QueryRunner): Promise<void> {
    // Working days on the national calendar as ordinals: ord(d) = working days in [2000-01-01, d], so the working
    // days in (a, b] are ord(b) − ord(a). Rebuilt by a statement trigger whenever calendar_days changes.
    await q.query(`CREATE TABLE stats_workdays (day date PRIMARY KEY, ord integer NOT NULL)`);
    await q.query(`
      CREATE FUNCTION stats_rebuild_workdays() RETURNS void LANGUAGE sql AS $$
        DELETE FROM stats_workdays;
        INSERT INTO stats_workdays (day, ord)
        SELECT d::date, (sum(CASE WHEN coalesce(cd.kind = 'workday', extract(isodow FROM d) < 6) THEN 1 ELSE 0 END)
                           OVER (ORDER BY d))::int
          FROM generate_series(date '2000-01-01', date '2100-12-31', interval '1 day') AS d
          LEFT JOIN calendar_days cd ON cd.region_code = '000000' AND cd.date = d::date;
      $$`);
    await q.query(`SELECT stats_rebuild_workdays()`);
    await q.query(`
      CREATE FUNCTION stats_calendar_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM stats_rebuild_workdays(); RETURN NULL; END $$`);
    await q.query(`
      CREATE TRIGGER stats_calendar_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_days
        FOR EACH STATEMENT EXECUTE FUNCTION stats_calendar_changed()`);

    // The change log: append-only (an insert never waits on the projector), drained in seq order SKIP LOCKED.
    await q.query(`
      CREATE TABLE stats_changes (
        seq bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('case', 'complaint', 'referral', 'listing')),
        id uuid NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const [fn, column] of [
      ['stats_mark_id', 'id'],
      ['stats_mark_case_id', 'case_id'],
      ['stats_mark_referral_id', 'referral_id'],
    ]) {
      await q.query(`
        CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' THEN
            INSERT INTO stats_changes (kind, id) VALUES (TG_ARGV[0], OLD.${column});
          END IF;
          IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.${column} IS DISTINCT FROM OLD.${column}) THEN
            INSERT INTO stats_changes (kind, id) VALUES (TG_ARGV[0], NEW.${column});
          END IF;
          RETURN NULL;
        END $$`);
    }
    for (const [table, fn, kind] of [
      ['cases', 'stats_mark_id', 'case'],
      ['case_deadlines', 'stats_mark_case_id', 'case'],
      ['case_pauses', 'stats_mark_case_id', 'case'],
      ['case_officers', 'stats_mark_case_id', 'case'],
      ['complaints', 'stats_mark_id', 'complaint'],
      ['referrals', 'stats_mark_id', 'referral'],
      ['referral_events', 'stats_mark_referral_id', 'referral'],
      ['credit_listings', 'stats_mark_id', 'listing'],
    ]) {
      await q.query(`
        CREATE TRIGGER stats_changed AFTER INSERT OR UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION ${fn}('${kind}')`);
    }

    // What exists already is queued, so the worker projects it (a large database is also rebuilt faster by
    // `npm run cli -- stats:rebuild`).
    await q.query(`
      INSERT INTO stats_changes (kind, id)
      SELECT 'case', id FROM cases UNION ALL SELECT 'complaint', id FROM complaints
      UNION ALL SELECT 'referral', id FROM referrals UNION ALL SELECT 'listing', id FROM credit_listings`);

    // Facts: one row per entity, what the statistics need of it (libs/stats derives them).
    await q.query(`
      CREATE TABLE stats_case_facts (
        case_id uuid PRIMARY KEY,
        office_id uuid NOT NULL,
        region_code char(6) NOT NULL,
        province_code char(6) NOT NULL,
        city_code char(6) NOT NULL,
        ip_type text NOT NULL,
        procedure text NOT NULL,
        source text NOT NULL,
        status text NOT NULL,
        is_open boolean NOT NULL,
        received_on date NOT NULL,
        filed_on date,
        decided_on date,
        closed_on date,
        closing_met_on date,
        on_time boolean,
        handling_wd integer,
        handling_gross_wd integer,
        fine_fen bigint,
        next_due_at timestamptz,
        officer_ids uuid[] NOT NULL DEFAULT '{}'
      )`);
    // Open and overdue are as of now, read from the facts: index-only counts per scope.
    await q.query(`CREATE INDEX stats_case_facts_open_idx ON stats_case_facts (region_code, next_due_at)
                     INCLUDE (office_id, ip_type, procedure, source) WHERE is_open`);
    // A county's dashboard sums its facts; the workload table reads an office's.
    await q.query(`CREATE INDEX stats_case_facts_region_idx ON stats_case_facts (region_code)`);
    await q.query(`CREATE INDEX stats_case_facts_office_idx ON stats_case_facts (office_id)`);
    await q.query(`
      CREATE TABLE stats_complaint_facts (
        complaint_id uuid PRIMARY KEY,
        office_id uuid,
        region_code char(6) NOT NULL,
        province_code char(6) NOT NULL,
        city_code char(6) NOT NULL,
        ip_type text,
        received_on date NOT NULL,
        decision text,
        decided_on date,
        decided_on_time boolean,
        callback_on date,
        satisfaction smallint
      )`);
    await q.query(`CREATE INDEX stats_complaint_facts_region_idx ON stats_complaint_facts (region_code)`);
    await q.query(`
      CREATE TABLE stats_referral_facts (
        referral_id uuid PRIMARY KEY,
        kind text NOT NULL,
        of_complaint boolean NOT NULL,
        from_office_id uuid NOT NULL,
        from_region_code char(6) NOT NULL,
        from_province_code char(6) NOT NULL,
        from_city_code char(6) NOT NULL,
        to_office_id uuid NOT NULL,
        to_region_code char(6) NOT NULL,
        to_province_code char(6) NOT NULL,
        to_city_code char(6) NOT NULL,
        ip_type text,
        procedure text,
        source text,
        sent_on date,
        response_wd integer,
        police_filed boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX stats_referral_facts_from_idx ON stats_referral_facts (from_region_code)`);
    await q.query(`CREATE INDEX stats_referral_facts_to_idx ON stats_referral_facts (to_region_code)`);
    await q.query(`
      CREATE TABLE stats_listing_facts (
        listing_id uuid PRIMARY KEY,
        office_id uuid NOT NULL,
        region_code char(6) NOT NULL,
        province_code char(6) NOT NULL,
        city_code char(6) NOT NULL,
        ip_type text,
        published_on date,
        removed_on date
      )`);

    // The monthly summaries: the same counters at two grains. '' stands for "none" in a dimension (a complaint has
    // no procedure); the histograms are counts per bucket of libs/domain's HANDLING_WD_BUCKETS / FINE_YUAN_BUCKETS.
    const counters = `
        cases_received integer NOT NULL DEFAULT 0,
        cases_filed integer NOT NULL DEFAULT 0,
        cases_closed integer NOT NULL DEFAULT 0,
        cases_not_filed integer NOT NULL DEFAULT 0,
        closing_due integer NOT NULL DEFAULT 0,
        closing_on_time integer NOT NULL DEFAULT 0,
        handled integer NOT NULL DEFAULT 0,
        handled_wd bigint NOT NULL DEFAULT 0,
        handled_gross_wd bigint NOT NULL DEFAULT 0,
        fines integer NOT NULL DEFAULT 0,
        fines_fen bigint NOT NULL DEFAULT 0,
        referrals_sent integer NOT NULL DEFAULT 0,
        referrals_received integer NOT NULL DEFAULT 0,
        referral_responses integer NOT NULL DEFAULT 0,
        referral_response_wd bigint NOT NULL DEFAULT 0,
        criminal_transfers integer NOT NULL DEFAULT 0,
        police_filed integer NOT NULL DEFAULT 0,
        complaints_received integer NOT NULL DEFAULT 0,
        complaints_accepted integer NOT NULL DEFAULT 0,
        complaints_refused integer NOT NULL DEFAULT 0,
        complaints_answered integer NOT NULL DEFAULT 0,
        complaints_decided_on_time integer NOT NULL DEFAULT 0,
        complaints_transferred integer NOT NULL DEFAULT 0,
        callbacks integer NOT NULL DEFAULT 0,
        satisfaction_sum integer NOT NULL DEFAULT 0,
        satisfied integer NOT NULL DEFAULT 0,
        listings_published integer NOT NULL DEFAULT 0,
        listings_removed integer NOT NULL DEFAULT 0,
        handling_hist integer[] NOT NULL DEFAULT '{}',
        fine_hist integer[] NOT NULL DEFAULT '{}'`;
    // Four grains, coarsest first; a query reads the smallest one holding every dimension it filters or groups by
    // (libs/stats ROLLUPS), and anything finer than a city (a county's dashboard) is summed from the facts.
    const grains: [table: string, dims: string[], key: string[], indexes: string[][]][] = [
      [
        'stats_monthly_province',
        ['province_code', 'ip_type'],
        ['province_code', 'month', 'ip_type'],
        [['month']],
      ],
      [
        'stats_monthly_province_detail',
        ['province_code', 'ip_type', 'procedure', 'source'],
        ['province_code', 'month', 'ip_type', 'procedure', 'source'],
        [['month']],
      ],
      [
        'stats_monthly_office',
        ['province_code', 'city_code', 'office_id', 'ip_type'],
        ['city_code', 'month', 'office_id', 'ip_type'],
        [['province_code', 'month'], ['office_id', 'month'], ['month']],
      ],
      [
        'stats_monthly_city',
        ['province_code', 'city_code', 'office_id', 'ip_type', 'procedure', 'source'],
        ['city_code', 'month', 'office_id', 'ip_type', 'procedure', 'source'],
        [['province_code', 'month'], ['office_id', 'month'], ['month']],
      ],
    ];
    const type = (d: string) => (d.endsWith('_code') ? 'char(6)' : d === 'office_id' ? 'uuid' : 'text');
    for (const [table, dims, key, indexes] of grains) {
      await q.query(`
        CREATE TABLE ${table} (
          month date NOT NULL,
          ${dims.map((d) => `${d} ${type(d)} NOT NULL`).join(',\n          ')},
          ${counters},
          PRIMARY KEY (${key.join(', ')})
        )`);
      for (const cols of indexes) {
        await q.query(`CREATE INDEX ${table}_${cols.join('_')}_idx ON ${table} (${cols.join(', ')})`);
      }
    }

    // Element-wise sum of two histograms (a delta applied to a cell).
    await q.query(`
      CREATE FUNCTION stats_hist_add(a integer[], b integer[]) RETURNS integer[] LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(array_agg(coalesce(a[i], 0) + coalesce(b[i], 0) ORDER BY i), '{}')
          FROM generate_series(1, greatest(cardinality(a), cardinality(b))) AS i
      $$`);

    // Reconciliation runs: what the nightly job compared and the drift it found (and repaired).
    await q.query(`
      CREATE TABLE stats_reconciliations (
        id bigserial PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        facts_checked integer NOT NULL DEFAULT 0,
        facts_drifted integer NOT NULL DEFAULT 0,
        cells_checked integer NOT NULL DEFAULT 0,
        cells_drifted integer NOT NULL DEFAULT 0,
        repaired boolean NOT NULL DEFAULT false,
        sample jsonb NOT NULL DEFAULT '[]'
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'cases',
      'case_deadlines',
      'case_pauses',
      'case_officers',
      'complaints',
      'referrals',
      'referral_events',
      'credit_listings',
    ]) {
      await q.query(`DROP TRIGGER IF EXISTS stats_changed ON ${table}`);
    }
    await q.query(`DROP TRIGGER IF EXISTS stats_calendar_changed ON calendar_days`);
    await q.query(`DROP TABLE IF EXISTS stats_reconciliations, stats_monthly_city, stats_monthly_office,
                     stats_monthly_province_detail, stats_monthly_province,
                     stats_listing_facts, stats_referral_facts, stats_complaint_facts, stats_case_facts,
                     stats_changes, stats_workdays`);
    await q.query(`DROP FUNCTION IF EXISTS stats_mark_id(), stats_mark_case_id(), stats_mark_referral_id(),
                     stats_calendar_changed(), stats_rebuild_workdays(), stats_hist_add(integer[], integer[])`);
  }
}
