export * from './calendar.module';
export { CALENDAR_STAMP_SQL, type PackageImportResult } from './calendar.repository';
export * from './calendar.seeder';
export * from './calendar.service';
export * from './chinese-days.source';
export * from './dto/calendar.dto';
export * from './entities/calendar-day.entity';
export * from './entities/calendar-year.entity';
