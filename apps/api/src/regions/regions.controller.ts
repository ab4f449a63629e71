import { IsRegionCode } from '@app/observability';
import {
  ListRegionsQueryDto,
  RegionDetailResponseDto,
  RegionResponseDto,
  RegionService,
  toRegionDetailResponse,
} from '@app/regions';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { LIST_REGIONS_SUMMARY, listRegions } from './list-regions';

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
  @ApiOperation({ summary: LIST_REGIONS_SUMMARY })
  @ApiOkResponse({ type: [RegionResponseDto] })
  async list(@Query() query: ListRegionsQueryDto): Promise<RegionResponseDto[]> {
    return listRegions(this.regions, query);
  }

  @Get(':code')
  @ApiOperation({ summary: 'One region with its path (province → city → county)' })
  @ApiOkResponse({ type: RegionDetailResponseDto })
  async get(@Param() params: RegionCodeParamDto): Promise<RegionDetailResponseDto> {
    return toRegionDetailResponse(await this.regions.get(params.code));
  }
}
