export * from './logger.module';
export * from './problem';
export * from './problem-titles';
export * from './problem.filter';
export * from './request-id';
export * from './validation';
export * from './validators';
export * from './page-query.dto';
