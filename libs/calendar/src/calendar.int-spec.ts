import type { Actor } from '@app/contracts';
import { DomainError } from '@app/domain';
import { createTestModule, type TestDatabase } from '@app/testing';
import type { TestingModule } from '@nestjs/testing';
import { CalendarModule } from './calendar.module';
import { CalendarSeeder } from './calendar.seeder';
import { CalendarService } from './calendar.service';

/** The DomainError a promise rejects with (fails the test if it resolves or throws something else). */
async function errorOf(p: Promise<unknown>): Promise<DomainError> {
  const e: unknown = await p.then(
    () => new Error('expected a DomainError, but the call succeeded'),
    (err: unknown) => err,
  );
  if (!(e instanceof DomainError)) throw e;
  return e;
}

describe('CalendarService and CalendarSeeder (PostgreSQL)', () => {
  let db: TestDatabase;
  let close: () => Promise<void>;
  let app: TestingModule;
  let calendar: CalendarService;
  let seeder: CalendarSeeder;
  let admin: Actor;

  beforeAll(async () => {
    ({ db, module: app, close } = await createTestModule({ imports: [CalendarModule] }));
    calendar = app.get(CalendarService);
    seeder = app.get(CalendarSeeder);
    // calendar_days.updated_by references users: act as a real account. The template may carry seeded data;
    // these tests start from empty calendar tables.
    const [office] = await db.sql(
      `INSERT INTO offices (name, short_name, region_code) VALUES ('测试·日历维护机构', '日历', '110000') RETURNING id`,
    );
    const [user] = await db.sql(
      `INSERT INTO users (username, display_name, password_hash, roles, office_id)
       VALUES ('calendar.admin', '日历管理员', 'x', '{admin}', $1) RETURNING id`,
      [office.id],
    );
    admin = {
      id: user.id as string,
      username: 'calendar.admin',
      displayName: '日历管理员',
      roles: ['admin'],
      officeId: office.id as string,
      regionCode: '110000',
    };
    await db.sql(`DELETE FROM calendar_days`);
    await db.sql(`DELETE FROM calendar_years`);
  }, 60_000);

  afterAll(async () => {
    await close?.();
  });

  describe('seeding from chinese-days', () => {
    it('imports holidays and make-up working days with names, and marks only covered years', async () => {
      const result = await seeder.seed();
      expect(result.years).toContain(2026);
      expect(result.years).not.toContain(2027);
      expect(result).toMatchObject({ updated: 0, keptAdmin: 0, removed: 0, yearsAdded: result.years.length });
      expect(result.inserted).toBeGreaterThan(400);

      const y2026 = await calendar.listYear(2026);
      expect(y2026).toMatchObject({ year: 2026, covered: true, coveredSource: 'package' });
      const day = (date: string) => y2026.days.find((d) => d.date === date);
      expect(day('2026-10-01')).toEqual({
        date: '2026-10-01',
        kind: 'holiday',
        name: '国庆节',
        source: 'package',
      });
      expect(day('2026-02-14')).toEqual({
        date: '2026-02-14',
        kind: 'workday',
        name: '春节',
        source: 'package',
      });
      expect(day('2026-10-10')).toMatchObject({ kind: 'workday', source: 'package' });
      expect(day('2026-10-03')).toBeUndefined(); // Saturday: a rest day anyway, not stored

      expect(await calendar.listYear(2027)).toEqual({
        year: 2027,
        covered: false,
        coveredSource: null,
        note: '',
        days: [],
      });

      const snap = await calendar.snapshot();
      expect(snap.isWorkingDay('2026-10-01')).toBe(false);
      expect(snap.isWorkingDay('2026-02-14')).toBe(true);
      expect(snap.isWorkingDay('2026-10-10')).toBe(true);
      expect(snap.hasDataFor('2026-06-01')).toBe(true);
      expect(snap.hasDataFor('2027-01-01')).toBe(false);
      expect(snap.entryFor('2026-10-02')?.name).toBe('国庆节');
    });

    it('is idempotent', async () => {
      expect(await seeder.seed()).toMatchObject({
        inserted: 0,
        updated: 0,
        removed: 0,
        keptAdmin: 0,
        yearsAdded: 0,
      });
    });

    it('repairs changed package rows and removes ones the package no longer lists', async () => {
      await db.sql(`UPDATE calendar_days SET name = '错' WHERE date = '2026-10-02'`);
      await db.sql(
        `INSERT INTO calendar_days (date, kind, name, source) VALUES ('2026-03-03', 'holiday', '不存在的节日', 'package')`,
      );
      expect(await seeder.seed()).toMatchObject({ inserted: 0, updated: 1, removed: 1 });
      const days = (await calendar.listYear(2026)).days;
      expect(days.find((d) => d.date === '2026-10-02')?.name).toBe('国庆节');
      expect(days.find((d) => d.date === '2026-03-03')).toBeUndefined();
    });
  });

  describe('admin edits', () => {
    it('shows an edit in the snapshot at once, and audits it', async () => {
      expect((await calendar.snapshot()).isWorkingDay('2026-10-09')).toBe(true);
      const set = await calendar.setDay(admin, '2026-10-09', { kind: 'holiday', name: ' 地方调整 ' });
      expect(set).toEqual({ date: '2026-10-09', kind: 'holiday', name: '地方调整', source: 'admin' });
      expect((await calendar.snapshot()).isWorkingDay('2026-10-09')).toBe(false);
      expect((await calendar.dueDate('2026-09-30', 1)).due).toBe('2026-10-08');
      expect((await calendar.dueDate('2026-10-08', 1)).due).toBe('2026-10-10'); // 10-09 off, 10-10 a make-up day

      await calendar.deleteDay(admin, '2026-10-09');
      expect((await calendar.snapshot()).isWorkingDay('2026-10-09')).toBe(true);
      expect((await errorOf(calendar.deleteDay(admin, '2026-10-09'))).code).toBe('NOT_FOUND');

      const rows = await db.sql(
        `SELECT action, actor_id, data FROM audit_events WHERE entity_type = 'calendar_day' AND entity_id = '2026-10-09'
          ORDER BY seq`,
      );
      expect(rows).toEqual([
        { action: 'calendar.day.set', actor_id: admin.id, data: { kind: 'holiday', name: '地方调整' } },
        {
          action: 'calendar.day.deleted',
          actor_id: admin.id,
          data: { previous: { kind: 'holiday', name: '地方调整', source: 'admin' } },
        },
      ]);
    });

    it('sees edits made by another process (no local invalidation)', async () => {
      expect((await calendar.snapshot()).isWorkingDay('2026-11-11')).toBe(true);
      await db.sql(
        `INSERT INTO calendar_days (date, kind, name, source) VALUES ('2026-11-11', 'holiday', 'x', 'admin')`,
      );
      expect((await calendar.snapshot()).isWorkingDay('2026-11-11')).toBe(false);
      await db.sql(`DELETE FROM calendar_days WHERE date = '2026-11-11'`);
      expect((await calendar.snapshot()).isWorkingDay('2026-11-11')).toBe(true);
    });

    it('keeps admin entries over package data on re-seed', async () => {
      // A package holiday renamed by an admin, and a weekend the admin made a working day.
      await calendar.setDay(admin, '2026-10-05', { kind: 'holiday', name: '国庆节（管理员）' });
      await calendar.setDay(admin, '2026-10-10', { kind: 'workday', name: '调休上班（管理员）' });
      const result = await seeder.seed();
      expect(result).toMatchObject({ inserted: 0, updated: 0, removed: 0, keptAdmin: 2 });
      const days = (await calendar.listYear(2026)).days;
      expect(days.find((d) => d.date === '2026-10-05')).toEqual({
        date: '2026-10-05',
        kind: 'holiday',
        name: '国庆节（管理员）',
        source: 'admin',
      });
      expect(days.find((d) => d.date === '2026-10-10')).toMatchObject({
        name: '调休上班（管理员）',
        source: 'admin',
      });
      const [row] = await db.sql(`SELECT updated_by FROM calendar_days WHERE date = '2026-10-05'`);
      expect(row.updated_by).toBe(admin.id);
    });

    it('accepts only weekday holidays and weekend working days', async () => {
      const saturdayHoliday = await errorOf(calendar.setDay(admin, '2026-10-17', { kind: 'holiday' }));
      expect(saturdayHoliday.code).toBe('VALIDATION_FAILED');
      expect(saturdayHoliday.message).toMatch(/Saturday.*already a rest day/);
      const thursdayWorkday = await errorOf(calendar.setDay(admin, '2026-10-15', { kind: 'workday' }));
      expect(thursdayWorkday.code).toBe('VALIDATION_FAILED');
      expect(thursdayWorkday.message).toMatch(/Thursday.*already a working day/);
      expect((await errorOf(calendar.setDay(admin, '2026-02-30', { kind: 'holiday' }))).code).toBe(
        'VALIDATION_FAILED',
      );
      expect((await errorOf(calendar.setDay(admin, '1900-01-01', { kind: 'holiday' }))).code).toBe(
        'VALIDATION_FAILED',
      );
      expect(await db.sql(`SELECT 1 FROM calendar_days WHERE date IN ('2026-10-17', '2026-10-15')`)).toEqual(
        [],
      );
    });
  });

  describe('years without data', () => {
    it('warns until an admin marks the year covered, which a re-seed keeps', async () => {
      const before = await calendar.dueDate('2026-12-30', 5);
      expect(before.due).toBe('2027-01-06'); // weekends only in 2027
      expect(before.warnings).toEqual([expect.objectContaining({ code: 'CALENDAR_NO_DATA', years: [2027] })]);
      expect(before.warnings[0].message).toContain('2027');
      expect((await calendar.dueDate('2026-09-30', 5)).warnings).toEqual([]);

      // The 2027 notice arrives before the package does: the admin enters a day and marks the year.
      await calendar.setDay(admin, '2027-01-04', { kind: 'holiday', name: '元旦' });
      const status = await calendar.markYearCovered(admin, 2027, '国办发明电〔2026〕号');
      expect(status).toEqual({ year: 2027, covered: true, source: 'admin', note: '国办发明电〔2026〕号' });
      const after = await calendar.dueDate('2026-12-30', 5);
      expect(after).toEqual({ due: '2027-01-07', warnings: [] });

      await seeder.seed();
      expect(await calendar.listYear(2027)).toMatchObject({
        covered: true,
        coveredSource: 'admin',
        note: '国办发明电〔2026〕号',
        days: [{ date: '2027-01-04', kind: 'holiday', name: '元旦', source: 'admin' }],
      });
      expect((await errorOf(calendar.markYearCovered(admin, 1800, ''))).code).toBe('VALIDATION_FAILED');
      const [event] = await db.sql(
        `SELECT action, data FROM audit_events WHERE entity_type = 'calendar_year' AND entity_id = '2027'`,
      );
      expect(event).toEqual({ action: 'calendar.year.covered', data: { note: '国办发明电〔2026〕号' } });
    });
  });
});
