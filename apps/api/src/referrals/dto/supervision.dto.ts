import type { SupervisionReportView, SupervisionView } from '@app/referrals';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { OfficeRefDto } from './referral.dto';

export class StartSupervisionDto {
  @ApiProperty({ maxLength: 2000, description: 'why the case is supervised (督办理由)' })
  @IsString()
  @MaxLength(2000)
  reason: string;
  @ApiProperty({
    minimum: 1,
    maximum: 90,
    description: 'progress reports are due every this many natural days',
  })
  @IsInt()
  @Min(1)
  @Max(90)
  reportEveryDays: number;
}

export class SupervisionReportDto {
  @ApiProperty({ maxLength: 5000, description: 'the progress report (办理进展)' })
  @IsString()
  @MaxLength(5000)
  body: string;
}

export class EndSupervisionDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @MaxLength(2000) reason: string;
}

class SupervisingRegionDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

class SupervisionUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) displayName: string | null;
}

class SupervisionReportViewDto implements SupervisionReportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: SupervisionUserDto }) filedBy: SupervisionUserDto;
  @ApiProperty() filedAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'when the report was due as it was filed' })
  wasDueAt: string | null;
  @ApiProperty({ description: 'filed after it was due' }) late: boolean;
}

export class SupervisionViewDto implements SupervisionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: ['active', 'ended'] }) state: 'active' | 'ended';
  @ApiProperty({ type: SupervisingRegionDto, description: 'the supervising level' })
  region: SupervisingRegionDto;
  @ApiProperty({ type: OfficeRefDto, description: "the supervising supervisor's office" })
  office: OfficeRefDto;
  @ApiProperty({ type: SupervisionUserDto }) startedBy: SupervisionUserDto;
  @ApiProperty() reason: string;
  @ApiProperty() reportEveryDays: number;
  @ApiProperty({ type: String, nullable: true, description: 'null once ended' })
  nextReportDueAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: String, nullable: true }) endReason: string | null;
  @ApiProperty() startedAt: string;
  @ApiProperty({ type: String, nullable: true }) endedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: [SupervisionReportViewDto] }) reports: SupervisionReportViewDto[];
  @ApiProperty({ description: 'the reader may file a progress report now' }) canReport: boolean;
  @ApiProperty({ description: 'the reader may end the supervision' }) canEnd: boolean;
}
