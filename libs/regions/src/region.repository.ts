import type { RegionLevel } from '@app/contracts';
import { regionRange } from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import type { RegionSeedRow } from './china-division.source';
import { RegionEntity } from './entities/region.entity';

/** A region as listed in the tree: enough to draw one level of a cascader. */
export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  hasChildren: boolean;
}

/** A search hit with the names of its province and prefecture, to tell the many 朝阳区 apart. */
export interface RegionHit extends RegionNode {
  provinceName: string;
  cityName: string | null;
}

/** Rows written per INSERT statement when seeding. */
const SEED_BATCH = 1000;

@Injectable()
export class RegionRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(RegionEntity);
  }

  /** Regions with a `hasChildren` flag (an index probe on regions_parent_idx per row). */
  private nodes() {
    return this.repo
      .createQueryBuilder('r')
      .select(['r.code AS code', 'r.name AS name', 'r.level AS level', 'r.parent_code AS "parentCode"'])
      .addSelect('EXISTS (SELECT 1 FROM regions c WHERE c.parent_code = r.code)', 'hasChildren')
      .orderBy('r.code');
  }

  findByCode(code: string): Promise<RegionEntity | null> {
    return this.repo.findOneBy({ code });
  }

  async exists(code: string): Promise<boolean> {
    return (await this.repo.countBy({ code })) > 0;
  }

  /** The children of `parentCode`, or the provinces when it is null. */
  children(parentCode: string | null): Promise<RegionNode[]> {
    const qb = this.nodes();
    if (parentCode === null) qb.where('r.parent_code IS NULL');
    else qb.where('r.parent_code = :parentCode', { parentCode });
    return qb.getRawMany<RegionNode>();
  }

  async hasChildren(code: string): Promise<boolean> {
    return (await this.repo.countBy({ parentCode: code })) > 0;
  }

  /** The region and its ancestors present in the table, province first. */
  async pathOf(region: Pick<RegionEntity, 'code' | 'provinceCode' | 'cityCode'>): Promise<RegionEntity[]> {
    const codes = [
      ...new Set([region.provinceCode, region.cityCode, region.code].filter((c): c is string => !!c)),
    ];
    // Within one branch a deeper code always sorts after its ancestors (330000 < 330100 < 330106).
    return this.repo
      .createQueryBuilder('r')
      .where('r.code IN (:...codes)', { codes })
      .orderBy('r.code')
      .getMany();
  }

  /** Regions whose name contains `q`, provinces before cities before counties. */
  search(q: string, limit: number, within?: string): Promise<RegionHit[]> {
    const qb = this.nodes()
      .addSelect(['p.name AS "provinceName"', 'ct.name AS "cityName"'])
      .innerJoin(RegionEntity, 'p', 'p.code = r.province_code')
      .leftJoin(RegionEntity, 'ct', 'ct.code = r.city_code')
      .where('r.name LIKE :q', { q: `%${q.replace(/[\\%_]/g, '\\$&')}%` });
    if (within) {
      const [lo, hi] = regionRange(within);
      qb.andWhere('r.code >= :lo AND r.code < :hi', { lo, hi });
    }
    return qb
      .orderBy(`CASE r.level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END`)
      .addOrderBy('r.code')
      .limit(limit)
      .getRawMany<RegionHit>();
  }

  countByLevel(): Promise<{ level: RegionLevel; count: number }[]> {
    return this.repo
      .createQueryBuilder('r')
      .select('r.level', 'level')
      .addSelect('count(*)::int', 'count')
      .groupBy('r.level')
      .getRawMany();
  }

  /**
   * Inserts or updates the given regions in batches of {@link SEED_BATCH} rows (one `INSERT … SELECT unnest(…)`
   * statement each). Unchanged rows are not rewritten. Rows must come parents first.
   */
  async upsertMany(
    rows: readonly RegionSeedRow[],
    versionDate: string,
  ): Promise<{ inserted: number; updated: number }> {
    let inserted = 0;
    let updated = 0;
    for (let i = 0; i < rows.length; i += SEED_BATCH) {
      const batch = rows.slice(i, i + SEED_BATCH);
      const result: { inserted: boolean }[] = await this.txHost.tx.query(
        `INSERT INTO regions (code, name, level, parent_code, province_code, city_code, version_date)
         SELECT t.code, t.name, t.level, t.parent_code, t.province_code, t.city_code, $7::date
           FROM unnest($1::char(6)[], $2::text[], $3::text[], $4::char(6)[], $5::char(6)[], $6::char(6)[])
                AS t(code, name, level, parent_code, province_code, city_code)
         ON CONFLICT (code) DO UPDATE
            SET name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code,
                province_code = EXCLUDED.province_code, city_code = EXCLUDED.city_code,
                version_date = EXCLUDED.version_date
          WHERE (regions.name, regions.level, regions.parent_code, regions.province_code, regions.city_code,
                 regions.version_date)
                IS DISTINCT FROM
                (EXCLUDED.name, EXCLUDED.level, EXCLUDED.parent_code, EXCLUDED.province_code, EXCLUDED.city_code,
                 EXCLUDED.version_date)
         RETURNING (xmax = 0) AS inserted`,
        [
          batch.map((r) => r.code),
          batch.map((r) => r.name),
          batch.map((r) => r.level),
          batch.map((r) => r.parentCode),
          batch.map((r) => r.provinceCode),
          batch.map((r) => r.cityCode),
          versionDate,
        ],
      );
      for (const r of result) {
        if (r.inserted) inserted++;
        else updated++;
      }
    }
    return { inserted, updated };
  }
}
