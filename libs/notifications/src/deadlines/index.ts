export * from './deadline-notice.messages';
export { DEADLINE_SWEEP_LOCK_KEY } from './deadline-notice.repository';
export * from './deadline-source';
export * from './deadline-source.registry';
export * from './deadline.module';
export * from './deadline.rules';
export * from './deadline.settings';
export * from './deadline.sweeper';
