export * from './catalog';
export * from './deadline-rules';
export * from './workflows';
export * from './transition-check';
