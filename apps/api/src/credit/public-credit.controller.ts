import { csvField } from '@app/audit';
import { Public } from '@app/auth';
import { CreditPublicService, RegistryCache, registryCacheKey, type PublicListing } from '@app/credit';
import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { FeedPageDto, FeedQueryDto, RegistryPageDto, RegistryQueryDto } from './dto/credit.dto';
import { sendRegistry } from './registry-response';

const CSV_COLUMNS: [keyof PublicListing, string][] = [
  ['listingNo', '列入编号'],
  ['subjectName', '主体名称'],
  ['subjectUscc', '统一社会信用代码'],
  ['subjectIdMasked', '身份证号码（隐去部分）'],
  ['groundLabel', '列入事由'],
  ['legalBasis', '法律依据'],
  ['decisionNo', '决定书文号'],
  ['decisionDate', '决定日期'],
  ['authority', '作出决定机关'],
  ['regionCode', '地区代码'],
  ['publishFrom', '公示开始'],
  ['publishUntil', '公示截止'],
];

/**
 * The public credit registry (no login): listings currently published, as JSON or CSV, with a strong ETag (a
 * conditional request that matches gets 304) and a short public cache lifetime; and the change feed for credit
 * agencies and the national credit platform. Read-only and cached (RegistryCache; hits are answered before Nest
 * by registryEdge), so not rate-limited.
 */
@ApiTags('public')
@Public()
@Controller('public/credit-listings')
export class PublicCreditController {
  constructor(
    private readonly registry: CreditPublicService,
    private readonly cache: RegistryCache,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Search the published listings by name, credit code, region or IP type' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: RegistryPageDto })
  async search(
    @Query() q: RegistryQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: false }) reply: FastifyReply,
  ): Promise<FastifyReply> {
    const csv = q.format === 'csv';
    const key = registryCacheKey(q);
    let hit = this.cache.get(key);
    if (!hit) {
      const generation = this.cache.generation;
      const page = await this.registry.search(q);
      const body = csv ? toCsv(page.items) : JSON.stringify(page);
      hit = { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
      this.cache.set(key, hit, generation);
    }
    return sendRegistry(reply, hit, csv, ifNoneMatch);
  }

  @Get('feed')
  @ApiOperation({
    summary: 'Changes since a cursor (listed, removed), oldest first; removals carry the reason',
  })
  @ApiOkResponse({ type: FeedPageDto })
  feed(@Query() q: FeedQueryDto): Promise<FeedPageDto> {
    return this.registry.feed(q.cursor, q.limit);
  }
}

function toCsv(items: PublicListing[]): string {
  const lines = [CSV_COLUMNS.map(([, h]) => csvField(h)).join(',')];
  for (const item of items) {
    lines.push(
      CSV_COLUMNS.map(([k]) => {
        const v = item[k];
        return csvField(typeof v === 'object' && v !== null ? v.zh : (v as string | null));
      }).join(','),
    );
  }
  // UTF-8 with BOM, so spreadsheet software reads the Chinese text right.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
