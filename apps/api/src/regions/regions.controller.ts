import { IsRegionCode } from '@app/observability';
import {
  ListRegionsQueryDto,
  RegionDetailResponseDto,
  RegionResponseDto,
  RegionService,
  toRegionDetailResponse,
  toRegionResponse,
} from '@app/regions';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';

class RegionCodeParamDto {
  @ApiProperty({ example: '330106' })
  @IsRegionCode()
  code: string;
}

/** GB/T 2260 region tree, for cascaders and scope pickers. Any signed-in user. */
@ApiTags('regions')
@ApiBearerAuth()
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionService) {}

  @Get()
  @ApiOperation({
    summary:
      'Children of a region (provinces when no parent), or a name search with q (within parent if given)',
  })
  @ApiOkResponse({ type: [RegionResponseDto] })
  async list(@Query() query: ListRegionsQueryDto): Promise<RegionResponseDto[]> {
    const regions = query.q
      ? await this.regions.search(query.q, query.parent)
      : await this.regions.children(query.parent ?? null);
    return regions.map(toRegionResponse);
  }

  @Get(':code')
  @ApiOperation({ summary: 'One region with its path (province → city → county)' })
  @ApiOkResponse({ type: RegionDetailResponseDto })
  async get(@Param() params: RegionCodeParamDto): Promise<RegionDetailResponseDto> {
    return toRegionDetailResponse(await this.regions.get(params.code));
  }
}
