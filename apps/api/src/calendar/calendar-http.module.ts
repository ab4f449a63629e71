import { CalendarModule } from '@app/calendar';
import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';

@Module({ imports: [CalendarModule], controllers: [CalendarController] })
export class CalendarHttpModule {}
