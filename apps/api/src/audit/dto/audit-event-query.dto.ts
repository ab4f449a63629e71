import type { AuditEventFilter, AuditEventListQuery } from '@app/audit';
import { PageQueryDto } from '@app/observability';
import { addDays, isValidIsoDate, startOfShanghaiDay } from '@app/domain';
import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

const DATE_HELP =
  'ISO 8601 instant (2026-03-01T08:00:00+08:00) or a date (2026-03-01), read as the whole day in Asia/Shanghai';

/** Filters shared by the list and the CSV export. */
export class AuditEventFilterQueryDto {
  @ApiPropertyOptional({ description: 'username or user id of the actor' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  @ApiPropertyOptional({ example: 'case:7f1c…' }) @IsOptional() @IsString() @MaxLength(200) stream?: string;

  @ApiPropertyOptional({ example: 'user.created' }) @IsOptional() @IsString() @MaxLength(100) action?: string;

  @ApiPropertyOptional({ example: 'user' }) @IsOptional() @IsString() @MaxLength(50) entityType?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) entityId?: string;

  @ApiPropertyOptional({ description: `from (inclusive): ${DATE_HELP}` })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: `to (exclusive for an instant, inclusive for a date): ${DATE_HELP}` })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** The list query: the filters plus page (1–10000, default 1) and pageSize (1–200, default 20). */
export class ListAuditEventsQueryDto extends IntersectionType(AuditEventFilterQueryDto, PageQueryDto) {}

/** A date-only bound means the whole day in Asia/Shanghai; an instant is taken as given. */
function bound(value: string | undefined, end: boolean): Date | undefined {
  if (!value) return undefined;
  if (isValidIsoDate(value)) return startOfShanghaiDay(end ? addDays(value, 1) : value);
  return new Date(value);
}

export function toAuditEventFilter(q: AuditEventFilterQueryDto): AuditEventFilter {
  return {
    actor: q.actor,
    stream: q.stream,
    action: q.action,
    entityType: q.entityType,
    entityId: q.entityId,
    from: bound(q.from, false),
    to: bound(q.to, true),
  };
}

export function toAuditEventListQuery(q: ListAuditEventsQueryDto): AuditEventListQuery {
  return { ...toAuditEventFilter(q), page: q.page, pageSize: q.pageSize };
}
