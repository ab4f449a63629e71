export * from './catalog';
export * from './publication';
export * from './workflow';
export * from './redaction';
