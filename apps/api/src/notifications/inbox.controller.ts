import { CurrentUser } from '@app/auth';
import type { Actor } from '@app/contracts';
import { InboxService, InboxStream } from '@app/notifications';
import type { Lang } from '@app/observability';
import { Controller, Get, HttpCode, Param, Post, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { InboxMessageParamDto, ListInboxQueryDto, toInboxListQuery } from './dto/inbox-query.dto';
import {
  InboxMarkAllReadResponseDto,
  InboxMessageResponseDto,
  InboxPageResponseDto,
  InboxUnreadCountResponseDto,
  toInboxMessageResponse,
} from './dto/inbox-response.dto';
import { RequestLang, TokenExpiry } from './dto/inbox-headers';
import { SseFrame, toInboxSse } from './dto/inbox-sse';

/** The signed-in user's own in-app messages (消息). Any signed-in user; other users' message ids are 404. */
@ApiTags('inbox')
@ApiBearerAuth()
@ApiHeader({
  name: 'Accept-Language',
  required: false,
  description: 'language of message titles and bodies: zh-CN (default) or en',
})
@Controller('inbox')
export class InboxController {
  constructor(
    private readonly inbox: InboxService,
    private readonly live: InboxStream,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'My messages, unread first, then newest first; title/body in the Accept-Language',
  })
  @ApiOkResponse({ type: InboxPageResponseDto })
  async list(
    @CurrentUser() actor: Actor,
    @Query() q: ListInboxQueryDto,
    @RequestLang() lang: Lang,
  ): Promise<InboxPageResponseDto> {
    const page = await this.inbox.list(actor, toInboxListQuery(q));
    return { ...page, items: page.items.map((m) => toInboxMessageResponse(m, lang)) };
  }

  @Get('unread-count')
  @ApiOkResponse({ type: InboxUnreadCountResponseDto })
  async unreadCount(@CurrentUser() actor: Actor): Promise<InboxUnreadCountResponseDto> {
    return { unreadCount: await this.inbox.unreadCount(actor) };
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my unread messages read' })
  @ApiOkResponse({ type: InboxMarkAllReadResponseDto })
  async markAllRead(@CurrentUser() actor: Actor): Promise<InboxMarkAllReadResponseDto> {
    return { marked: await this.inbox.markAllRead(actor) };
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my messages read (the first read time is kept)' })
  @ApiOkResponse({ type: InboxMessageResponseDto })
  async markRead(
    @CurrentUser() actor: Actor,
    @Param() params: InboxMessageParamDto,
    @RequestLang() lang: Lang,
  ): Promise<InboxMessageResponseDto> {
    return toInboxMessageResponse(await this.inbox.markRead(actor, params.id), lang);
  }

  @Sse('stream')
  @ApiOperation({
    summary:
      'Server-sent events: `unread` {unreadCount} on connect and on reads, `message` {message, unreadCount}',
    description:
      'Send the bearer token in the Authorization header (fetch with a streamed body; never a token in the URL). ' +
      'A `: heartbeat` comment comes every 25 s. The stream ends when the access token expires; reconnect then.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream', schema: { type: 'string' } })
  stream(
    @CurrentUser() actor: Actor,
    @RequestLang() lang: Lang,
    @TokenExpiry() endAt: Date | null,
  ): Observable<SseFrame> {
    return toInboxSse(this.live.events(actor.id), lang, { endAt });
  }
}
