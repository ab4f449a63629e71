import { ScopePolicy } from '@app/auth';
import { Module } from '@nestjs/common';
import { StatsProjector } from './stats-projector.service';
import { StatsQueryService } from './stats-query.service';
import { StatsReconciler } from './stats-reconciler.service';

/** Supervisor statistics (issue 8): queries for the API, projection and reconciliation for the worker. */
@Module({
  providers: [ScopePolicy, StatsQueryService, StatsProjector, StatsReconciler],
  exports: [StatsQueryService, StatsProjector, StatsReconciler],
})
export class StatsModule {}
