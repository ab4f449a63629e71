import { CurrentUser, Roles } from '@app/auth';
import type { Actor } from '@app/contracts';
import {
  REFERRAL_ACTIONS,
  REFERRAL_CLOCKS,
  REFERRAL_DEADLINE_RULES,
  REFERRAL_KINDS,
  REFERRAL_STATES,
  REFERRAL_TRANSITIONS,
} from '@app/domain';
import { ReferralService } from '@app/referrals';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../http/uuid-param';
import {
  CaseTravelDto,
  CreateReferralDto,
  JurisdictionSuggestionsDto,
  ListReferralsQueryDto,
  ReferralActionDto,
  ReferralCatalogDto,
  ReferralDetailDto,
  ReferralPageDto,
  ReferralSummaryDto,
} from './dto/referral.dto';

/** 移送协作: referrals between offices (issue 6). */
@ApiTags('referrals')
@ApiBearerAuth()
@Roles('officer', 'supervisor', 'admin')
@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralService) {}

  @Get('referrals')
  @ApiOperation({
    summary:
      "Incoming or outgoing referrals of the reader's office (supervisors: their region), overdue first",
  })
  @ApiOkResponse({ type: ReferralPageDto })
  list(@CurrentUser() actor: Actor, @Query() q: ListReferralsQueryDto): Promise<ReferralPageDto> {
    return this.referrals.list(actor, q);
  }

  @Get('referrals/catalog')
  @ApiOperation({
    summary: 'Kinds, states, actions, clocks, the transition table and the time limits with sources',
  })
  @ApiOkResponse({ type: ReferralCatalogDto })
  catalog(): ReferralCatalogDto {
    const pick = (l: readonly { code: string; zh: string; en: string }[]) =>
      l.map(({ code, zh, en }) => ({ code, zh, en }));
    return {
      kinds: REFERRAL_KINDS.map((k) => ({ ...k })),
      states: REFERRAL_STATES.map((s) => ({ ...s })),
      actions: pick(REFERRAL_ACTIONS),
      clocks: pick(REFERRAL_CLOCKS),
      transitions: REFERRAL_TRANSITIONS.map((t) => ({
        ...t,
        kinds: [...t.kinds],
        from: [...t.from],
        roles: [...t.roles],
        requires: [...t.requires],
      })),
      deadlineRules: REFERRAL_DEADLINE_RULES.map((r) => ({ ...r, source: { ...r.source } })),
    };
  }

  @Get('referrals/:id')
  @ApiOkResponse({ type: ReferralDetailDto })
  get(@CurrentUser() actor: Actor, @Param('id', UuidParam) id: string): Promise<ReferralDetailDto> {
    return this.referrals.get(actor, id);
  }

  @Post('referrals/:id/actions/:action')
  @HttpCode(200)
  @Roles('officer', 'supervisor', 'admin')
  @ApiOperation({
    summary:
      'A step of the referral (table in libs/domain/src/referrals); 409 on a stale version or wrong state',
  })
  @ApiOkResponse({ type: ReferralDetailDto })
  act(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) id: string,
    @Param('action') action: string,
    @Body() dto: ReferralActionDto,
  ): Promise<ReferralDetailDto> {
    return this.referrals.act(actor, id, action, dto);
  }

  @Post('cases/:id/referrals')
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary: 'Refer the case to another office (jurisdiction, assistance, joint action, criminal transfer)',
  })
  @ApiCreatedResponse({ type: ReferralDetailDto })
  create(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) caseId: string,
    @Body() dto: CreateReferralDto,
  ): Promise<ReferralDetailDto> {
    return this.referrals.create(actor, caseId, dto);
  }

  @Get('cases/:id/referrals')
  @ApiOkResponse({ type: [ReferralSummaryDto] })
  forCase(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) caseId: string,
  ): Promise<ReferralSummaryDto[]> {
    return this.referrals.forCase(actor, caseId);
  }

  @Get('cases/:id/referrals/suggestions')
  @ApiOperation({
    summary:
      'Offices that may have jurisdiction: place of infringement, respondent domicile, online rules (domain.md §3)',
  })
  @ApiOkResponse({ type: JurisdictionSuggestionsDto })
  suggestions(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) caseId: string,
  ): Promise<JurisdictionSuggestionsDto> {
    return this.referrals.suggestions(actor, caseId);
  }

  @Post('complaints/:id/referrals')
  @Roles('officer', 'supervisor')
  @ApiOperation({
    summary:
      'Refer the complaint: transfer it to the competent office (before the acceptance decision) or ask another office for assistance',
  })
  @ApiCreatedResponse({ type: ReferralDetailDto })
  createForComplaint(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) complaintId: string,
    @Body() dto: CreateReferralDto,
  ): Promise<ReferralDetailDto> {
    return this.referrals.createForComplaint(actor, complaintId, dto);
  }

  @Get('complaints/:id/referrals')
  @ApiOkResponse({ type: [ReferralSummaryDto] })
  forComplaint(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) complaintId: string,
  ): Promise<ReferralSummaryDto[]> {
    return this.referrals.forComplaint(actor, complaintId);
  }

  @Get('complaints/:id/referrals/suggestions')
  @ApiOperation({ summary: 'Offices that may have jurisdiction over the complaint (domain.md §3)' })
  @ApiOkResponse({ type: JurisdictionSuggestionsDto })
  complaintSuggestions(
    @CurrentUser() actor: Actor,
    @Param('id', UuidParam) complaintId: string,
  ): Promise<JurisdictionSuggestionsDto> {
    return this.referrals.complaintSuggestions(actor, complaintId);
  }

  @Get('cases/:id/travel')
  @ApiOperation({ summary: 'Where the case has been handled, with its number at each office' })
  @ApiOkResponse({ type: CaseTravelDto })
  travel(@CurrentUser() actor: Actor, @Param('id', UuidParam) caseId: string): Promise<CaseTravelDto> {
    return this.referrals.travel(actor, caseId);
  }
}
