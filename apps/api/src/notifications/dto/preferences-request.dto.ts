import { PERSONAL_CHANNELS, type PersonalChannel, TOPIC_NAMES } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength } from 'class-validator';

/** `:topic` of PUT /notification-preferences/:topic (an unknown topic is a 404 from the service). */
export class NotificationTopicParamDto {
  @ApiProperty({ enum: TOPIC_NAMES, example: 'deadline.due_soon' })
  @IsString()
  @MaxLength(100)
  topic: string;
}

export class SetNotificationPreferenceDto {
  @ApiProperty({
    enum: PERSONAL_CHANNELS,
    isArray: true,
    example: ['inbox', 'email'],
    description: 'channels to receive the topic on; an empty list mutes it',
  })
  @IsArray()
  @ArrayMaxSize(PERSONAL_CHANNELS.length)
  @ArrayUnique()
  @IsIn(PERSONAL_CHANNELS, { each: true })
  channels: PersonalChannel[];
}
