/** @app/intake — 12330 complaint intake (issue 5). */
export * from './complaint.service';
export { ComplaintWriter, type ComplaintOrigin } from './complaint-writer';
export * from './intake.module';
export * from './complaint-deadline.source';
export * from './complaint-duplicates';
export * from './import';
export * from './complaint-view';
export * from './complaint-follow-up.service';
export * from './complaint-store';
export * from './complaint-notices';
export { validateComplaintInput, type ComplaintInput } from './complaint-input';
export * from './complaint-hooks';
export * from './complaint-personal-data.service';
