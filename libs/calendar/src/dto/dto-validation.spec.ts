import { DomainError } from '@app/domain';
import { createValidationPipe } from '@app/observability';
import type { ArgumentMetadata } from '@nestjs/common';
import {
  CalendarDateParamDto,
  CalendarYearParamDto,
  CalendarYearQueryDto,
  MarkYearCoveredDto,
  SetCalendarDayDto,
  WorkingDaysQueryDto,
} from './calendar.dto';

const pipe = createValidationPipe();
const run = (
  metatype: ArgumentMetadata['metatype'],
  value: unknown,
  type: ArgumentMetadata['type'] = 'query',
) => pipe.transform(value, { type, metatype });
const fieldsOf = async (p: Promise<unknown>): Promise<string[]> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError)
      return [...new Set((e.details?.errors as { field: string }[]).map((x) => x.field))];
    throw e;
  }
  return [];
};

describe('calendar DTOs (the global validation pipe)', () => {
  it('checks dates, years and day counts', async () => {
    await expect(run(CalendarDateParamDto, { date: '2026-10-08' }, 'param')).resolves.toEqual({
      date: '2026-10-08',
    });
    expect(await fieldsOf(run(CalendarDateParamDto, { date: '2026-2-1' }, 'param'))).toEqual(['date']);
    expect(await fieldsOf(run(CalendarDateParamDto, { date: '2026-02-30' }, 'param'))).toEqual(['date']);
    await expect(run(CalendarYearParamDto, { year: '2027' }, 'param')).resolves.toEqual({ year: 2027 });
    expect(await fieldsOf(run(CalendarYearParamDto, { year: '1900' }, 'param'))).toEqual(['year']);
    await expect(run(CalendarYearQueryDto, { year: '2026' })).resolves.toEqual({ year: 2026 });
    expect(((await run(CalendarYearQueryDto, {})) as CalendarYearQueryDto).year).toBeGreaterThanOrEqual(2025);
    await expect(run(WorkingDaysQueryDto, { from: '2026-09-30', days: '5' })).resolves.toEqual({
      from: '2026-09-30',
      days: 5,
    });
    expect(await fieldsOf(run(WorkingDaysQueryDto, { from: '2026-09-30', days: '-1' }))).toEqual(['days']);
    expect(await fieldsOf(run(WorkingDaysQueryDto, { days: '1' }))).toEqual(['from']);
  });

  it('checks day and year bodies', async () => {
    await expect(run(SetCalendarDayDto, { kind: 'holiday', name: '国庆节' }, 'body')).resolves.toEqual({
      kind: 'holiday',
      name: '国庆节',
    });
    expect(await fieldsOf(run(SetCalendarDayDto, { kind: 'rest' }, 'body'))).toEqual(['kind']);
    expect(await fieldsOf(run(SetCalendarDayDto, { kind: 'holiday', source: 'package' }, 'body'))).toEqual([
      'source',
    ]);
    expect(await fieldsOf(run(MarkYearCoveredDto, { note: 'x'.repeat(501) }, 'body'))).toEqual(['note']);
  });
});
