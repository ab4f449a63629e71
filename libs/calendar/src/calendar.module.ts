import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarRepository } from './calendar.repository';
import { CalendarSeeder } from './calendar.seeder';
import { CalendarService } from './calendar.service';
import { CalendarDayEntity } from './entities/calendar-day.entity';
import { CalendarYearEntity } from './entities/calendar-year.entity';

/** The working-day calendar. Needs DatabaseModule and AuditModule (global) in the application. */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarDayEntity, CalendarYearEntity])],
  providers: [CalendarRepository, CalendarService, CalendarSeeder],
  exports: [CalendarService, CalendarSeeder],
})
export class CalendarModule {}
