import { Global, Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox.writer';

@Global()
@Module({ providers: [OutboxWriter, OutboxRelay], exports: [OutboxWriter, OutboxRelay] })
export class OutboxModule {}
