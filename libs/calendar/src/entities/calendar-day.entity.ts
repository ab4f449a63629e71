import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CalendarDayKind = 'holiday' | 'workday';
export type CalendarSource = 'package' | 'admin';

/** National region code of the calendar (regions may add local days later, domain.md §6 Art 4). */
export const NATIONAL_REGION = '000000';

/** An exception to the Monday–Friday rule (table `calendar_days`). */
@Entity('calendar_days')
export class CalendarDayEntity {
  @PrimaryColumn({ type: 'char', length: 6 }) regionCode: string;
  /** 'YYYY-MM-DD' */
  @PrimaryColumn('date') date: string;
  @Column('text') kind: CalendarDayKind;
  @Column('text') name: string;
  @Column('text') source: CalendarSource;
  @Column('uuid', { nullable: true }) updatedBy: string | null;
  @Column('timestamptz') updatedAt: Date;
}
