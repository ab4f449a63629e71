import { CurrentUser, Roles } from '@app/auth';
import {
  CalendarDateParamDto,
  CalendarDayResponseDto,
  CalendarService,
  CalendarYearParamDto,
  CalendarYearQueryDto,
  CalendarYearResponseDto,
  CalendarYearStatusResponseDto,
  DueDateResponseDto,
  MarkYearCoveredDto,
  SetCalendarDayDto,
  toCalendarDayResponse,
  toCalendarYearResponse,
  toCalendarYearStatusResponse,
  toDueDateResponse,
  WorkingDaysQueryDto,
} from '@app/calendar';
import type { Actor } from '@app/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

/** The national working-day calendar: everyone reads it; admins keep it in line with the State Council notice. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('days')
  @ApiOperation({
    summary: "A year's holidays and make-up working days, and whether its official notice is in",
  })
  @ApiOkResponse({ type: CalendarYearResponseDto })
  async listYear(@Query() query: CalendarYearQueryDto): Promise<CalendarYearResponseDto> {
    return toCalendarYearResponse(await this.calendar.listYear(query.year));
  }

  @Put('days/:date')
  @Roles('admin')
  @ApiOperation({
    summary: 'Set a weekday holiday or a weekend make-up working day (kept over package data)',
  })
  @ApiOkResponse({ type: CalendarDayResponseDto })
  async setDay(
    @CurrentUser() actor: Actor,
    @Param() params: CalendarDateParamDto,
    @Body() dto: SetCalendarDayDto,
  ): Promise<CalendarDayResponseDto> {
    return toCalendarDayResponse(await this.calendar.setDay(actor, params.date, dto));
  }

  @Delete('days/:date')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the entry for a date (the day follows the weekend rule again)' })
  @ApiNoContentResponse()
  async deleteDay(@CurrentUser() actor: Actor, @Param() params: CalendarDateParamDto): Promise<void> {
    await this.calendar.deleteDay(actor, params.date);
  }

  @Post('years/:year/covered')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: "Mark a year's official notice as entered (stops the no-data warning)" })
  @ApiOkResponse({ type: CalendarYearStatusResponseDto })
  async markYearCovered(
    @CurrentUser() actor: Actor,
    @Param() params: CalendarYearParamDto,
    @Body() dto: MarkYearCoveredDto,
  ): Promise<CalendarYearStatusResponseDto> {
    return toCalendarYearStatusResponse(
      await this.calendar.markYearCovered(actor, params.year, dto.note ?? ''),
    );
  }

  @Get('working-days')
  @ApiOperation({
    summary: 'The n-th working day after a date (the date itself not counted), with data warnings',
  })
  @ApiOkResponse({ type: DueDateResponseDto })
  async workingDays(@Query() query: WorkingDaysQueryDto): Promise<DueDateResponseDto> {
    return toDueDateResponse(await this.calendar.dueDate(query.from, query.days));
  }
}
