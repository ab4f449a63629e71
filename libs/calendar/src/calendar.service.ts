import { AuditWriter } from '@app/audit';
import { SYSTEM_ACTOR, type Actor } from '@app/contracts';
import { assertIsoDate, dayOfWeek, DomainError, WorkingCalendar, yearOf, type IsoDate } from '@app/domain';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { CalendarRepository } from './calendar.repository';
import type { CalendarDayKind, CalendarSource } from './entities/calendar-day.entity';

export interface CalendarDayView {
  date: IsoDate;
  kind: CalendarDayKind;
  name: string;
  source: CalendarSource;
}

export interface CalendarYearView {
  year: number;
  /** True when the year's official notice is in the table (from the package or entered by an admin). */
  covered: boolean;
  coveredSource: CalendarSource | null;
  note: string;
  days: CalendarDayView[];
}

export interface CalendarYearStatus {
  year: number;
  covered: true;
  source: CalendarSource;
  note: string;
}

export interface CalendarWarning {
  code: 'CALENDAR_NO_DATA';
  /** Years the computation crossed without official holiday data (counted with weekends only). */
  years: number[];
  message: string;
}

export interface DueDate {
  due: IsoDate;
  warnings: CalendarWarning[];
}

export interface SetCalendarDayInput {
  kind: CalendarDayKind;
  name?: string;
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2200;
const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAY_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The national working-day calendar: the table of holidays and make-up working days (调休上班) that admins maintain,
 * and an in-memory {@link WorkingCalendar} built from it for deadline arithmetic.
 *
 * The snapshot is cached per process. Each call compares a digest of the tables (one small query), so an edit made
 * through another process (API ↔ worker) is picked up by the next call, and a local edit drops the cache at once.
 */
@Injectable()
export class CalendarService {
  private cached: { stamp: string; calendar: WorkingCalendar } | null = null;
  private loading: { stamp: string; promise: Promise<WorkingCalendar> } | null = null;

