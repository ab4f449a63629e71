export * from './job-registry';
export * from './outbox.module';
export * from './outbox.writer';
export * from './outbox-relay';
