export * from './notification-preference.service';
export * from './notification-preferences.module';
