import { REFERRAL_ACTIONS, REFERRAL_KIND_CODES, REFERRAL_STATE_CODES } from '@app/domain';
import type {
  AvailableReferralAction,
  CaseTravel,
  JurisdictionSuggestions,
  OfficeRef,
  ReferralCaseRef,
  ReferralComplaintRef,
  ReferralDetail,
  ReferralEventView,
  ReferralSummary,
} from '@app/referrals';
import { IsIsoDate, IsRegionCode, IsVersion, PageQueryDto } from '@app/observability';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { BilingualDto } from '../../http/code-label.dto';

export class CreateReferralDto {
  @ApiProperty({ enum: REFERRAL_KIND_CODES }) @IsIn(REFERRAL_KIND_CODES) kind: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the receiving office (not for a joint action)' })
  @IsOptional()
  @IsUUID()
  toOfficeId?: string;
  @ApiPropertyOptional({ type: [String], description: 'joint action: every participating office' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  toOfficeIds?: string[];
  @ApiProperty({ maxLength: 2000 }) @IsString() @MaxLength(2000) reason: string;
  @ApiPropertyOptional({ maxLength: 2000, description: 'required for a jurisdiction transfer' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  legalBasis?: string;
  @ApiPropertyOptional({ maxLength: 2000, description: 'assistance / joint action: what is asked' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  request?: string;
  @ApiPropertyOptional({ type: [String], description: 'evidence of the case the receiving office may see' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  evidenceIds?: string[];
  @ApiPropertyOptional({ description: "jurisdiction: the county within the receiving office's region" })
  @IsOptional()
  @IsRegionCode()
  targetRegionCode?: string;
  @ApiPropertyOptional({ type: [String], description: 'criminal transfer: the special team (≥ 2 officers)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  teamUserIds?: string[];
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) caseSummary?: string;
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  suspicionBasis?: string;
  @ApiPropertyOptional({ description: 'value involved, in fen' })
  @IsOptional()
  @IsInt()
  @Min(0)
  valueInvolvedFen?: number;
  @ApiPropertyOptional({ enum: ['suspend', 'continue'] })
  @IsOptional()
  @IsIn(['suspend', 'continue'])
  caseHandling?: string;
}

export class ReferralActionDto {
  @IsVersion() version: number;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional({ maxLength: 5000 }) @IsOptional() @IsString() @MaxLength(5000) answer?: string;
  @ApiPropertyOptional({ description: "the date on the police's written notice" })
  @IsOptional()
  @IsIsoDate()
  documentDate?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() designatedOfficeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsRegionCode() regionCode?: string;
}

export class ListReferralsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['incoming', 'outgoing'], default: 'incoming' })
  @IsOptional()
  @IsIn(['incoming', 'outgoing'])
  direction?: 'incoming' | 'outgoing';
  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  state?: 'open' | 'closed';
  @ApiPropertyOptional({ enum: REFERRAL_KIND_CODES }) @IsOptional() @IsIn(REFERRAL_KIND_CODES) kind?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() complaintId?: string;
}

export class OfficeRefDto implements OfficeRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() regionCode: string;
}

export class ReferralCaseRefDto implements ReferralCaseRef {
  @ApiProperty({ type: String, nullable: true }) id: string | null;
  @ApiProperty({ type: String, nullable: true }) caseNo: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) ipType: string | null;
  @ApiProperty({ type: String, nullable: true }) regionCode: string | null;
  @ApiProperty({ type: String, nullable: true }) status: string | null;
  @ApiPropertyOptional({ type: Object, description: "a partner system's case (inbound referral)" })
  external?: Record<string, unknown>;
}

export class ReferralComplaintRefDto implements ReferralComplaintRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '20261201000123' }) trackingNo: string;
  @ApiProperty() category: string;
  @ApiProperty() state: string;
}

export class ReferralSummaryDto implements ReferralSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'YS2026000012' }) referralNo: string;
  @ApiProperty({ enum: REFERRAL_KIND_CODES }) kind: ReferralSummary['kind'];
  @ApiProperty({ type: BilingualDto }) kindLabel: BilingualDto;
  @ApiProperty({ enum: REFERRAL_STATE_CODES }) state: ReferralSummary['state'];
  @ApiProperty({ type: BilingualDto }) stateLabel: BilingualDto;
  @ApiProperty() open: boolean;
  @ApiProperty({ type: String, nullable: true }) groupId: string | null;
  @ApiProperty({ type: OfficeRefDto }) from: OfficeRefDto;
  @ApiProperty({ type: OfficeRefDto }) to: OfficeRefDto;
  @ApiProperty({
    type: ReferralCaseRefDto,
    description: 'the case referred; for a complaint referral, the complaint (id and caseNo null)',
  })
  case: ReferralCaseRefDto;
  @ApiProperty({ type: ReferralComplaintRefDto, nullable: true, description: 'set for a complaint referral' })
  complaint: ReferralComplaintRefDto | null;
  @ApiProperty() reason: string;
  @ApiProperty({ type: String, nullable: true }) clock: ReferralSummary['clock'];
  @ApiProperty({ type: String, nullable: true }) dueAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
}

