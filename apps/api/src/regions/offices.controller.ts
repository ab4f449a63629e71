import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/contracts';
import {
  CreateOfficeDto,
  ListOfficesQueryDto,
  OfficePageResponseDto,
  OfficeResponseDto,
  OfficeService,
  toOfficeResponse,
  UpdateOfficeDto,
} from '@app/regions';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { UuidParam } from '../http/uuid-param';

/** Enforcement offices: any signed-in user reads them; admins create and edit. */
@ApiTags('offices')
@ApiBearerAuth()
@Controller('offices')
export class OfficesController {
  constructor(private readonly offices: OfficeService) {}

  @Get()
  @ApiOperation({ summary: 'List offices (filter by exact region, region subtree, competence, name)' })
  @ApiOkResponse({ type: OfficePageResponseDto })
  async list(@Query() query: ListOfficesQueryDto): Promise<OfficePageResponseDto> {
    const page = await this.offices.list({
      regionCode: query.regionCode,
      withinRegion: query.within,
      competence: query.competence,
      q: query.q,
      page: query.page,
      pageSize: query.pageSize,
    });
    return { ...page, items: page.items.map(toOfficeResponse) };
  }

  @Get(':id')
  @ApiOkResponse({ type: OfficeResponseDto })
  async get(@Param('id', UuidParam) id: string): Promise<OfficeResponseDto> {
    return toOfficeResponse(await this.offices.get(id));
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: OfficeResponseDto })
  @ApiConflictResponse({ description: 'an office with this name exists' })
  async create(@CurrentUser() actor: Actor, @Body() dto: CreateOfficeDto): Promise<OfficeResponseDto> {
    return toOfficeResponse(await this.offices.create(actor, dto));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: OfficeResponseDto })
  @ApiConflictResponse({ description: 'stale version, or an office with this name exists' })
  async update(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Body() dto: UpdateOfficeDto,
  ): Promise<OfficeResponseDto> {
    return toOfficeResponse(await this.offices.update(actor, id, dto));
  }
}
