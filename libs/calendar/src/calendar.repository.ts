import type { CalendarDay } from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import {
  CalendarDayEntity,
  NATIONAL_REGION,
  type CalendarDayKind,
  type CalendarSource,
} from './entities/calendar-day.entity';
import { CalendarYearEntity } from './entities/calendar-year.entity';

export interface PackageImportResult {
  inserted: number;
  updated: number;
  /** Package days for dates an admin has set; the admin's row was kept. */
  keptAdmin: number;
  /** Package rows the package no longer lists (in the years it covers), removed. */
  removed: number;
  yearsAdded: number;
}

/** A scalar subquery giving the calendar's version, for queries that want it in the same round trip. */
export const CALENDAR_STAMP_SQL = `(SELECT version::text FROM reference_versions WHERE name = 'calendar')`;

/** The national working-day calendar tables. */
@Injectable()
export class CalendarRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get days() {
    return this.txHost.tx.getRepository(CalendarDayEntity);
  }

  private get years() {
    return this.txHost.tx.getRepository(CalendarYearEntity);
  }

  /** Every national calendar day, for the in-memory WorkingCalendar. */
  async allDays(): Promise<CalendarDay[]> {
    const rows = await this.days.find({
      select: { date: true, kind: true, name: true },
      where: { regionCode: NATIONAL_REGION },
      order: { date: 'ASC' },
    });
    return rows.map((r) => ({ date: r.date, kind: r.kind, ...(r.name ? { name: r.name } : {}) }));
  }

  daysOfYear(year: number): Promise<CalendarDayEntity[]> {
    return this.days
      .createQueryBuilder('d')
      .where('d.region_code = :region', { region: NATIONAL_REGION })
      .andWhere('d.date >= :from AND d.date < :to', { from: `${year}-01-01`, to: `${year + 1}-01-01` })
      .orderBy('d.date')
      .getMany();
  }

  findDay(date: string): Promise<CalendarDayEntity | null> {
    return this.days.findOneBy({ regionCode: NATIONAL_REGION, date });
  }

  allYears(): Promise<CalendarYearEntity[]> {
    return this.years.find({ order: { year: 'ASC' } });
  }

  findYear(year: number): Promise<CalendarYearEntity | null> {
    return this.years.findOneBy({ year });
  }

  /**
   * The calendar's version (bumped by a trigger in every transaction that changes the calendar tables): exact — a
   * committed edit always moves it — and one row to read, so every process (API, worker) notices edits made by
   * another one without reloading the tables.
   */
  async stamp(): Promise<string> {
    const [row]: { stamp: string }[] = await this.txHost.tx.query(`SELECT ${CALENDAR_STAMP_SQL} AS stamp`);
    return row.stamp;
  }

  /** Inserts or replaces the national entry for `date` as an admin entry. */
  async upsertAdminDay(
    date: string,
    kind: CalendarDayKind,
    name: string,
    updatedBy: string | null,
  ): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO calendar_days (region_code, date, kind, name, source, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, 'admin', $5, now())
       ON CONFLICT (region_code, date) DO UPDATE
          SET kind = EXCLUDED.kind, name = EXCLUDED.name, source = 'admin',
              updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [NATIONAL_REGION, date, kind, name, updatedBy],
    );
  }

  async deleteDay(date: string): Promise<boolean> {
    const result = await this.days.delete({ regionCode: NATIONAL_REGION, date });
    return (result.affected ?? 0) > 0;
  }

  async upsertYear(year: number, source: CalendarSource, note: string): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO calendar_years (year, source, note, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, note = EXCLUDED.note, updated_at = now()`,
      [year, source, note],
    );
  }

  /**
   * Brings the package's days and years into the tables: new days are inserted, changed package rows updated,
   * package rows the package dropped (within the years it covers) removed; admin rows are never touched, and
   * years an admin already marked keep the admin's note. Unchanged rows are not rewritten.
   */
  async importPackage(days: readonly CalendarDay[], years: readonly number[]): Promise<PackageImportResult> {
    if (!years.length) return { inserted: 0, updated: 0, keptAdmin: 0, removed: 0, yearsAdded: 0 };
    const written: { inserted: boolean }[] = await this.txHost.tx.query(
      `INSERT INTO calendar_days (region_code, date, kind, name, source, updated_at)
       SELECT $1, t.date, t.kind, t.name, 'package', now()
         FROM unnest($2::date[], $3::text[], $4::text[]) AS t(date, kind, name)
       ON CONFLICT (region_code, date) DO UPDATE
          SET kind = EXCLUDED.kind, name = EXCLUDED.name, updated_at = now()
        WHERE calendar_days.source = 'package'
          AND (calendar_days.kind, calendar_days.name) IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name)
       RETURNING (xmax = 0) AS inserted`,
      [NATIONAL_REGION, days.map((d) => d.date), days.map((d) => d.kind), days.map((d) => d.name ?? '')],
    );
    const kept: { n: number }[] = await this.txHost.tx.query(
      `SELECT count(*)::int AS n FROM calendar_days
        WHERE region_code = $1 AND source = 'admin' AND date = ANY($2::date[])`,
      [NATIONAL_REGION, days.map((d) => d.date)],
    );
    const [, removed]: [unknown, number] = await this.txHost.tx.query(
      `DELETE FROM calendar_days
        WHERE region_code = $1 AND source = 'package'
          AND extract(year FROM date)::int = ANY($2::int[])
          AND date <> ALL($3::date[])`,
      [NATIONAL_REGION, years, days.map((d) => d.date)],
    );
    const addedYears: unknown[] = await this.txHost.tx.query(
      `INSERT INTO calendar_years (year, source, note, updated_at)
       SELECT y, 'package', '', now() FROM unnest($1::int[]) AS y
       ON CONFLICT (year) DO NOTHING
       RETURNING year`,
      [years],
    );
    const inserted = written.filter((r) => r.inserted).length;
    return {
      inserted,
      updated: written.length - inserted,
      keptAdmin: kept[0].n,
      removed,
      yearsAdded: addedYears.length,
    };
  }
}
