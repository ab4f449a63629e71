import type { RegionLevel } from '@app/contracts';
import { DomainError, validateRegionCode } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { displayNameOf } from './region-names';
import { normalizeSearchTerm } from './region-search-keys';
import { RegionRepository, type RegionNode } from './region.repository';

export interface RegionPathItem {
  code: string;
  name: string;
  level: RegionLevel;
}

export interface RegionDetail extends RegionNode {
  provinceCode: string;
  cityCode: string | null;
  versionDate: string;
  /** Province first, ending with the region itself. */
  path: RegionPathItem[];
  /** e.g. 浙江省杭州市西湖区; grouping entries such as 市辖区 are left out. */
  fullName: string;
}

export interface RegionSearchHit extends RegionNode {
  fullName: string;
}

const SEARCH_LIMIT = 50;

/** Reads the GB/T 2260 region tree. */
@Injectable()
export class RegionService {
  constructor(private readonly regions: RegionRepository) {}

  /** The children of `parentCode`, or the provinces when it is null. */
  async children(parentCode: string | null): Promise<RegionNode[]> {
    if (parentCode === null) return this.regions.children(null);
    assertCodeShape(parentCode, 'parent');
    const nodes = await this.regions.children(parentCode);
    if (!nodes.length && !(await this.regions.exists(parentCode))) {
      throw new DomainError('NOT_FOUND', `No region with code ${parentCode}`, { code: parentCode });
    }
    return nodes;
  }

  async get(code: string): Promise<RegionDetail> {
    assertCodeShape(code, 'code');
    const region = await this.regions.findByCode(code);
    if (!region) throw new DomainError('NOT_FOUND', `No region with code ${code}`, { code });
    const [path, hasChildren] = await Promise.all([
      this.regions.pathOf(region),
      this.regions.hasChildren(code),
    ]);
    const items = path.map((p) => ({ code: p.code, name: p.name, level: p.level }));
    return {
      code: region.code,
      name: region.name,
      level: region.level,
      parentCode: region.parentCode,
      hasChildren,
      provinceCode: region.provinceCode,
      cityCode: region.cityCode,
      versionDate: region.versionDate,
      path: items,
      fullName: displayNameOf(items),
    };
  }

  /** [province, city, county] (as far as the region goes), e.g. 330106 → 浙江省, 杭州市, 西湖区. */
  async pathOf(code: string): Promise<RegionPathItem[]> {
    return (await this.get(code)).path;
  }

  /**
   * Regions found by name or 拼音 (at most 50): `西湖`, `xihu`, `hz` (initials), `杭州 西湖` / `hz xh` (a province or
   * city, then the region). Exact and prefix hits first, then provinces before cities before counties; optionally
   * only within a subtree. Pinyin typed with spaces between syllables (`xi hu`) is tried joined when the terms
   * find nothing apart.
   */
  async search(q: string, within?: string): Promise<RegionSearchHit[]> {
    const terms = q.split(/\s+/).map(normalizeSearchTerm).filter(Boolean);
    if (!terms.length) return [];
    if (within !== undefined) assertCodeShape(within, 'parent');
    let hits = await this.regions.search(terms, SEARCH_LIMIT, within);
    if (!hits.length && terms.length > 1 && terms.every((t) => /^[a-z]+$/.test(t))) {
      hits = await this.regions.search([terms.join('')], SEARCH_LIMIT, within);
    }
    return hits.map(({ provinceName, cityName, ...node }) => ({
      ...node,
      fullName: displayNameOf(
        node.level === 'province'
          ? [{ name: node.name }]
          : node.level === 'city'
            ? [{ name: provinceName }, { name: node.name }]
            : [{ name: provinceName }, { name: cityName ?? '' }, { name: node.name }],
      ),
    }));
  }
}

function assertCodeShape(code: string, field: string): void {
  const result = validateRegionCode(code);
  if (!result.ok || result.normalized !== code) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${field} must be a 6-digit GB/T 2260 region code, got "${code}"`,
      {
        errors: [
          { field, code: 'isRegionCode', message: '行政区划代码应为6位数字 (6-digit GB/T 2260 code)' },
        ],
      },
    );
  }
}
