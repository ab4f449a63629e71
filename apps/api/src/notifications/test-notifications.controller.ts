import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/contracts';
import { TestNotificationService } from '@app/notifications';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SendTestNotificationDto } from './dto/test-notification.dto';

@ApiTags('notifications')
@ApiBearerAuth()
@Roles('admin')
@Controller('notifications')
export class TestNotificationsController {
  constructor(private readonly test: TestNotificationService) {}

  @Post('test')
  @HttpCode(202)
  @ApiOperation({ summary: '发送测试通知 Send a test notification through every channel the recipients use' })
  send(@CurrentUser() actor: Actor, @Body() dto: SendTestNotificationDto): Promise<{ outboxId: string }> {
    return this.test.send(actor, { users: dto.users, emails: dto.emails }, dto.note);
  }
}
