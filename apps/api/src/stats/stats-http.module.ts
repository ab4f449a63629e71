import { StatsModule } from '@app/stats';
import { Module } from '@nestjs/common';
import { StatsController } from './stats.controller';

@Module({
  imports: [StatsModule],
  controllers: [StatsController],
})
export class StatsHttpModule {}
