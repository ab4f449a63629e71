import { CASE_SOURCE_CODES, IP_TYPE_CODES, PROCEDURE_CODES } from '@app/domain';
import { IsRegionCode } from '@app/observability';
import { STATS_GROUPS, type Indicators, type StatsGroup } from '@app/stats';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The region subtree (the supervisor's own by default), whole months and optional filters. */
export class StatsQueryDto {
  @ApiPropertyOptional({ example: '330000', description: 'region subtree (default: your own region)' })
  @IsOptional()
  @IsRegionCode()
  region?: string;

  @ApiPropertyOptional({ example: '2026-01', description: 'first month (default: 11 months before `to`)' })
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month written YYYY-MM (月份格式应为YYYY-MM)' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'last month (default: this month)' })
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month written YYYY-MM (月份格式应为YYYY-MM)' })
  to?: string;

  @ApiPropertyOptional({ enum: IP_TYPE_CODES }) @IsOptional() @IsIn(IP_TYPE_CODES) ipType?: string;
  @ApiPropertyOptional({ enum: PROCEDURE_CODES }) @IsOptional() @IsIn(PROCEDURE_CODES) procedure?: string;
  @ApiPropertyOptional({ enum: CASE_SOURCE_CODES }) @IsOptional() @IsIn(CASE_SOURCE_CODES) source?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() officeId?: string;
}

export class StatsBreakdownQueryDto extends StatsQueryDto {
  @ApiProperty({
    description: `one or two groups, comma-separated: ${STATS_GROUPS.join(', ')} (region = the scope's child regions)`,
    example: 'month,ipType',
    type: String,
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsIn(STATS_GROUPS, { each: true, message: `by must be one or two of ${STATS_GROUPS.join(', ')}` })
  by: StatsGroup[];

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

export class StatsWorkloadQueryDto extends StatsQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() declare officeId: string;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

/** Field names of the indicators, for the OpenAPI schema (all numbers; rates 0–1, null when undefined). */
export const INDICATOR_FIELDS: (keyof Indicators)[] = [
  'casesReceived',
  'casesFiled',
  'casesClosed',
  'casesNotFiled',
  'closingRate',
  'closingDue',
  'closedOnTime',
  'onTimeRate',
  'handled',
  'handlingP50Wd',
  'handlingP90Wd',
  'handlingMeanWd',
  'handlingMeanGrossWd',
  'fines',
  'finesSumYuan',
  'fineMedianYuan',
  'referralsSent',
  'referralsReceived',
  'referralResponseMeanWd',
  'criminalTransfers',
  'policeFiled',
  'policeAcceptanceRate',
  'complaintsReceived',
  'complaintsAccepted',
  'complaintsRefused',
  'complaintsAnswered',
  'complaintsTransferred',
  'complaintsDecidedOnTimeRate',
  'callbacks',
  'satisfactionMean',
  'satisfiedShare',
  'listingsPublished',
  'listingsRemoved',
];

export class IndicatorsDto {}
for (const f of INDICATOR_FIELDS) {
  ApiProperty({ type: Number, nullable: true })(IndicatorsDto.prototype, f);
}

export class StatsScopeDto {
  @ApiProperty({ nullable: true, type: String }) regionCode: string | null;
  @ApiProperty() regionName: string;
  @ApiProperty({ enum: ['country', 'province', 'city', 'county'] }) level: string;
  @ApiProperty({ example: '2026-01' }) from: string;
  @ApiProperty({ example: '2026-12' }) to: string;
  @ApiProperty() previousFrom: string;
  @ApiProperty() previousTo: string;
  @ApiProperty({ description: 'the summary table that answered, or facts' }) source: string;
  @ApiProperty({ description: 'changes not yet in the summaries' }) pendingChanges: number;
}

export class HistogramBucketDto {
  @ApiProperty() fromWd: number;
  @ApiProperty({ nullable: true, type: Number }) toWd: number | null;
  @ApiProperty() cases: number;
}

export class StatsSummaryDto {
  @ApiProperty({ type: StatsScopeDto }) scope: StatsScopeDto;
  @ApiProperty({ type: IndicatorsDto }) current: Indicators;
  @ApiProperty({ type: IndicatorsDto }) previous: Indicators;
  @ApiProperty({ description: 'open cases now' }) open: number;
  @ApiProperty({ description: 'open cases past a time limit now' }) overdue: number;
  @ApiProperty({ type: [HistogramBucketDto] }) handlingHistogram: HistogramBucketDto[];
}

export class StatsRowDto extends IndicatorsDto {
  @ApiPropertyOptional({ example: '2026-03' }) month?: string;
  @ApiPropertyOptional() ipType?: string;
  @ApiPropertyOptional() region?: string;
  @ApiPropertyOptional() office?: string;
  @ApiPropertyOptional() procedure?: string;
  @ApiPropertyOptional() source?: string;
  @ApiProperty() label: string;
}

export class StatsBreakdownDto {
  @ApiProperty({ type: StatsScopeDto }) scope: StatsScopeDto;
  @ApiProperty({ type: [StatsRowDto] }) rows: StatsRowDto[];
}

export class WorkloadRowDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() open: number;
  @ApiProperty() overdue: number;
  @ApiProperty() closed: number;
  @ApiProperty() closingDue: number;
  @ApiProperty({ nullable: true, type: Number }) onTimeRate: number | null;
  @ApiProperty({ nullable: true, type: Number }) handlingMeanWd: number | null;
}

export class StatsWorkloadDto {
  @ApiProperty({ type: StatsScopeDto }) scope: StatsScopeDto;
  @ApiProperty({ type: [WorkloadRowDto] }) rows: WorkloadRowDto[];
}

export class ReconciliationDto {
  @ApiProperty() id: string;
  @ApiProperty() startedAt: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty() factsChecked: number;
  @ApiProperty() factsDrifted: number;
  @ApiProperty() cellsChecked: number;
  @ApiProperty() cellsDrifted: number;
  @ApiProperty() repaired: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) sample: unknown[];
}
