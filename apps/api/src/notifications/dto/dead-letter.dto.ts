import { CHANNELS, type Channel, TOPIC_NAMES } from '@app/contracts';
import { maskEmail, maskPhone, scrubPersonalData } from '@app/domain';
import type { DeadLetter, DeliveryRecord } from '@app/notifications';
import { PageQueryDto } from '@app/observability';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ListDeadLettersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: Channel;
  @ApiPropertyOptional({ enum: TOPIC_NAMES }) @IsOptional() @IsIn(TOPIC_NAMES) topic?: string;
}

export class DeliveryAttemptDto {
  @ApiProperty() attempt: number;
  @ApiProperty() ok: boolean;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty() durationMs: number;
  @ApiProperty() at: string;
}

export class DeadLetterResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() outboxId: string;
  @ApiProperty({ enum: TOPIC_NAMES }) topic: string;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ description: 'user:<id>, email:<address>, webhook:<endpoint id> or sms:<phone>' })
  recipient: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed', 'dead', 'discarded'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ description: 'title of the notification (zh / en)' }) title: { zh: string; en: string };
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiPropertyOptional({ type: [DeliveryAttemptDto] }) attemptLog?: DeliveryAttemptDto[];
}

export class DeadLetterPageDto {
  @ApiProperty({ type: [DeadLetterResponseDto] }) items: DeadLetterResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export function toDeadLetterResponse(d: DeliveryRecord | DeadLetter): DeadLetterResponseDto {
  return {
    id: d.id,
    outboxId: d.outboxId,
    topic: d.topic,
    channel: d.channel,
    recipient: maskedRecipient(d.recipient),
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError === null ? null : scrubPersonalData(d.lastError),
    title: { zh: d.payload.title?.zh ?? '', en: d.payload.title?.en ?? '' },
    createdAt: new Date(d.createdAt).toISOString(),
    updatedAt: new Date(d.updatedAt).toISOString(),
    ...('attemptLog' in d
      ? {
          attemptLog: d.attemptLog.map((a) => ({
            ...a,
            error: a.error === null ? null : scrubPersonalData(a.error),
            at: new Date(a.at).toISOString(),
          })),
        }
      : {}),
  };
}

/**
 * A delivery's recipient as the dead-letter view shows it: a complainant's phone or e-mail address masked (issue 9),
 * users and webhook endpoints by their ids. Retrying uses the stored recipient, not this.
 */
export function maskedRecipient(recipient: string): string {
  const [kind, ...rest] = recipient.split(':');
  const value = rest.join(':');
  if (kind === 'sms') return `sms:${maskPhone(value)}`;
  if (kind === 'email') return `email:${maskEmail(value)}`;
  return recipient;
}
