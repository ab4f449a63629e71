export * from './data-source-options';
export * from './database-admin';
export * from './database.module';
export * from './migrate';
export * from './snake-naming.strategy';
export * from './pg-errors';
export * from './prepared-query';
export * from './sequence-block';
