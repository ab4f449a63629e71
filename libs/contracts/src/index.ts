export * from './roles';
export * from './notifications';
