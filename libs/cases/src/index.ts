/** @app/cases — case handling (issue 4): the case aggregate, its workflow, deadlines, evidence and documents. */
export * from './cases.module';
export * from './case.service';
export * from './case-hooks';
export { CaseRepository } from './case.repository';
export * from './case-input';
export * from './case-list.query';
export * from './case-rules';
export * from './case-views';
export * from './case-timeline.service';
export * from './case-deadline.source';
export * from './evidence.service';
export * from './storage/file-storage';
export * from './storage/evidence-scanner';
export * from './storage/upload-intake';
export { computeDue } from './case-deadlines';
export * from './case-personal-data.service';
