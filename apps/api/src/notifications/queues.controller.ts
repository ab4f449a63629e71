import { Roles } from '@app/auth';
import { QueueStatsService } from '@app/notifications';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueueSnapshotDto } from './dto/queue-snapshot.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Roles('admin')
@Controller('queues')
export class QueuesController {
  constructor(private readonly stats: QueueStatsService) {}

  @Get()
  @ApiOperation({ summary: '队列状态 Jobs per queue and state, outbox and delivery backlog' })
  @ApiOkResponse({ type: QueueSnapshotDto })
  snapshot(): Promise<QueueSnapshotDto> {
    return this.stats.snapshot();
  }
}
