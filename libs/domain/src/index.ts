/**
 * @app/domain — pure TypeScript domain rules: error codes, identifier validators, the working-day calendar and the
 * deadline engine. No framework, no I/O, no imports of other project libraries.
 */
export * from './domain-error';
export * from './identifiers';
export * from './calendar';
export * from './cases';
export * from './intake';
export * from './referrals';
export * from './validation';
export * from './credit';
export * from './stats';
export * from './privacy';
