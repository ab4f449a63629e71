import { shanghaiDate } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type {
  CalendarDayView,
  CalendarWarning,
  CalendarYearStatus,
  CalendarYearView,
  DueDate,
} from '../calendar.service';
import type { CalendarDayKind, CalendarSource } from '../entities/calendar-day.entity';
import { IsIsoDate } from '@app/observability';

const KINDS: CalendarDayKind[] = ['holiday', 'workday'];
const SOURCES: CalendarSource[] = ['package', 'admin'];

export class CalendarYearQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'defaults to the current year (Asia/Shanghai)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2200)
  year: number = Number(shanghaiDate(new Date()).slice(0, 4));
}

export class CalendarDateParamDto {
  @ApiProperty({ example: '2026-10-08' })
  @IsIsoDate()
  date: string;
}

export class CalendarYearParamDto {
  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2200)
  year: number;
}

export class SetCalendarDayDto {
  @ApiProperty({
    enum: KINDS,
    description: "'holiday' on a Monday–Friday, or 'workday' (调休上班) on a Saturday or Sunday",
  })
  @IsIn(KINDS)
  kind: CalendarDayKind;

  @ApiPropertyOptional({ example: '国庆节', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  name?: string;
}

export class MarkYearCoveredDto {
  @ApiPropertyOptional({
    example: '国办发明电〔2026〕X号 《关于2027年部分节假日安排的通知》',
    maxLength: 500,
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class WorkingDaysQueryDto {
  @ApiProperty({ example: '2026-09-30', description: 'start date, not counted' })
  @IsIsoDate()
  from: string;

  @ApiProperty({ example: 5, minimum: 0, maximum: 10000 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  days: number;
}

export class CalendarDayResponseDto {
  @ApiProperty({ example: '2026-10-01' }) date: string;
  @ApiProperty({ enum: KINDS }) kind: CalendarDayKind;
  @ApiProperty({ example: '国庆节' }) name: string;
  @ApiProperty({ enum: SOURCES }) source: CalendarSource;
}

export class CalendarYearResponseDto {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ description: 'the official notice for the year is in the table' }) covered: boolean;
  @ApiProperty({ enum: SOURCES, nullable: true }) coveredSource: CalendarSource | null;
  @ApiProperty() note: string;
  @ApiProperty({
    type: [CalendarDayResponseDto],
    description: 'exceptions to the weekend rule only: weekday holidays and weekend make-up working days',
  })
  days: CalendarDayResponseDto[];
}

export class CalendarYearStatusResponseDto {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty() covered: boolean;
  @ApiProperty({ enum: SOURCES }) source: CalendarSource;
  @ApiProperty() note: string;
}

export class CalendarWarningDto {
  @ApiProperty({ example: 'CALENDAR_NO_DATA' }) code: string;
  @ApiProperty({ example: [2027], type: [Number] }) years: number[];
  @ApiProperty() message: string;
}

export class DueDateResponseDto {
  @ApiProperty({ example: '2026-10-08' }) due: string;
  @ApiProperty({ type: [CalendarWarningDto] }) warnings: CalendarWarningDto[];
}

export const toCalendarDayResponse = (d: CalendarDayView): CalendarDayResponseDto => ({
  date: d.date,
  kind: d.kind,
  name: d.name,
  source: d.source,
});

export const toCalendarYearResponse = (y: CalendarYearView): CalendarYearResponseDto => ({
  year: y.year,
  covered: y.covered,
  coveredSource: y.coveredSource,
  note: y.note,
  days: y.days.map(toCalendarDayResponse),
});

export const toCalendarYearStatusResponse = (s: CalendarYearStatus): CalendarYearStatusResponseDto => ({
  year: s.year,
  covered: s.covered,
  source: s.source,
  note: s.note,
});

const toWarning = (w: CalendarWarning): CalendarWarningDto => ({
  code: w.code,
  years: w.years,
  message: w.message,
});

export const toDueDateResponse = (d: DueDate): DueDateResponseDto => ({
  due: d.due,
  warnings: d.warnings.map(toWarning),
});
