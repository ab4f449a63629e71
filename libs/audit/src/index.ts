/** @app/audit — the append-only, hash-chained audit log (design.md rule 5): writer, checkpoints, verifier, queries. */
export * from './audit-checkpoint.service';
export * from './audit-csv';
export * from './audit-event';
export * from './audit-hash';
export * from './audit-query.service';
export * from './audit-verify.command';
export * from './audit.module';
export * from './audit.verifier';
export * from './audit.writer';
