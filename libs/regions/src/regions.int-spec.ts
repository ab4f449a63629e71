import { AuditModule } from '@app/audit';
import { ConfigModule } from '@app/config';
import type { Actor, Competence } from '@app/contracts';
import { DatabaseModule, dropDatabase, migrate } from '@app/database';
import { DomainError } from '@app/domain';
import { createTestDatabase, TEST_PG_BASE, testConfig, uniqueName, type TestDatabase } from '@app/testing';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { toOfficeResponse } from './dto/office.dto';
import { OfficeService } from './office.service';
import { RegionSeeder } from './region.seeder';
import { RegionService } from './region.service';
import { RegionsModule } from './regions.module';

const admin: Actor = {
  id: '11111111-1111-4111-8111-111111111111',
  username: 'admin.test',
  displayName: '测试管理员',
  roles: ['admin'],
  officeId: '22222222-2222-4222-8222-222222222222',
  regionCode: '000000',
};

/** The DomainError code a promise rejects with (fails the test if it resolves or throws something else). */
async function codeOf(p: Promise<unknown>): Promise<string> {
  const e: unknown = await p.then(
    () => new Error('expected a DomainError, but the call succeeded'),
    (err: unknown) => err,
  );
  if (!(e instanceof DomainError)) throw e;
  return e.code;
}

function moduleFor(url: string): Promise<TestingModule> {
  return Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ DATABASE_URL: url, LOG_LEVEL: 'silent' }),
      DatabaseModule,
      AuditModule,
      RegionsModule,
    ],
  }).compile();
}

describe('RegionSeeder on an empty, migrated database', () => {
  const url = `${TEST_PG_BASE}/${uniqueName('ipe_t')}`;
  let app: TestingModule;
  let sql: (text: string) => Promise<Record<string, unknown>[]>;

  beforeAll(async () => {
    await migrate(testConfig({ DATABASE_URL: url }), url);
    app = await moduleFor(url);
    app.useLogger(false);
    await app.init();
    const ds = app.get(DataSource);
    sql = (text) => ds.query(text);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await dropDatabase(url);
  });

  it('loads all of GB/T 2260 quickly, and is idempotent', async () => {
    const seeder = app.get(RegionSeeder);
    const t0 = performance.now();
    const first = await seeder.seed('2025-01-01');
    const ms = performance.now() - t0;
    expect(first).toEqual({ inserted: 3348, updated: 0, counts: { province: 31, city: 342, county: 2975 } });
    expect(ms).toBeLessThan(3000);
    expect(await seeder.seed('2025-01-01')).toEqual({
      inserted: 0,
      updated: 0,
      counts: { province: 31, city: 342, county: 2975 },
    });
    // A new edition date rewrites every row; a changed name is repaired.
    await sql(`UPDATE regions SET name = '错误名称' WHERE code = '330106'`);
    expect(await seeder.seed('2026-01-01')).toMatchObject({ inserted: 0, updated: 3348 });
    expect(await sql(`SELECT name, version_date::text AS v FROM regions WHERE code = '330106'`)).toEqual([
      { name: '西湖区', v: '2026-01-01' },
    ]);
  });

  it('links counties to cities to provinces', async () => {
    const rows = await sql(
      `SELECT code, name, level, parent_code, province_code, city_code
         FROM regions WHERE code IN ('330106', '330100', '330000', '110101', '110100', '110000') ORDER BY code`,
    );
    expect(rows).toEqual([
      {
        code: '110000',
        name: '北京市',
        level: 'province',
        parent_code: null,
        province_code: '110000',
        city_code: null,
      },
      {
        code: '110100',
        name: '市辖区',
        level: 'city',
        parent_code: '110000',
        province_code: '110000',
        city_code: '110100',
      },
      {
        code: '110101',
        name: '东城区',
        level: 'county',
        parent_code: '110100',
        province_code: '110000',
        city_code: '110100',
      },
      {
        code: '330000',
        name: '浙江省',
        level: 'province',
        parent_code: null,
        province_code: '330000',
        city_code: null,
      },
      {
        code: '330100',
        name: '杭州市',
        level: 'city',
        parent_code: '330000',
        province_code: '330000',
        city_code: '330100',
      },
      {
        code: '330106',
        name: '西湖区',
        level: 'county',
        parent_code: '330100',
        province_code: '330000',
        city_code: '330100',
      },
    ]);
  });
});

