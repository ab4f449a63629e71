import { AuditWriter } from '@app/audit';
import { COMPETENCES, type Actor, type Competence, type Page } from '@app/contracts';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@app/database';
import { DomainError, validateRegionCode } from '@app/domain';
import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { CreateOfficeDto, ListOfficesQueryDto, UpdateOfficeDto } from './dto/office.dto';
import type { OfficeEntity } from './entities/office.entity';
import { OfficeRepository, type OfficeValues } from './office.repository';
import { RegionRepository } from './region.repository';
import { RoutingCatalog, type RoutedOffice } from './routing-catalog';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE = 10_000;
const MAX_PAGE_SIZE = 200;

export type OfficeListQuery = Partial<Pick<ListOfficesQueryDto, 'regionCode' | 'competence' | 'q'>> & {
  /** Offices anywhere in this region subtree. */
  withinRegion?: string;
  active?: boolean;
  page?: number;
  pageSize?: number;
};

type FieldName = 'name' | 'shortName' | 'regionCode' | 'competences' | 'active';
const FIELDS: readonly FieldName[] = ['name', 'shortName', 'regionCode', 'competences', 'active'];

/** Enforcement offices: reference data edited by admins, read by everyone, and used to route work. */
@Injectable()
export class OfficeService {
  constructor(
    private readonly offices: OfficeRepository,
    private readonly regions: RegionRepository,
    private readonly audit: AuditWriter,
    private readonly routing: RoutingCatalog,
  ) {}