class ReferralCountsDto {
  @ApiProperty() incoming: number;
  @ApiProperty() outgoing: number;
  @ApiProperty() incomingOverdue: number;
  @ApiProperty() outgoingOverdue: number;
}

export class ReferralPageDto {
  @ApiProperty({ type: [ReferralSummaryDto] }) items: ReferralSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: ReferralCountsDto, description: 'open referrals per tab, and how many are overdue' })
  counts: ReferralCountsDto;
}

class ReferralEventDto implements ReferralEventView {
  @ApiProperty() action: string;
  @ApiProperty({ type: String, nullable: true }) fromState: string | null;
  @ApiProperty() toState: string;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ type: String, nullable: true }) officeName: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, nullable: true }) documentDate: string | null;
  @ApiProperty() at: string;
}

class AvailableReferralActionDto implements AvailableReferralAction {
  @ApiProperty({ enum: REFERRAL_ACTIONS.map((a) => a.code) }) action: AvailableReferralAction['action'];
  @ApiProperty({ type: BilingualDto }) label: BilingualDto;
  @ApiProperty({ enum: REFERRAL_STATE_CODES }) to: AvailableReferralAction['to'];
  @ApiProperty({ type: [String] }) requires: string[];
}

class ReferralEvidenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() kind: string;
  @ApiProperty() sha256: string;
}

class ReferralGroupMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() referralNo: string;
  @ApiProperty({ type: OfficeRefDto }) to: OfficeRefDto;
  @ApiProperty({ enum: REFERRAL_STATE_CODES }) state: ReferralDetail['state'];
}

class TeamMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

class PartnerRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) externalId: string | null;
}

export class ReferralDetailDto extends ReferralSummaryDto implements ReferralDetail {
  @ApiProperty({ type: String, nullable: true }) legalBasis: string | null;
  @ApiProperty({ type: String, nullable: true }) request: string | null;
  @ApiProperty({ type: String, nullable: true }) targetRegionCode: string | null;
  @ApiProperty({ type: String, nullable: true }) requesterToldAt: string | null;
  @ApiProperty({ type: [TeamMemberDto] }) team: TeamMemberDto[];
  @ApiProperty({ type: String, nullable: true }) caseSummary: string | null;
  @ApiProperty({ type: String, nullable: true }) suspicionBasis: string | null;
  @ApiProperty({ type: Number, nullable: true }) valueInvolvedFen: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ['suspend', 'continue'] })
  caseHandling: 'suspend' | 'continue' | null;
  @ApiProperty({ type: String, nullable: true }) approvedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, nullable: true }) answer: string | null;
  @ApiProperty({ type: String, nullable: true }) superiorRegionCode: string | null;
  @ApiProperty({ type: OfficeRefDto, nullable: true }) designatedOffice: OfficeRefDto | null;
  @ApiProperty({ type: String, nullable: true }) ruleId: string | null;
  @ApiProperty({ type: [ReferralEvidenceDto] }) evidence: ReferralEvidenceDto[];
  @ApiProperty({ type: [ReferralGroupMemberDto] }) group: ReferralGroupMemberDto[];
  @ApiProperty({ type: [ReferralEventDto] }) events: ReferralEventDto[];
  @ApiProperty({ type: PartnerRefDto, nullable: true }) partner: PartnerRefDto | null;
  @ApiProperty({ type: [AvailableReferralActionDto] }) actions: AvailableReferralActionDto[];
}

