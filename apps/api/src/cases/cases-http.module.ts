import { CasesModule } from '@app/cases';
import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { EvidenceController } from './evidence.controller';
import { WorkflowsController } from './workflows.controller';

@Module({
  imports: [CasesModule],
  controllers: [CasesController, EvidenceController, WorkflowsController],
})
export class CasesHttpModule {}