  constructor(
    private readonly calendar: CalendarRepository,
    private readonly audit: AuditWriter,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** The current calendar (reloaded only when the tables changed since the last call). */
  async snapshot(): Promise<WorkingCalendar> {
    return this.snapshotFor(await this.calendar.stamp());
  }

  /**
   * The calendar for a version read by the caller in one of its own queries (CALENDAR_STAMP_SQL), saving the round
   * trip of {@link snapshot}.
   */
  async snapshotFor(stamp: string): Promise<WorkingCalendar> {
    if (this.cached?.stamp === stamp) return this.cached.calendar;
    return this.load(stamp);
  }

  /** The current calendar with the version it is at (CALENDAR_STAMP_SQL), for a write that checks it. */
  async current(): Promise<{ stamp: string; calendar: WorkingCalendar }> {
    const stamp = await this.calendar.stamp();
    return { stamp, calendar: await this.snapshotFor(stamp) };
  }

  /**
   * The calendar last loaded, without a round trip (loaded first if none): for a write that checks in its own
   * statement that the version is still `stamp` and calls {@link current} when it is not (12330 intake).
   */
  async latest(): Promise<{ stamp: string; calendar: WorkingCalendar }> {
    return this.cached ?? this.current();
  }

  /** Drops the cached snapshot; the next {@link snapshot} reloads. */
  invalidate(): void {
    this.cached = null;
  }

  async listYear(year: number): Promise<CalendarYearView> {
    assertYear(year);
    const [row, days] = await Promise.all([this.calendar.findYear(year), this.calendar.daysOfYear(year)]);
    return {
      year,
      covered: !!row,
      coveredSource: row?.source ?? null,
      note: row?.note ?? '',
      days: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, source: d.source })),
    };
  }

  /**
   * Sets the national entry for `date` (an admin entry, kept over package data on every re-seed). Only exceptions to
   * the weekend rule can be entered: a holiday on Monday–Friday, a make-up working day on Saturday or Sunday.
   */
  @Transactional()
  async setDay(actor: Actor, date: string, input: SetCalendarDayInput): Promise<CalendarDayView> {
    assertIsoDate(date, 'date');
    assertYear(yearOf(date), 'date');
    const name = (input.name ?? '').trim();
    if (name.length > 64) invalid('name', 'name must be at most 64 characters', '名称不能超过64个字符');
    assertExceptionToWeekendRule(date, input.kind);
    const before = await this.calendar.findDay(date);
    await this.calendar.upsertAdminDay(date, input.kind, name, updatedByOf(actor));
    await this.audit.record(actor, {
      action: 'calendar.day.set',
      entityType: 'calendar_day',
      entityId: date,
      data: {
        kind: input.kind,
        name,
        ...(before ? { previous: { kind: before.kind, name: before.name, source: before.source } } : {}),
      },
    });
    this.invalidate();
    return { date, kind: input.kind, name, source: 'admin' };
  }

  /**
   * Removes the national entry for `date`, so the day follows the weekend rule again. A day that came from the
   * package returns with the next package seed (only admin rows are protected from re-seeding).
   */
  @Transactional()
  async deleteDay(actor: Actor, date: string): Promise<void> {
    assertIsoDate(date, 'date');
    const before = await this.calendar.findDay(date);
    if (!before || !(await this.calendar.deleteDay(date))) {
      throw new DomainError('NOT_FOUND', `No calendar entry on ${date}`, { date });
    }
    await this.audit.record(actor, {
      action: 'calendar.day.deleted',
      entityType: 'calendar_day',
      entityId: date,
      data: { previous: { kind: before.kind, name: before.name, source: before.source } },
    });
    this.invalidate();
  }

  /**
   * Records that `year`'s official notice (《关于YYYY年部分节假日安排的通知》) is in the table, so deadlines in that year
   * stop carrying the CALENDAR_NO_DATA warning. Admins do this after entering the notice's days, ahead of a package
   * update.
   */
  @Transactional()
  async markYearCovered(actor: Actor, year: number, note: string): Promise<CalendarYearStatus> {
    assertYear(year, 'year');
    const text = (note ?? '').trim();
    if (text.length > 500) invalid('note', 'note must be at most 500 characters', '说明不能超过500个字符');
    const before = await this.calendar.findYear(year);
    await this.calendar.upsertYear(year, 'admin', text);
    await this.audit.record(actor, {
      action: 'calendar.year.covered',
      entityType: 'calendar_year',
      entityId: String(year),
      data: { note: text, ...(before ? { previous: { source: before.source, note: before.note } } : {}) },
    });
    this.invalidate();
    return { year, covered: true, source: 'admin', note: text };
  }

  /** The n-th working day after `from` (from not counted), with a warning for years without official data. */
  async dueDate(from: string, days: number): Promise<DueDate> {
    assertIsoDate(from, 'from');
    assertYear(yearOf(from), 'from');
    const result = (await this.snapshot()).addWorkingDaysDetailed(from, days);
    const warnings: CalendarWarning[] = result.missingYears.length
      ? [
          {
            code: 'CALENDAR_NO_DATA',
            years: result.missingYears,
            message:
              `${result.missingYears.join('、')}年的节假日安排尚未录入，已按周六、周日休息计算，请在通知发布后核对` +
              ` (no official holiday data for ${result.missingYears.join(', ')}; weekends only)`,
          },
        ]
      : [];
    return { due: result.date, warnings };
  }

  /**
   * Loads the tables once per stamp, however many callers ask at the same time. A caller inside a transaction loads
   * on its own connection (waiting for a pooled load while holding a connection could wait forever once every pooled
   * connection is held that way), and keeps what it read only if its transaction has written nothing yet — else it
   * may be the transaction's own uncommitted change.
   */
  private async load(stamp: string): Promise<WorkingCalendar> {
    if (this.txHost.isTransactionActive()) {
      const [{ clean }] = (await this.txHost.tx.query(
        `SELECT txid_current_if_assigned() IS NULL AS clean`,
      )) as {
        clean: boolean;
      }[];
      const calendar = await this.read();
      if (clean) this.cached = { stamp, calendar };
      return calendar;
    }
    if (this.loading?.stamp === stamp) return this.loading.promise;
    const promise = (async () => {
      try {
        const calendar = await this.read();
        // Keyed by the stamp read before loading: if an edit landed meanwhile, the next call sees a new stamp.
        this.cached = { stamp, calendar };
        return calendar;
      } finally {
        if (this.loading?.stamp === stamp) this.loading = null;
      }
    })();
    this.loading = { stamp, promise };
    return promise;
  }

  private async read(): Promise<WorkingCalendar> {
    const [days, years] = await Promise.all([this.calendar.allDays(), this.calendar.allYears()]);
    return new WorkingCalendar(
      days,
      years.map((y) => y.year),
    );
  }
}

/** A holiday must fall on a weekday and a make-up working day on a weekend; anything else changes nothing. */
function assertExceptionToWeekendRule(date: IsoDate, kind: CalendarDayKind): void {
  const dow = dayOfWeek(date);
  const weekend = dow === 0 || dow === 6;
  if (kind === 'holiday' && weekend) {
    invalid(
      'kind',
      `${date} is a ${WEEKDAY_EN[dow]}, already a rest day; only a Monday–Friday can be made a holiday`,
      `${date}是${WEEKDAY_ZH[dow]}，本就休息；只有周一至周五可以设为节假日`,
    );
  }
  if (kind === 'workday' && !weekend) {
    invalid(
      'kind',
      `${date} is a ${WEEKDAY_EN[dow]}, already a working day; only a Saturday or Sunday can be made a make-up working day (调休上班)`,
      `${date}是${WEEKDAY_ZH[dow]}，本就上班；只有周六或周日可以设为调休上班日`,
    );
  }
  if (kind !== 'holiday' && kind !== 'workday') {
    invalid('kind', `kind must be 'holiday' or 'workday'`, '类型应为节假日或调休上班日');
  }
}

function assertYear(year: number, field = 'year'): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    invalid(field, `year must be from ${MIN_YEAR} to ${MAX_YEAR}`, `年份应在${MIN_YEAR}至${MAX_YEAR}之间`);
  }
}

function invalid(field: string, message: string, messageZh: string): never {
  throw new DomainError('VALIDATION_FAILED', message, {
    errors: [{ field, code: 'invalid', message: `${messageZh} (${message})` }],
  });
}

/** `updated_by` references users; the system actor is not a user row. */
function updatedByOf(actor: Actor): string | null {
  return actor.id === SYSTEM_ACTOR.id ? null : actor.id;
}
