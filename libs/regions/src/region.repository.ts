import type { RegionLevel } from '@app/contracts';
import { regionRange } from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import type { RegionSeedRow } from './china-division.source';
import { RegionEntity } from './entities/region.entity';
import { PLACEHOLDER_REGION_NAMES } from './region-names';
import type { RegionSearchKeys } from './region-search-keys';

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

  /**
   * Regions matching the search terms (already normalized, see `normalizeSearchTerm`): the last term must match the
   * region itself — its name contains it, or it starts one of its search keys (name core, pinyin, initials) — and
   * each earlier term its province or prefecture ("杭州 西湖", "hz xh"). Ranked by how the last term matched (exact
   * name or key, key prefix, another reading of a polyphonic character, part of the name), then provinces before
   * cities before counties, then by code. Grouping entries (市辖区, 县) are left out.
   */
  search(terms: readonly string[], limit: number, within?: string): Promise<RegionHit[]> {
    if (!terms.length) return Promise.resolve([]);
    const like = (t: string) => t.replace(/[\\%_]/g, '\\$&');
    const params: Record<string, string> = {};
    const match = (alias: string, i: number) => {
      const t = like(terms[i]);
      params[`t${i}`] = terms[i];
      params[`pre${i}`] = `${t}%`;
      params[`key${i}`] = `% ${t}%`;
      params[`exact${i}`] = `% ${t} %`;
      params[`part${i}`] = `%${t}%`;
      return {
        exact: `(${alias}.name = :t${i} OR (' ' || ${alias}.search_keys || ' ') LIKE :exact${i})`,
        prefix: `(${alias}.name LIKE :pre${i} OR (' ' || ${alias}.search_keys) LIKE :key${i})`,
        altExact: `((' ' || ${alias}.search_alt_keys || ' ') LIKE :exact${i})`,
        alt: `((' ' || ${alias}.search_alt_keys) LIKE :key${i})`,
        part: `(${alias}.name LIKE :part${i})`,
      };
    };
    const any = (m: ReturnType<typeof match>) => `(${m.prefix} OR ${m.alt} OR ${m.part})`;
    const last = match('r', terms.length - 1);
    const qb = this.nodes()
      .addSelect(['p.name AS "provinceName"', 'ct.name AS "cityName"'])
      .innerJoin(RegionEntity, 'p', 'p.code = r.province_code')
      .leftJoin(RegionEntity, 'ct', 'ct.code = r.city_code')
      .where(any(last))
      .andWhere('r.name NOT IN (:...placeholders)', { placeholders: PLACEHOLDER_REGION_NAMES });
    for (let i = 0; i < terms.length - 1; i++) {
      qb.andWhere(`(${any(match('p', i))} OR (r.level = 'county' AND ${any(match('ct', i))}))`);
    }
    qb.setParameters(params);
    if (within) {
      const [lo, hi] = regionRange(within);
      qb.andWhere('r.code >= :lo AND r.code < :hi', { lo, hi });
    }
    return qb
      .orderBy(
        `CASE WHEN ${last.exact} THEN 0 WHEN ${last.prefix} THEN 1 WHEN ${last.altExact} THEN 2 ` +
          `WHEN ${last.alt} THEN 3 ELSE 4 END`,
      )
      .addOrderBy(`CASE r.level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END`)
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
    rows: readonly (RegionSeedRow & RegionSearchKeys)[],
    versionDate: string,
  ): Promise<{ inserted: number; updated: number }> {
    let inserted = 0;
    let updated = 0;
    for (let i = 0; i < rows.length; i += SEED_BATCH) {
      const batch = rows.slice(i, i + SEED_BATCH);
      const result: { inserted: boolean }[] = await this.txHost.tx.query(
        `INSERT INTO regions (code, name, level, parent_code, province_code, city_code, version_date, search_keys,
                              search_alt_keys)
         SELECT t.code, t.name, t.level, t.parent_code, t.province_code, t.city_code, $7::date, t.search_keys,
                t.search_alt_keys
           FROM unnest($1::char(6)[], $2::text[], $3::text[], $4::char(6)[], $5::char(6)[], $6::char(6)[],
                       $8::text[], $9::text[])
                AS t(code, name, level, parent_code, province_code, city_code, search_keys, search_alt_keys)
         ON CONFLICT (code) DO UPDATE
            SET name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code,
                province_code = EXCLUDED.province_code, city_code = EXCLUDED.city_code,
                version_date = EXCLUDED.version_date, search_keys = EXCLUDED.search_keys,
                search_alt_keys = EXCLUDED.search_alt_keys
          WHERE (regions.name, regions.level, regions.parent_code, regions.province_code, regions.city_code,
                 regions.version_date, regions.search_keys, regions.search_alt_keys)
                IS DISTINCT FROM
                (EXCLUDED.name, EXCLUDED.level, EXCLUDED.parent_code, EXCLUDED.province_code, EXCLUDED.city_code,
                 EXCLUDED.version_date, EXCLUDED.search_keys, EXCLUDED.search_alt_keys)
         RETURNING (xmax = 0) AS inserted`,
        [
          batch.map((r) => r.code),
          batch.map((r) => r.name),
          batch.map((r) => r.level),
          batch.map((r) => r.parentCode),
          batch.map((r) => r.provinceCode),
          batch.map((r) => r.cityCode),
          versionDate,
          batch.map((r) => r.keys),
          batch.map((r) => r.altKeys),
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
