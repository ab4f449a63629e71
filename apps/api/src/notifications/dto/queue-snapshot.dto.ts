import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class QueueCountsDto {
  @ApiProperty({ example: 'notify-inbox' }) name: string;
  @ApiProperty() waiting: number;
  @ApiProperty() active: number;
  @ApiProperty({ description: 'waiting for a retry (backoff)' }) delayed: number;
  @ApiProperty() failed: number;
  @ApiProperty() completed: number;
}

export class BacklogDto {
  @ApiProperty() pending: number;
  @ApiProperty({ nullable: true, type: Number, description: 'age of the oldest, in seconds' })
  oldestAgeSeconds: number | null;
}

export class QueueSnapshotDto {
  @ApiProperty({
    type: [QueueCountsDto],
    nullable: true,
    description: 'null when Redis did not answer in time',
  })
  queues: QueueCountsDto[] | null;
  @ApiPropertyOptional() redisError?: string;
  @ApiProperty({ type: BacklogDto, description: 'outbox rows not yet relayed' }) outbox: BacklogDto;
  @ApiProperty({ type: BacklogDto, description: 'deliveries not yet delivered' }) deliveries: BacklogDto;
}