describe('regions and offices (PostgreSQL, seeded template)', () => {
  let db: TestDatabase;
  let app: TestingModule;
  let regions: RegionService;
  let offices: OfficeService;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await moduleFor(db.url);
    app.useLogger(false);
    await app.init();
    regions = app.get(RegionService);
    offices = app.get(OfficeService);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('RegionService', () => {
    it('lists provinces, each with children', async () => {
      const provinces = await regions.children(null);
      expect(provinces).toHaveLength(31);
      expect(provinces[0]).toEqual({
        code: '110000',
        name: '北京市',
        level: 'province',
        parentCode: null,
        hasChildren: true,
      });
      expect(provinces.every((p) => p.hasChildren)).toBe(true);
    });

    it('lists children with hasChildren', async () => {
      const counties = await regions.children('330100');
      expect(counties.map((c) => c.code)).toContain('330106');
      expect(counties.find((c) => c.code === '330106')).toEqual({
        code: '330106',
        name: '西湖区',
        level: 'county',
        parentCode: '330100',
        hasChildren: false,
      });
      const guangdong = await regions.children('440000');
      expect(guangdong.find((c) => c.code === '441900')).toMatchObject({
        name: '东莞市',
        hasChildren: false,
      });
      expect(guangdong.find((c) => c.code === '440100')).toMatchObject({ name: '广州市', hasChildren: true });
      expect(await regions.children('441900')).toEqual([]);
    });

    it('refuses malformed and unknown parents', async () => {
      expect(await codeOf(regions.children('3301'))).toBe('VALIDATION_FAILED');
      expect(await codeOf(regions.children('990000'))).toBe('VALIDATION_FAILED');
      expect(await codeOf(regions.children('330199'))).toBe('NOT_FOUND');
      expect(await codeOf(regions.get('330199'))).toBe('NOT_FOUND');
    });

    it('gives a region its path and display name', async () => {
      const xihu = await regions.get('330106');
      expect(xihu).toMatchObject({
        code: '330106',
        provinceCode: '330000',
        cityCode: '330100',
        versionDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        hasChildren: false,
        fullName: '浙江省杭州市西湖区',
      });
      expect((await regions.pathOf('330106')).map((p) => p.name)).toEqual(['浙江省', '杭州市', '西湖区']);
      expect((await regions.pathOf('110101')).map((p) => p.code)).toEqual(['110000', '110100', '110101']);
      expect((await regions.get('110101')).fullName).toBe('北京市东城区');
      expect((await regions.pathOf('330000')).map((p) => p.name)).toEqual(['浙江省']);
    });

    it('searches by name, optionally within a subtree', async () => {
      const hits = await regions.search('西湖');
      expect(hits.find((h) => h.code === '330106')).toMatchObject({
        name: '西湖区',
        fullName: '浙江省杭州市西湖区',
      });
      const chaoyang = await regions.search('朝阳区');
      expect(chaoyang.map((h) => h.fullName)).toEqual(expect.arrayContaining(['北京市朝阳区']));
      expect((await regions.search('朝阳区', '110000')).map((h) => h.code)).toEqual(['110105']);
      expect(await regions.search('  ')).toEqual([]);
      expect(await regions.search('%')).toEqual([]);
    });

    it('searches by 拼音 and initials, exact and prefix hits first, provinces → cities → counties', async () => {
      const codes = async (q: string, within?: string) =>
        (await regions.search(q, within)).map((h) => h.code);
      // Full pinyin of the name core, any case; the city before the counties that merely start the same way.
      for (const q of ['hangzhou', 'HangZhou', 'hangzhoushi', '杭州', '杭州市']) {
        expect([q, (await codes(q))[0]]).toEqual([q, '330100']);
      }
      expect((await regions.search('hangzhou'))[0]).toMatchObject({
        name: '杭州市',
        fullName: '浙江省杭州市',
      });
      // Initials: every city with the initials hz, cities before counties, by code (杭州 330100 first).
      const hz = await regions.search('hz');
      expect(hz[0].code).toBe('330100');
      expect(hz.map((h) => h.code)).toEqual(expect.arrayContaining(['330500', '441300']));
      const levels = hz.map((h) => h.level);
      expect(levels.indexOf('county')).toBeGreaterThan(levels.lastIndexOf('city'));
      // A county by pinyin, initials or characters; within a subtree only that one.
      for (const q of ['xihu', 'xihuqu', 'xhq', '西湖', '西湖区']) {
        expect([q, await codes(q, '330000')]).toEqual([q, ['330106']]);
      }
      expect(await codes('xihu')).toEqual(expect.arrayContaining(['330106', '360103']));
      // A province ranks above cities and counties with the same prefix.
      expect((await codes('zhejiang'))[0]).toBe('330000');
      expect((await codes('zj'))[0]).toBe('330000');
      // Exact before prefix: "xian" is 西安 (exact core) before the many 县 and 西安区 starting with it.
      expect((await regions.search('xian'))[0]).toMatchObject({ code: '610100', name: '西安市' });
      expect((await codes("xi'an"))[0]).toBe('610100');
      // Another reading of a polyphonic character still finds the place (单县 is Shàn xiàn).
      expect(await codes('shanxian', '370000')).toContain('371722');
      expect(await codes('chongqing')).toContain('500000');
      // A province or city first, then the region: characters or pinyin.
      expect(await codes('杭州 西湖')).toEqual(['330106']);
      expect(await codes('hz xh')).toEqual(['330106']);
      expect(await codes('nanchang xihu')).toEqual(['360103']);
      expect(await codes('北京 朝阳')).toEqual(['110105']);
      // Syllables typed apart are tried joined.
      expect(await codes('xi hu', '330000')).toEqual(['330106']);
      // Grouping entries (市辖区) are no place to pick.
      expect(await codes('市辖区')).toEqual([]);
      expect(await codes('sxq')).not.toContain('110100');
      expect(await codes('qqqqq')).toEqual([]);
      expect(await codes('_')).toEqual([]);
    });
  });

  // The template database already holds the demo offices (浙江, 江苏); these tests work in 安徽 (34) to stay clear.
  describe('OfficeService', () => {
    let provinceOffice: string;
    let cityOffice: string;
    let countyOffice: string;

    beforeAll(async () => {
      const create = async (
        regionCode: string,
        name: string,
        shortName: string,
        competences: Competence[],
        active = true,
      ) => (await offices.create(admin, { name, shortName, regionCode, competences, active })).id;
      provinceOffice = await create('340000', '测试·安徽省市场监督管理局', '皖省局', ['trademark', 'patent']);
      cityOffice = await create('340100', '测试·合肥市市场监督管理局', '合肥市局', ['trademark']);
      countyOffice = await create('340104', '测试·蜀山区文化市场综合行政执法大队', '蜀山执法队', [
        'copyright',
      ]);
      await create('340200', '测试·芜湖市市场监督管理局', '芜湖市局', ['trademark'], false);
    });

    it('creates an office, audited, and shows it with its region', async () => {
      const office = await offices.get(provinceOffice);
      expect(toOfficeResponse(office)).toEqual({
        id: provinceOffice,
        name: '测试·安徽省市场监督管理局',
        shortName: '皖省局',
        regionCode: '340000',
        regionName: '安徽省',
        level: 'province',
        competences: ['patent', 'trademark'],
        active: true,
        version: 1,
      });
      const events = await db.sql(`SELECT action, actor_name, data FROM audit_events WHERE entity_id = $1`, [
        provinceOffice,
      ]);
      expect(events).toEqual([
        {
          action: 'office.created',
          actor_name: 'admin.test',
          data: expect.objectContaining({ name: '测试·安徽省市场监督管理局', regionCode: '340000' }),
        },
      ]);
    });

    it('refuses a duplicate name with CONFLICT and leaves nothing behind', async () => {
      const dup = offices.create(admin, {
        name: '测试·合肥市市场监督管理局',
        shortName: '重复',
        regionCode: '340100',
        competences: [],
      });
      await expect(dup).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('测试·合肥市市场监督管理局'),
      });
      expect(await db.sql(`SELECT count(*)::int AS n FROM offices WHERE short_name = '重复'`)).toEqual([
        { n: 0 },
      ]);
    });

    it('refuses a region that is malformed or not in the table', async () => {
      const base = { name: '测试·某机构', shortName: '某', competences: [] };
      expect(await codeOf(offices.create(admin, { ...base, regionCode: '340199' }))).toBe(
        'VALIDATION_FAILED',
      );
      expect(await codeOf(offices.create(admin, { ...base, regionCode: '34010' }))).toBe('VALIDATION_FAILED');
      expect(await codeOf(offices.create(admin, { ...base, regionCode: '990000' }))).toBe(
        'VALIDATION_FAILED',
      );
      expect(await codeOf(offices.create(admin, { ...base, name: '  ', regionCode: '340100' }))).toBe(
        'VALIDATION_FAILED',
      );
      expect(await codeOf(offices.get('not-a-uuid'))).toBe('NOT_FOUND');
      expect(await codeOf(offices.get('33333333-3333-4333-8333-333333333333'))).toBe('NOT_FOUND');
    });

    it('updates with the version read, and refuses a stale one', async () => {
      const updated = await offices.update(admin, cityOffice, {
        version: 1,
        shortName: '合肥市监局',
        competences: ['copyright', 'trademark'],
      });
      expect(updated).toMatchObject({
        shortName: '合肥市监局',
        competences: ['trademark', 'copyright'],
        version: 2,
      });
      expect(await codeOf(offices.update(admin, cityOffice, { version: 1, shortName: '旧版本' }))).toBe(
        'STALE_VERSION',
      );
      // Nothing to change: no new version, no audit event.
      expect((await offices.update(admin, cityOffice, { version: 2, shortName: '合肥市监局' })).version).toBe(
        2,
      );
      const events = await db.sql(`SELECT action, data FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [
        cityOffice,
      ]);
      expect(events.map((e) => e.action)).toEqual(['office.created', 'office.updated']);
      expect(events[1].data).toEqual({
        shortName: { from: '合肥市局', to: '合肥市监局' },
        competences: { from: ['trademark'], to: ['trademark', 'copyright'] },
      });
      expect(
        await codeOf(offices.update(admin, cityOffice, { version: 2, name: '测试·安徽省市场监督管理局' })),
      ).toBe('CONFLICT');
      expect(await codeOf(offices.update(admin, cityOffice, { version: 2, regionCode: '340199' }))).toBe(
        'VALIDATION_FAILED',
      );
      expect((await offices.get(cityOffice)).version).toBe(2);
    });

    it('lets only one of two concurrent updates with the same version through', async () => {
      const { version } = await offices.get(countyOffice);
      const results = await Promise.allSettled([
        offices.update(admin, countyOffice, { version, shortName: '蜀山队A' }),
        offices.update(admin, countyOffice, { version, shortName: '蜀山队B' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toMatchObject({ code: 'STALE_VERSION' });
      expect((await offices.get(countyOffice)).version).toBe(version + 1);
    });

    it('finds the competent office nearest up the tree', async () => {
      expect((await offices.findCompetent('340104', 'copyright'))?.id).toBe(countyOffice);
      expect((await offices.findCompetent('340104', 'trademark'))?.id).toBe(cityOffice);
      expect((await offices.findCompetent('340104', 'patent'))?.id).toBe(provinceOffice);
      expect((await offices.findCompetent('340102', 'trademark'))?.id).toBe(cityOffice);
      expect((await offices.findCompetent('340100', 'trademark'))?.id).toBe(cityOffice);
      // 芜湖's own office is inactive: the province takes it.
      expect((await offices.findCompetent('340202', 'trademark'))?.id).toBe(provinceOffice);
      expect(await offices.findCompetent('340104', 'plant_variety')).toBeNull();
      expect(await offices.findCompetent('350102', 'patent')).toBeNull();
      expect(await codeOf(offices.findCompetent('3401', 'patent'))).toBe('VALIDATION_FAILED');
    });

    it('lists a region subtree by range, with filters and paging', async () => {
      const codes = async (q: Parameters<OfficeService['list']>[0]) =>
        (await offices.list(q)).items.map((o) => o.regionCode);
      const anhui = await offices.list({ withinRegion: '340000' });
      expect(anhui.total).toBe(4);
      expect(anhui.items.map((o) => o.regionCode)).toEqual(['340000', '340100', '340104', '340200']);
      expect(await codes({ withinRegion: '340100' })).toEqual(['340100', '340104']);
      expect(await codes({ withinRegion: '340104' })).toEqual(['340104']);
      expect(await codes({ regionCode: '340100' })).toEqual(['340100']);
      expect(await codes({ withinRegion: '340000', competence: 'copyright' })).toEqual(['340100', '340104']);
      expect(await codes({ withinRegion: '340000', active: false })).toEqual(['340200']);
      expect(await codes({ q: '芜湖' })).toEqual(['340200']);
      expect(await codes({ q: '%' })).toEqual([]);
      const page2 = await offices.list({ withinRegion: '340000', page: 2, pageSize: 3 });
      expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect(page2.items.map((o) => o.regionCode)).toEqual(['340200']);
      expect(await codeOf(offices.list({ pageSize: 201 }))).toBe('VALIDATION_FAILED');
      expect(await codeOf(offices.list({ page: 10_001 }))).toBe('VALIDATION_FAILED');
      expect(await codeOf(offices.list({ withinRegion: '34' }))).toBe('VALIDATION_FAILED');
    });
  });
});
