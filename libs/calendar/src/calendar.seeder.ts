import { Transactional } from '@nestjs-cls/transactional';
import { Injectable, Logger } from '@nestjs/common';
import { CalendarRepository, type PackageImportResult } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { chineseDaysCalendar } from './chinese-days.source';

export interface CalendarSeedResult extends PackageImportResult {
  /** Years the package covers (each marked covered, unless an admin already had). */
  years: number[];
}

/**
 * Imports every year the `chinese-days` package has the official notice for, as source 'package'. Idempotent;
 * never overwrites an admin's entry; years the package lacks (e.g. 2027 in 1.5.7) are not marked covered.
 */
@Injectable()
export class CalendarSeeder {
  private readonly logger = new Logger(CalendarSeeder.name);

  constructor(
    private readonly calendar: CalendarRepository,
    private readonly service: CalendarService,
  ) {}

  @Transactional()
  async seed(): Promise<CalendarSeedResult> {
    const { years, days } = chineseDaysCalendar();
    const result = await this.calendar.importPackage(days, years);
    this.service.invalidate();
    this.logger.log({ ...result, from: years[0], to: years[years.length - 1] }, 'Calendar seeded');
    return { ...result, years };
  }
}
