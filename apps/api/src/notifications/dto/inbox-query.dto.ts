import type { InboxListQuery } from '@app/notifications';
import { PageQueryDto } from '@app/observability';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';

/** `?unreadOnly=true|false|1|0` plus page (1–10000, default 1) and pageSize (1–200, default 20). */
export class ListInboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'only unread messages' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  )
  @IsBoolean()
  unreadOnly?: boolean;
}

export function toInboxListQuery(q: ListInboxQueryDto): InboxListQuery {
  return { unreadOnly: q.unreadOnly ?? false, page: q.page, pageSize: q.pageSize };
}

/** `:id` of an inbox message: a positive integer. */
export class InboxMessageParamDto {
  @ApiProperty({ example: '42', description: 'message id' })
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'id must be a positive integer (编号应为正整数)' })
  id: string;
}
