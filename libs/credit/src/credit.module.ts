import { ScopePolicy } from '@app/auth';
import { CalendarModule } from '@app/calendar';
import { CaseHooks, CasesModule } from '@app/cases';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CreditListingService } from './credit-listing.service';
import { CreditPublicService } from './credit-public.service';
import { CreditAttachmentService } from './credit-attachment.service';
import { DecisionPublicationService } from './decision-publication.service';
import { PublicationDeadlineSource } from './publication-deadline.source';
import { RegistryCache } from './registry-cache';
import { DeadlineModule } from '@app/notifications';

/**
 * CaseHooks' after-action seam: a decided case gets its pending decision publication; a case that closes with a
 * qualifying decision is proposed for listing.
 */
@Injectable()
export class CreditCaseHook implements OnModuleInit {
  constructor(
    private readonly hooks: CaseHooks,
    private readonly listings: CreditListingService,
    private readonly publications: DecisionPublicationService,
  ) {}

  onModuleInit(): void {
    this.hooks.registerAfterAction(async (actor, c, action, to) => {
      if (action === 'decide') await this.publications.onDecided(actor, c.id);
      if (to === 'closed') await this.listings.proposeFromCase(actor, c.id);
    });
  }
}

/**
 * Credit listing and the public registry (issue 7) for the API. Needs ConfigModule, DatabaseModule, AuditModule
 * and OutboxModule in the application.
 */
@Module({
  imports: [CalendarModule, CasesModule],
  providers: [
    ScopePolicy,
    RegistryCache,
    CreditListingService,
    CreditPublicService,
    CreditAttachmentService,
    DecisionPublicationService,
    CreditCaseHook,
  ],
  exports: [
    CreditListingService,
    CreditPublicService,
    CreditAttachmentService,
    DecisionPublicationService,
    RegistryCache,
  ],
})
export class CreditModule {}

/**
 * The credit sweep for the worker (lapsed defence windows, ended listing and publication periods) and the
 * publication deadlines for the deadline sweep; no cases module.
 */
@Module({
  imports: [CalendarModule, DeadlineModule],
  providers: [
    ScopePolicy,
    RegistryCache,
    CreditListingService,
    DecisionPublicationService,
    PublicationDeadlineSource,
  ],
  exports: [CreditListingService, DecisionPublicationService],
})
export class CreditSweepModule {}
