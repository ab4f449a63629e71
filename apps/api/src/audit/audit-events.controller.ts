import { AuditQueryService } from '@app/audit';
import { Roles } from '@app/auth';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import {
  AuditEventFilterQueryDto,
  ListAuditEventsQueryDto,
  toAuditEventFilter,
  toAuditEventListQuery,
} from './dto/audit-event-query.dto';
import { AuditEventPageResponseDto, toAuditEventResponse } from './dto/audit-event-response.dto';

/** The audit log for administrators (系统管理 → 审计日志): read-only, filterable, exportable. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly audit: AuditQueryService) {}

  @Roles('admin')
  @Get()
  @ApiOkResponse({ type: AuditEventPageResponseDto })
  async list(@Query() q: ListAuditEventsQueryDto): Promise<AuditEventPageResponseDto> {
    const page = await this.audit.list(toAuditEventListQuery(q));
    return { ...page, items: page.items.map(toAuditEventResponse) };
  }

  /** CSV (UTF-8 with BOM, newest first, at most 100,000 rows), streamed. */
  @Roles('admin')
  @Get('export')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV file', schema: { type: 'string', format: 'binary' } })
  export(
    @Query() q: AuditEventFilterQueryDto,
    @Res({ passthrough: false }) reply: FastifyReply,
  ): FastifyReply {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, 'Z');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-events-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(this.audit.exportCsv(toAuditEventFilter(q))));
  }
}
