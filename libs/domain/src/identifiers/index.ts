export type {
  ValidationFailure,
  ValidationFailureCode,
  ValidationNote,
  ValidationResult,
  ValidationSuccess,
} from './validation-result';
export { normalizeInput } from './validation-result';
export * from './uscc';
export * from './registration-no-15';
export * from './organization-code';
export * from './resident-id';
export * from './patent-application-number';
export * from './patent-publication-number';
export * from './trademark-number';
export * from './nice-class';
export * from './plant-variety-right-number';
export * from './region-code';
export * from './identifier-kind';
export * from './uuid';
