import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/contracts';
import { StatsQueryService, StatsReconciler } from '@app/stats';
import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ReconciliationDto,
  StatsBreakdownDto,
  StatsBreakdownQueryDto,
  StatsQueryDto,
  StatsSummaryDto,
  StatsWorkloadDto,
  StatsWorkloadQueryDto,
} from './dto/stats.dto';
import { sendTable } from '../http/table-export';
import { breakdownColumns, WORKLOAD_COLUMNS } from './stats-export';

/** 统计分析: indicators for supervisors over their region subtree (issue 8), read from the monthly summaries. */
@ApiTags('stats')
@ApiBearerAuth()
@Roles('supervisor', 'admin')
@Controller('stats')
export class StatsController {
  constructor(
    private readonly stats: StatsQueryService,
    private readonly reconciler: StatsReconciler,
  ) {}

  @Get('summary')
  @ApiOperation({
    summary: 'KPIs for the period and the one before, open and overdue now, handling-time histogram',
  })
  @ApiOkResponse({ type: StatsSummaryDto })
  summary(@CurrentUser() actor: Actor, @Query() q: StatsQueryDto): Promise<StatsSummaryDto> {
    return this.stats.summary(actor, q);
  }

  @Get('breakdown')
  @ApiOperation({
    summary: 'Indicators per month, IP type, child region, office, procedure or source (one or two of them)',
    description: 'format=csv or xlsx downloads the table (Chinese headers).',
  })
  @ApiProduces(
    'application/json',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOkResponse({ type: StatsBreakdownDto })
  async breakdown(
    @CurrentUser() actor: Actor,
    @Query() q: StatsBreakdownQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StatsBreakdownDto | FastifyReply> {
    const { by, format, ...query } = q;
    const result = await this.stats.breakdown(actor, query, by);
    if (!format || format === 'json') return result;
    const name = `统计-${result.scope.regionName}-${result.scope.from}-${result.scope.to}-${by.join('-')}`;
    return sendTable(reply, format, name, breakdownColumns(by), result.rows);
  }

  @Get('workload')
  @ApiOperation({
    summary: 'The officers of one office: open and overdue cases now, what they closed in the period',
  })
  @ApiProduces(
    'application/json',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOkResponse({ type: StatsWorkloadDto })
  async workload(
    @CurrentUser() actor: Actor,
    @Query() q: StatsWorkloadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StatsWorkloadDto | FastifyReply> {
    const { format, ...query } = q;
    const result = await this.stats.workload(actor, query);
    if (!format || format === 'json') return result;
    const name = `办案人员工作量-${result.scope.from}-${result.scope.to}`;
    return sendTable(reply, format, name, WORKLOAD_COLUMNS, result.rows);
  }

  @Roles('admin')
  @Get('reconciliations')
  @ApiOperation({ summary: 'The latest reconciliations of the summaries against the source tables' })
  @ApiOkResponse({ type: [ReconciliationDto] })
  reconciliations(): Promise<ReconciliationDto[]> {
    return this.reconciler.runs() as unknown as Promise<ReconciliationDto[]>;
  }

  @Roles('admin')
  @Post('reconciliations')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reconcile now (report only; the nightly run repairs)' })
  @ApiOkResponse({ type: ReconciliationDto })
  async reconcile(): Promise<ReconciliationDto> {
    const report = await this.reconciler.reconcile({ repair: false });
    const [run] = await this.reconciler.runs(1);
    return { ...(run as unknown as ReconciliationDto), id: report.id };
  }
}
