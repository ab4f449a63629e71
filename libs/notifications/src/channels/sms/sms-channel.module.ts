import { Module } from '@nestjs/common';
import { UserContactRepository } from '../email/user-contact.repository';
import { LoggingSmsGateway, SMS_GATEWAY } from './sms-gateway';
import { SmsSender } from './sms.sender';

/**
 * The SMS channel. The gateway is the logging adapter until a provider adapter exists (see `SmsGateway`); choose
 * it here from config when there is more than one. Needs DatabaseModule (global) in the application.
 */
@Module({
  providers: [{ provide: SMS_GATEWAY, useClass: LoggingSmsGateway }, UserContactRepository, SmsSender],
  exports: [SmsSender],
})
export class SmsChannelModule {}
