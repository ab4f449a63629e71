import { ScopePolicy } from '@app/auth';
import { CalendarModule } from '@app/calendar';
import { DeadlineModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { CaseDeadlineSource } from './case-deadline.source';
import { CaseDeadlines } from './case-deadlines';
import { CaseHooks } from './case-hooks';
import { CasePartyPersonalDataService } from './case-personal-data.service';
import { CaseRules } from './case-rules';
import { CaseTimelineService } from './case-timeline.service';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';
import { CaseDocumentService } from './documents/case-document.service';
import { EvidenceService } from './evidence.service';
import { EVIDENCE_SCANNER, NoopEvidenceScanner } from './storage/evidence-scanner';
import { FileStorage } from './storage/file-storage';
import { UploadIntake } from './storage/upload-intake';

/**
 * Case handling for the API: cases, workflow actions, deadlines, evidence, documents and the timeline. Needs
 * ConfigModule, DatabaseModule, AuditModule and OutboxModule (global) in the application.
 */
@Module({
  imports: [CalendarModule],
  providers: [
    ScopePolicy,
    CaseRules,
    CaseHooks,
    CaseRepository,
    CaseDeadlines,
    CaseService,
    CaseTimelineService,
    CaseDocumentService,
    FileStorage,
    UploadIntake,
    EvidenceService,
    CasePartyPersonalDataService,
    { provide: EVIDENCE_SCANNER, useClass: NoopEvidenceScanner },
  ],
  exports: [
    CaseService,
    CaseTimelineService,
    EvidenceService,
    CaseRules,
    FileStorage,
    UploadIntake,
    CaseRepository,
    CaseHooks,
    CasePartyPersonalDataService,
  ],
})
export class CasesModule {}

/** The cases' deadlines for the worker's sweep (registers the 'cases' DeadlineSource). */
@Module({
  imports: [DeadlineModule],
  providers: [CaseDeadlineSource],
})
export class CaseDeadlinesModule {}
