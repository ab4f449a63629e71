import { Module } from '@nestjs/common';
import { InboxStream } from './inbox-stream.service';
import { InboxRepository } from './inbox.repository';
import { InboxSender } from './inbox.sender';
import { InboxService } from './inbox.service';

/**
 * The in-app inbox: `InboxService` (the API's reads and mark-read commands) and `InboxSender` (the worker's
 * 'inbox' channel). Needs DatabaseModule in the application.
 */
@Module({
  providers: [InboxRepository, InboxService, InboxSender],
  exports: [InboxService, InboxSender],
})
export class InboxModule {}

/**
 * API processes only: `InboxStream`, the `LISTEN inbox_messages` connection behind `GET /inbox/stream`.
 * Needs ConfigModule and DatabaseModule in the application. (The worker must not import it.)
 */
@Module({
  imports: [InboxModule],
  providers: [InboxStream],
  exports: [InboxStream, InboxModule],
})
export class InboxStreamModule {}
