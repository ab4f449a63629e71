import { Public } from '@app/auth';
import { DecisionPublicationService } from '@app/credit';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicDecisionPageDto, PublicDecisionQueryDto } from './dto/credit.dto';

/** Published decisions (案件信息公示, no login): the redacted summaries within their publication period. */
@ApiTags('public')
@Public()
@Controller('public/decisions')
export class PublicDecisionsController {
  constructor(private readonly publications: DecisionPublicationService) {}

  @Get()
  @ApiOperation({ summary: 'Decisions now published, newest first' })
  @ApiOkResponse({ type: PublicDecisionPageDto })
  search(@Query() q: PublicDecisionQueryDto): Promise<PublicDecisionPageDto> {
    return this.publications.publicSearch(q);
  }
}
