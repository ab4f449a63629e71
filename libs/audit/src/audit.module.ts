import { Global, Module } from '@nestjs/common';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { AuditQueryService } from './audit-query.service';
import { AuditVerifier } from './audit.verifier';
import { AuditWriter } from './audit.writer';

/**
 * The audit log (design.md rule 5). Global so every context records through `AuditWriter` without importing it.
 * Needs DatabaseModule (DataSource, ClsModule with the transactional plugin).
 */
@Global()
@Module({
  providers: [AuditWriter, AuditCheckpointService, AuditVerifier, AuditQueryService],
  exports: [AuditWriter, AuditCheckpointService, AuditVerifier, AuditQueryService],
})
export class AuditModule {}
