import { Public } from '@app/auth';
import { ListRegionsQueryDto, RegionResponseDto, RegionService, toRegionResponse } from '@app/regions';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, Throttle, ThrottlerGuard } from '@nestjs/throttler';

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
}
