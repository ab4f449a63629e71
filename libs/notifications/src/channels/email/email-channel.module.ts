import { AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { EmailSender } from './email.sender';
import { EmailSettings, emailSettingsFromConfig } from './email.settings';
import { UserContactRepository } from './user-contact.repository';

/** The e-mail channel. Needs ConfigModule and DatabaseModule (global) in the application. */
@Module({
  providers: [
    { provide: EmailSettings, inject: [AppConfig], useFactory: emailSettingsFromConfig },
    UserContactRepository,
    EmailSender,
  ],
  exports: [EmailSender, EmailSettings],
})
export class EmailChannelModule {}
