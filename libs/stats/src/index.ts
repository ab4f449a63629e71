/** @app/stats — supervisor statistics: facts, monthly summaries, indicators, reconciliation (issue 8). */
export * from './stats-sql';
export * from './stats-projector.service';
export * from './stats-query.service';
export * from './stats-reconciler.service';
export * from './stats.module';
