import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CalendarSource } from './calendar-day.entity';

/** A year whose official holiday notice is in the table (table `calendar_years`). */
@Entity('calendar_years')
export class CalendarYearEntity {
  @PrimaryColumn('int') year: number;
  @Column('text') source: CalendarSource;
  @Column('text') note: string;
  @Column('timestamptz') updatedAt: Date;
}
