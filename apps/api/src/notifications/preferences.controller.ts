import { CurrentUser } from '@app/auth';
import type { Actor } from '@app/contracts';
import { NotificationPreferenceService } from '@app/notifications';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotificationTopicParamDto, SetNotificationPreferenceDto } from './dto/preferences-request.dto';
import {
  NotificationPreferenceResponseDto,
  toNotificationPreferenceResponse,
} from './dto/preferences-response.dto';

/** The signed-in user's channel choices per notification topic (通知设置). */
@ApiTags('notification-preferences')
@ApiBearerAuth()
@Controller('notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferenceService) {}

  @Get()
  @ApiOperation({ summary: 'Every topic with its names, default channels and my choice' })
  @ApiOkResponse({ type: [NotificationPreferenceResponseDto] })
  async list(@CurrentUser() actor: Actor): Promise<NotificationPreferenceResponseDto[]> {
    return (await this.preferences.list(actor)).map(toNotificationPreferenceResponse);
  }

  @Put(':topic')
  @ApiOperation({ summary: 'Choose my channels for a topic ([] mutes it); audited' })
  @ApiOkResponse({ type: NotificationPreferenceResponseDto })
  async set(
    @CurrentUser() actor: Actor,
    @Param() params: NotificationTopicParamDto,
    @Body() dto: SetNotificationPreferenceDto,
  ): Promise<NotificationPreferenceResponseDto> {
    return toNotificationPreferenceResponse(await this.preferences.set(actor, params.topic, dto.channels));
  }
}
