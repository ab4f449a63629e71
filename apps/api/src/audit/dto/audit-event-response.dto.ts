import type { AuditEventRecord, JsonValue } from '@app/audit';
import type { Page } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';

export class AuditEventResponseDto {
  @ApiProperty({ example: '1024', description: 'event id (a 64-bit integer, as a string)' }) id: string;
  @ApiProperty({ example: 'case:7f1c2d3e-…' }) stream: string;
  @ApiProperty({ example: 3, description: 'position in the stream, from 1' }) seq: number;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId: string | null;
  @ApiProperty({ example: 'officer.hz', description: "the actor's username ('anonymous' for public intake)" })
  actorName: string;
  @ApiProperty({ example: 'case.file' }) action: string;
  @ApiProperty({ example: 'case' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: JsonValue;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ description: 'sha256 hex of prev_hash and the canonical event' }) hash: string;
}

export class AuditEventPageResponseDto implements Page<AuditEventResponseDto> {
  @ApiProperty({ type: [AuditEventResponseDto] }) items: AuditEventResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export function toAuditEventResponse(e: AuditEventRecord): AuditEventResponseDto {
  return {
    id: e.id,
    stream: e.stream,
    seq: e.seq,
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    data: e.data,
    requestId: e.requestId,
    hash: e.hash,
  };
}
