export * from './catalog';
export * from './workflow';
export * from './jurisdiction';