class TravelStopDto {
  @ApiProperty({ type: OfficeRefDto }) office: OfficeRefDto;
  @ApiProperty() regionCode: string;
  @ApiProperty({ type: String, nullable: true }) caseNo: string | null;
  @ApiProperty({ type: String, nullable: true }) from: string | null;
  @ApiProperty({ enum: ['registered', 'accepted', 'designated'] }) how:
    'registered' | 'accepted' | 'designated';
  @ApiProperty({ type: String, nullable: true }) referralId: string | null;
}

export class CaseTravelDto implements CaseTravel {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ type: [TravelStopDto] }) stops: TravelStopDto[];
}

class SuggestionRuleDto {
  @ApiProperty() id: string;
  @ApiProperty() source: string;
  @ApiProperty() confidence: string;
}

class SuggestionBasisDto {
  @ApiProperty() code: string;
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}

class SuggestedOfficeDto {
  @ApiProperty({ type: OfficeRefDto }) office: OfficeRefDto;
  @ApiProperty() regionCode: string;
  @ApiProperty({ type: String, nullable: true }) regionName: string | null;
  @ApiProperty({ type: [SuggestionBasisDto] }) bases: SuggestionBasisDto[];
  @ApiProperty({ description: "the case's handling office" }) current: boolean;
}

export class JurisdictionSuggestionsDto implements JurisdictionSuggestions {
  @ApiProperty({ type: SuggestionRuleDto, nullable: true }) rule: SuggestionRuleDto | null;
  @ApiProperty({ type: [SuggestedOfficeDto] }) offices: SuggestedOfficeDto[];
}

class CodeLabelDto {
  @ApiProperty() code: string;
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}

class ReferralKindDto extends CodeLabelDto {
  @ApiProperty({ enum: ['same_competence', 'public_security'] }) target:
    'same_competence' | 'public_security';
}

class ReferralStateDto extends CodeLabelDto {
  @ApiProperty() open: boolean;
}

class ReferralTransitionDto {
  @ApiProperty() action: string;
  @ApiProperty({ type: [String] }) kinds: string[];
  @ApiProperty({ type: [String] }) from: string[];
  @ApiProperty() to: string;
  @ApiProperty({ enum: ['sender', 'receiver', 'police', 'superior'] })
  side: 'sender' | 'receiver' | 'police' | 'superior';
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty({ type: [String] }) requires: string[];
  @ApiPropertyOptional({ description: 'the clock the step starts' }) starts?: string;
}

class RuleSourceDto {
  @ApiProperty() law: string;
  @ApiProperty() article: string;
  @ApiProperty({ enum: ['V', 'S', 'U'] }) confidence: string;
}

class ReferralDeadlineRuleDto {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty() clock: string;
  @ApiProperty() amount: number;
  @ApiProperty({ enum: ['WD', 'ND', 'MONTH', 'HOUR'] }) unit: 'WD' | 'ND' | 'MONTH' | 'HOUR';
  @ApiProperty({ type: RuleSourceDto }) source: RuleSourceDto;
}

export class ReferralCatalogDto {
  @ApiProperty({ type: [ReferralKindDto] }) kinds: ReferralKindDto[];
  @ApiProperty({ type: [ReferralStateDto] }) states: ReferralStateDto[];
  @ApiProperty({ type: [CodeLabelDto] }) actions: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) clocks: CodeLabelDto[];
  @ApiProperty({ type: [ReferralTransitionDto] }) transitions: ReferralTransitionDto[];
  @ApiProperty({ type: [ReferralDeadlineRuleDto] }) deadlineRules: ReferralDeadlineRuleDto[];
}