  async list(query: OfficeListQuery): Promise<Page<OfficeEntity>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) {
      invalid('page', `page must be 1–${MAX_PAGE}`, '页码超出范围');
    }
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      invalid('pageSize', `pageSize must be 1–${MAX_PAGE_SIZE}`, '每页条数超出范围');
    }
    if (query.withinRegion) assertRegionShape(query.withinRegion, 'within');
    if (query.regionCode) assertRegionShape(query.regionCode, 'regionCode');
    const { items, total } = await this.offices.list({ ...query, page, pageSize });
    return { items, total, page, pageSize };
  }

  async get(id: string): Promise<OfficeEntity> {
    const office = UUID.test(id) ? await this.offices.findById(id) : null;
    if (!office) throw new DomainError('NOT_FOUND', `No office with id ${id}`, { id });
    return office;
  }

  @Transactional()
  async create(actor: Actor, dto: CreateOfficeDto): Promise<OfficeEntity> {
    const values: OfficeValues = {
      name: requireText(dto.name, 'name'),
      shortName: requireText(dto.shortName, 'shortName'),
      regionCode: await this.requireRegion(dto.regionCode),
      competences: normalizeCompetences(dto.competences),
      active: dto.active ?? true,
    };
    const id = await this.unique(values.name, undefined, () => this.offices.insert(values));
    await this.audit.record(actor, {
      action: 'office.created',
      entityType: 'office',
      entityId: id,
      data: { ...values },
    });
    return (await this.offices.findById(id))!;
  }

  /** Optimistic update: `dto.version` must be the version the caller read, else STALE_VERSION (409). */
  @Transactional()
  async update(actor: Actor, id: string, dto: UpdateOfficeDto): Promise<OfficeEntity> {
    const current = await this.get(id);
    if (current.version !== dto.version) throw stale(id, current.version, dto.version);
    const next: OfficeValues = {
      name: dto.name === undefined ? current.name : requireText(dto.name, 'name'),
      shortName: dto.shortName === undefined ? current.shortName : requireText(dto.shortName, 'shortName'),
      regionCode:
        dto.regionCode === undefined || dto.regionCode === current.regionCode
          ? current.regionCode
          : await this.requireRegion(dto.regionCode),
      competences:
        dto.competences === undefined ? current.competences : normalizeCompetences(dto.competences),
      active: dto.active ?? current.active,
    };
    const changes: Partial<OfficeValues> = {};
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of FIELDS) {
      if (JSON.stringify(next[key]) !== JSON.stringify(current[key])) {
        Object.assign(changes, { [key]: next[key] });
        diff[key] = { from: current[key], to: next[key] };
      }
    }
    if (!Object.keys(changes).length) return current;
    const applied = await this.unique(next.name, changes.name === undefined ? null : id, () =>
      this.offices.updateIfVersion(id, dto.version, changes),
    );
    // Someone else committed between our read and our write.
    if (!applied) throw stale(id, undefined, dto.version);
    await this.audit.record(actor, {
      action: 'office.updated',
      entityType: 'office',
      entityId: id,
      data: diff,
    });
    return (await this.offices.findById(id))!;
  }

  /**
   * The active office with `competence` nearest to `regionCode` going up the tree: the county's own office, else the
   * city's, else the province's. Null when none of them has the competence. The rule is RoutingSnapshot's, on the
   * current routing data, so a suggestion is what intake itself would route to.
   */
  async findCompetent(regionCode: string, competence: Competence): Promise<RoutedOffice | null> {
    assertRegionShape(regionCode, 'regionCode');
    if (!COMPETENCES.includes(competence)) {
      invalid('competence', `Unknown competence ${competence}`, '未知的执法职能');
    }
    return (await this.routing.current()).competentOffice(regionCode, competence);
  }

  private async requireRegion(code: string): Promise<string> {
    assertRegionShape(code, 'regionCode');
    if (!(await this.regions.exists(code))) {
      invalid('regionCode', `Region ${code} is not in the GB/T 2260 table`, `行政区划代码 ${code} 不存在`);
    }
    return code;
  }

  /**
   * Runs a write and reports a duplicate office name as CONFLICT: checked first (the usual case, without a failed
   * statement in the log), and caught from the unique index for a concurrent writer.
   * @param selfId the office being renamed (its own name does not count); null when the name is not changing.
   */
  private async unique<T>(
    name: string,
    selfId: string | null | undefined,
    write: () => Promise<T>,
  ): Promise<T> {
    const conflict = () =>
      new DomainError('CONFLICT', `An office named "${name}" already exists`, {
        errors: [
          { field: 'name', code: 'unique', message: `机构名称"${name}"已存在 (office name is taken)` },
        ],
      });
    if (selfId !== null && (await this.offices.nameTaken(name, selfId))) throw conflict();
    try {
      return await write();
    } catch (e) {
      if (pgErrorCode(e) === PG_UNIQUE_VIOLATION) throw conflict();
      throw e;
    }
  }
}

function invalid(field: string, message: string, messageZh: string): never {
  throw new DomainError('VALIDATION_FAILED', message, {
    errors: [{ field, code: 'invalid', message: `${messageZh} (${message})` }],
  });
}

function assertRegionShape(code: string, field: string): void {
  const result = validateRegionCode(code);
  if (!result.ok || result.normalized !== code) {
    invalid(
      field,
      `${field} must be a 6-digit GB/T 2260 region code, got "${code}"`,
      '行政区划代码应为6位数字',
    );
  }
}

function requireText(value: string, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) invalid(field, `${field} must not be empty`, '不能为空');
  return text;
}

function normalizeCompetences(list: readonly Competence[]): Competence[] {
  const unknown = list.filter((c) => !COMPETENCES.includes(c));
  if (unknown.length) invalid('competences', `Unknown competences: ${unknown.join(', ')}`, '未知的执法职能');
  // Stored in the canonical order, so comparisons and diffs do not depend on how the client ordered them.
  return COMPETENCES.filter((c) => list.includes(c));
}

function stale(id: string, currentVersion: number | undefined, sent: number): DomainError {
  return new DomainError(
    'STALE_VERSION',
    `The office was changed by someone else (${currentVersion === undefined ? 'meanwhile' : `version ${currentVersion}`}, you sent ${sent}); reload and try again`,
    { id, ...(currentVersion === undefined ? {} : { currentVersion }) },
  );
}
