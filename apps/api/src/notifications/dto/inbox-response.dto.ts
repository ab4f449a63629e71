import type { InboxMessage } from '@app/notifications';
import type { Lang } from '@app/observability';
import { ApiProperty } from '@nestjs/swagger';

/**
 * One in-app message. `title` and `body` are in the language of the request's `Accept-Language` (zh-CN unless it
 * asks for English); the web app sends the UI language with every call and reconnects the stream when it changes.
 */
export class InboxMessageResponseDto {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ example: 'deadline.due_soon' }) topic: string;
  @ApiProperty({ example: '期限即将届满' }) title: string;
  @ApiProperty({ example: '案件 浙杭知执〔2026〕12号 的立案期限将于 2026-03-05 届满' }) body: string;
  @ApiProperty({ type: String, nullable: true, example: '/cases/7f1c…', description: 'path in the web app' })
  link: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
}

export class InboxPageResponseDto {
  @ApiProperty({ type: [InboxMessageResponseDto] }) items: InboxMessageResponseDto[];
  @ApiProperty({ description: 'messages matching the filter' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'all unread messages of the user, whatever the filter' }) unreadCount: number;
}

export class InboxUnreadCountResponseDto {
  @ApiProperty() unreadCount: number;
}

export class InboxMarkAllReadResponseDto {
  @ApiProperty({ description: 'how many messages were unread and are now read' }) marked: number;
}

export function toInboxMessageResponse(m: InboxMessage, lang: Lang): InboxMessageResponseDto {
  const en = lang === 'en';
  return {
    id: m.id,
    topic: m.topic,
    title: en ? m.title.en : m.title.zh,
    body: en ? m.body.en : m.body.zh,
    link: m.link,
    data: m.data,
    createdAt: m.createdAt.toISOString(),
    readAt: m.readAt ? m.readAt.toISOString() : null,
  };
}
