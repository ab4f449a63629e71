import { Public } from '@app/auth';
import { ListRegionsQueryDto, RegionResponseDto, RegionService } from '@app/regions';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { LIST_REGIONS_SUMMARY, listRegions } from '../regions/list-regions';

/**
 * The region tree for the public complaint form (no login), which must say where the infringement happens.
 * Rate-limited per client IP by the 'public' throttler like the form itself, with a higher limit: a form fill
 * looks regions up several times while the user types.
 */
@ApiTags('public')
@Public()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ default: true })
@Throttle({ public: { limit: 120, ttl: 60_000 } })
@Controller('public/regions')
export class PublicRegionsController {
  constructor(private readonly regions: RegionService) {}

  @Get()
  @ApiOperation({ summary: LIST_REGIONS_SUMMARY })
  @ApiOkResponse({ type: [RegionResponseDto] })
  async list(@Query() query: ListRegionsQueryDto): Promise<RegionResponseDto[]> {
    return listRegions(this.regions, query);
  }
}
