import { TOPIC_NAMES, type TopicName } from '@app/contracts';
import { IsVersion, PageQueryDto } from '@app/observability';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import type { WebhookEndpointEntity } from '../entities/webhook-endpoint.entity';
import type { WebhookPostResult } from '../../channels/webhook/webhook.client';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const queryBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

// Topics are checked against TOPIC_NAMES by the service, whose error names the unknown topic.
const TOPICS_DOC = { enum: TOPIC_NAMES, isArray: true, example: ['deadline.overdue'] } as const;

export class ListWebhookEndpointsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TOPIC_NAMES, description: 'endpoints subscribed to this topic' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  topic?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  active?: boolean;
}

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: '浙江省电商平台协同处置接口' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({
    example: 'https://partner.example.cn/ipe/webhook',
    description: 'http(s) URL the POSTs go to',
  })
  @Transform(trim)
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiProperty(TOPICS_DOC)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  topics: string[];
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional(TOPICS_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  topics?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsVersion()
  version: number;
}

export class WebhookEndpointResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: TOPIC_NAMES, isArray: true }) topics: TopicName[];
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
}

/** Only the create and rotate-secret responses carry the secret; it is never shown again. */
export class WebhookEndpointWithSecretResponseDto extends WebhookEndpointResponseDto {
  @ApiProperty({ description: 'HMAC-SHA256 key of the x-ipe-signature header; shown only this once' })
  secret: string;
}

export class WebhookEndpointPageResponseDto {
  @ApiProperty({ type: [WebhookEndpointResponseDto] }) items: WebhookEndpointResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class WebhookTestResultDto {
  @ApiProperty({ type: Number, nullable: true, description: 'HTTP status; null when no response arrived' })
  status: number | null;
  @ApiProperty({ description: 'the endpoint answered 2xx' }) ok: boolean;
  @ApiProperty() durationMs: number;
  @ApiPropertyOptional({ description: 'why it failed' }) error?: string;
}

export function toWebhookEndpointResponse(e: WebhookEndpointEntity): WebhookEndpointResponseDto {
  return {
    id: e.id,
    name: e.name,
    url: e.url,
    topics: e.topics,
    active: e.active,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    version: e.version,
  };
}

export function toWebhookEndpointWithSecretResponse(
  e: WebhookEndpointEntity,
): WebhookEndpointWithSecretResponseDto {
  return { ...toWebhookEndpointResponse(e), secret: e.secret };
}

export function toWebhookTestResult(r: WebhookPostResult): WebhookTestResultDto {
  return { status: r.status, ok: r.ok, durationMs: r.durationMs, ...(r.error ? { error: r.error } : {}) };
}
