import { Roles } from '@app/auth';
import { QueueStatsService, type QueueSnapshot } from '@app/notifications';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

@ApiTags('notifications')
@ApiBearerAuth()
@Roles('admin')
@Controller('queues')
export class QueuesController {
  constructor(private readonly stats: QueueStatsService) {}

  @Get()
  @ApiOperation({ summary: '队列状态 Jobs per queue and state, outbox and delivery backlog' })
  snapshot(): Promise<QueueSnapshot> {
    return this.stats.snapshot();
  }
}
