import type { Competence } from '@app/contracts';
import { cityOf, provinceOf, regionRange } from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { OfficeEntity } from './entities/office.entity';

export interface OfficeListFilter {
  /** Offices sitting exactly at this region. */
  regionCode?: string;
  /** Offices anywhere in this region's subtree (index range scan, not LIKE). */
  withinRegion?: string;
  competence?: Competence;
  /** Part of the name or short name. */
  q?: string;
  active?: boolean;
  page: number;
  pageSize: number;
}

export interface OfficeValues {
  name: string;
  shortName: string;
  regionCode: string;
  competences: Competence[];
  active: boolean;
}

/** A region and the regions above it, nearest first: the chain competence is looked up along. */
export function regionChain(regionCode: string): string[] {
  return [...new Set([regionCode, cityOf(regionCode), provinceOf(regionCode)])].filter(
    (c): c is string => c !== null,
  );
}

@Injectable()
export class OfficeRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(OfficeEntity);
  }

  /** Offices with their region (every office has one: region_code is a foreign key). */
  private withRegion() {
    return this.repo.createQueryBuilder('o').innerJoinAndSelect('o.region', 'r');
  }

  findById(id: string): Promise<OfficeEntity | null> {
    return this.withRegion().where('o.id = :id', { id }).getOne();
  }

  async list(f: OfficeListFilter): Promise<{ items: OfficeEntity[]; total: number }> {
    const qb = this.withRegion();
    if (f.regionCode) qb.andWhere('o.region_code = :regionCode', { regionCode: f.regionCode });
    if (f.withinRegion) {
      const [lo, hi] = regionRange(f.withinRegion);
      qb.andWhere('o.region_code >= :lo AND o.region_code < :hi', { lo, hi });
    }
    if (f.competence) qb.andWhere(':competence = ANY(o.competences)', { competence: f.competence });
    if (f.q) {
      qb.andWhere('(o.name ILIKE :q OR o.short_name ILIKE :q)', { q: `%${f.q.replace(/[\\%_]/g, '\\$&')}%` });
    }
    if (f.active !== undefined) qb.andWhere('o.active = :active', { active: f.active });
    const [items, total] = await qb
      .orderBy('o.region_code')
      .addOrderBy('o.name')
      .skip((f.page - 1) * f.pageSize)
      .take(f.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** True when another office (not `exceptId`) already has this name. */
  async nameTaken(name: string, exceptId?: string): Promise<boolean> {
    const qb = this.repo.createQueryBuilder('o').where('o.name = :name', { name });
    if (exceptId) qb.andWhere('o.id <> :exceptId', { exceptId });
    return (await qb.getCount()) > 0;
  }

  /** Inserts an office and returns its id. A duplicate name surfaces as the driver's unique violation. */
  async insert(values: OfficeValues): Promise<string> {
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .into(OfficeEntity)
      .values(values)
      .returning(['id'])
      .execute();
    return (result.identifiers[0] as { id: string }).id;
  }

  /**
   * Applies `changes` only if the row still has `version` (optimistic lock); bumps version and updated_at.
   * Returns false when no row matched (missing, or changed by someone else meanwhile).
   */
  async updateIfVersion(id: string, version: number, changes: Partial<OfficeValues>): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(OfficeEntity)
      .set(changes)
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
