import { ScopePolicy } from '@app/auth';
import { CalendarModule } from '@app/calendar';
import { CaseHooks, CasesModule } from '@app/cases';
import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CreditListingService } from './credit-listing.service';
import { CreditPublicService } from './credit-public.service';

/** Proposes a case for listing when it closes with a qualifying decision (CaseHooks' after-action seam). */
@Injectable()
export class CreditCaseHook implements OnModuleInit {
  constructor(
    private readonly hooks: CaseHooks,
    private readonly listings: CreditListingService,
  ) {}

  onModuleInit(): void {
    this.hooks.registerAfterAction(async (actor, c, _action, to) => {
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
  providers: [ScopePolicy, CreditListingService, CreditPublicService, CreditCaseHook],
  exports: [CreditListingService, CreditPublicService],
})
export class CreditModule {}

/** The credit sweep for the worker (lapsed defence windows, ended periods); no cases module. */
@Module({
  imports: [CalendarModule],
  providers: [ScopePolicy, CreditListingService],
  exports: [CreditListingService],
})
export class CreditSweepModule {}
