import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/contracts';
import { SupervisionService } from '@app/referrals';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../http/uuid-param';
import {
  EndSupervisionDto,
  StartSupervisionDto,
  SupervisionReportDto,
  SupervisionViewDto,
} from './dto/supervision.dto';

/** 督办: joint supervision of major cases by a higher level (issue 6). */
@ApiTags('referrals')
@ApiBearerAuth()
@Roles('officer', 'supervisor', 'admin')
@Controller()
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('cases/:id/supervision')
  @ApiOperation({
    summary: "The case's active (or latest) supervision with its progress reports; 404 if none",
  })
  @ApiOkResponse({ type: SupervisionViewDto })
  get(@CurrentUser() actor: Actor, @Param('id', UuidParam) caseId: string): Promise<SupervisionViewDto> {
    return this.supervision.get(actor, caseId);
  }

  @Post('cases/:id/supervision')
  @Roles('supervisor')
  @ApiOperation({
    summary:
      'Supervise the case (a supervisor above the handling office); 409 if it already is or the case is closed',
  })
  @ApiCreatedResponse({ type: SupervisionViewDto })
  start(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) caseId: string,
    @Body() dto: StartSupervisionDto,
  ): Promise<SupervisionViewDto> {
    return this.supervision.start(actor, caseId, dto);
  }

  @Post('cases/:id/supervision/reports')
  @Roles('officer', 'supervisor')
  @ApiOperation({ summary: 'File a progress report (the handling office); the next one falls due' })
  @ApiCreatedResponse({ type: SupervisionViewDto })
  report(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) caseId: string,
    @Body() dto: SupervisionReportDto,
  ): Promise<SupervisionViewDto> {
    return this.supervision.report(actor, caseId, dto);
  }

  @Post('cases/:id/supervision/end')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'End the supervision (a supervisor over the supervising region)' })
  @ApiOkResponse({ type: SupervisionViewDto })
  end(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) caseId: string,
    @Body() dto: EndSupervisionDto,
  ): Promise<SupervisionViewDto> {
    return this.supervision.end(actor, caseId, dto);
  }
}
