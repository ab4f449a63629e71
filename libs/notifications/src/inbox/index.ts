export * from './inbox-message';
export * from './inbox-stream.service';
export * from './inbox.module';
export * from './inbox.sender';
export * from './inbox.service';
