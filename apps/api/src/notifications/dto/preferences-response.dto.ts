import { PERSONAL_CHANNELS, type PersonalChannel, TOPIC_NAMES } from '@app/contracts';
import type { TopicPreference } from '@app/notifications';
import { ApiProperty } from '@nestjs/swagger';

export class NotificationTopicNamesDto {
  @ApiProperty({ example: '期限即将届满' }) zh: string;
  @ApiProperty({ example: 'Deadline approaching' }) en: string;
}

export class NotificationPreferenceResponseDto {
  @ApiProperty({ enum: TOPIC_NAMES }) topic: string;
  @ApiProperty({ type: NotificationTopicNamesDto }) names: NotificationTopicNamesDto;
  @ApiProperty({ enum: PERSONAL_CHANNELS, isArray: true }) defaultChannels: PersonalChannel[];
  @ApiProperty({ enum: PERSONAL_CHANNELS, isArray: true, description: "the user's choice, or the defaults" })
  channels: PersonalChannel[];
  @ApiProperty({ description: 'true when the user has chosen; false when the defaults apply' })
  custom: boolean;
}

export function toNotificationPreferenceResponse(p: TopicPreference): NotificationPreferenceResponseDto {
  return {
    topic: p.topic,
    names: { zh: p.names.zh, en: p.names.en },
    defaultChannels: [...p.defaultChannels],
    channels: [...p.channels],
    custom: p.custom,
  };
}
