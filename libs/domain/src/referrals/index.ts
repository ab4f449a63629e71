export * from './catalog';
export * from './workflow';
