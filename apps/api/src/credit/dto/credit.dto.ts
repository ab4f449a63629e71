import type {
  AvailableListingAction,
  FeedItem,
  ListingAttachmentView,
  ListingDetail,
  ListingEventView,
  ListingSummary,
  PublicDecision,
  PublicListing,
  PublicationView,
  RegistryPage,
  RepairView,
} from '@app/credit';
import {
  IP_TYPES,
  LISTING_ACTIONS,
  LISTING_GROUND_CODES,
  LISTING_STATE_CODES,
  REPAIR_CONDITION_CODES,
} from '@app/domain';
import { CodeLabelDto } from '../../http/code-label.dto';
import { IsIsoDate, IsRegionCode, IsVersion, PageQueryDto } from '@app/observability';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { BilingualDto } from '../../http/code-label.dto';

const IP_TYPE_CODES = IP_TYPES.map((t) => t.code);

export class ProposeListingDto {
  @ApiProperty({ enum: LISTING_GROUND_CODES }) @IsIn(LISTING_GROUND_CODES) ground: string;
  @ApiProperty({ maxLength: 2000 }) @IsString() @MaxLength(2000) legalBasis: string;
  @ApiProperty({ maxLength: 2000, description: 'the facts (internal; never published)' })
  @IsString()
  @MaxLength(2000)
  facts: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the decided case it rests on' })
  @IsOptional()
  @IsUUID()
  caseId?: string;
  @ApiPropertyOptional({ maxLength: 100, description: "决定书文号 (default: the case's decision document)" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  decisionNo?: string;
  @ApiPropertyOptional({ example: '2026-11-20' }) @IsOptional() @IsIsoDate() decisionDate?: string;
  @ApiProperty({ enum: ['enterprise', 'individual'] })
  @IsIn(['enterprise', 'individual'])
  subjectKind: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @MaxLength(200) subjectName: string;
  @ApiPropertyOptional({ description: 'enterprise: unified social credit code' })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  subjectUscc?: string;
  @ApiPropertyOptional({ description: 'individual: resident ID number (never published in full)' })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  subjectIdNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsRegionCode() regionCode?: string;
  @ApiPropertyOptional({ enum: IP_TYPE_CODES }) @IsOptional() @IsIn(IP_TYPE_CODES) ipType?: string;
}

export class ListingActionDto {
  @IsVersion() version: number;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional({ maxLength: 5000, description: 'record_statement: what the subject stated' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  statement?: string;
  @ApiPropertyOptional({ description: 'notify: the date the notice was served' })
  @IsOptional()
  @IsIsoDate()
  servedOn?: string;
  @ApiPropertyOptional({ enum: ['direct', 'mail', 'electronic', 'announcement'] })
  @IsOptional()
  @IsString()
  noticeMethod?: string;
}

export class RepairApplicationDto {
  @IsVersion() version: number;
  @ApiProperty({ maxLength: 200 }) @IsString() @MaxLength(200) applicant: string;
  @ApiProperty({ enum: REPAIR_CONDITION_CODES, isArray: true, description: 'every condition, declared met' })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  conditions: string[];
  @ApiProperty({ maxLength: 5000 }) @IsString() @MaxLength(5000) explanation: string;
}

export class ListingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['proposals', 'defence', 'review', 'published', 'expiring', 'closed'] })
  @IsOptional()
  @IsIn(['proposals', 'defence', 'review', 'published', 'expiring', 'closed'])
  queue?: 'proposals' | 'defence' | 'review' | 'published' | 'expiring' | 'closed';
  @ApiPropertyOptional({ enum: LISTING_STATE_CODES }) @IsOptional() @IsIn(LISTING_STATE_CODES) state?: string;
  @ApiPropertyOptional({ description: 'name, credit code or listing number' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class RegistryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "part of an enterprise's name (2–100 characters)" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional({ description: 'unified social credit code' }) @IsOptional() @IsString() uscc?: string;
  @ApiPropertyOptional({ description: 'a region code: the listings of that region and below' })
  @IsOptional()
  @IsRegionCode()
  region?: string;
  @ApiPropertyOptional({ enum: IP_TYPE_CODES }) @IsOptional() @IsIn(IP_TYPE_CODES) ipType?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class FeedQueryDto {
  @ApiPropertyOptional({ default: '0-0', description: 'the nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,20}-\d{1,20}$/)
  cursor?: string;
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

class OfficeRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() regionCode: string;
}

class ListingSubjectDto {
  @ApiProperty({ enum: ['enterprise', 'individual'] }) kind: 'enterprise' | 'individual';
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) uscc: string | null;
  @ApiProperty({ type: String, nullable: true }) idNumber: string | null;
}

export class ListingSummaryDto implements ListingSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'XY2026000001' }) listingNo: string;
  @ApiProperty({ enum: LISTING_STATE_CODES }) state: ListingSummary['state'];
  @ApiProperty({ type: BilingualDto }) stateLabel: BilingualDto;
  @ApiProperty({ enum: LISTING_GROUND_CODES }) ground: string;
  @ApiProperty({ type: BilingualDto }) groundLabel: BilingualDto;
  @ApiProperty() regime: string;
  @ApiProperty({ type: ListingSubjectDto }) subject: ListingSubjectDto;
  @ApiProperty({ type: String, nullable: true }) caseId: string | null;
  @ApiProperty() decisionNo: string;
  @ApiProperty() decisionDate: string;
  @ApiProperty({ type: OfficeRefDto }) office: OfficeRefDto;
  @ApiProperty() regionCode: string;
  @ApiProperty({ type: String, nullable: true }) ipType: string | null;
  @ApiProperty() proposedAt: string;
  @ApiProperty({ type: String, nullable: true }) defenceDueAt: string | null;
  @ApiProperty({ type: String, nullable: true }) publishFrom: string | null;
  @ApiProperty({ type: String, nullable: true }) publishUntil: string | null;
  @ApiProperty() version: number;
}

class ListingEventDto implements ListingEventView {
  @ApiProperty() action: string;
  @ApiProperty({ type: String, nullable: true }) fromState: string | null;
  @ApiProperty() toState: string;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() at: string;
}

export class ListingAttachmentDto implements ListingAttachmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ type: String, nullable: true }) repairId: string | null;
  @ApiProperty() createdAt: string;
}

class RepairDto implements RepairView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['pending', 'approved', 'refused'] }) state: RepairView['state'];
  @ApiProperty() applicant: string;
  @ApiProperty({ type: [String] }) conditions: string[];
  @ApiProperty() explanation: string;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason: string | null;
}

const LISTING_ACTION_CODES = LISTING_ACTIONS.map((a) => a.code);
const LISTING_REQUIREMENTS = ['served_on', 'notice_method', 'statement', 'reason', 'repair_application'];

class AvailableListingActionDto implements AvailableListingAction {
  @ApiProperty({ enum: LISTING_ACTION_CODES }) action: AvailableListingAction['action'];
  @ApiProperty({ type: BilingualDto }) label: BilingualDto;
  @ApiProperty({ enum: LISTING_REQUIREMENTS, isArray: true }) requires: string[];
}

class UserRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

export class ListingDetailDto extends ListingSummaryDto implements ListingDetail {
  @ApiProperty() legalBasis: string;
  @ApiProperty() facts: string;
  @ApiProperty({ type: UserRefDto }) proposedBy: UserRefDto;
  @ApiProperty({ type: String, nullable: true }) noticeMethod: string | null;
  @ApiProperty({ type: String, nullable: true }) noticeServedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) statement: string | null;
  @ApiProperty({ type: String, nullable: true }) statementAt: string | null;
  @ApiProperty({ type: UserRefDto, nullable: true }) reviewedBy: UserRefDto | null;
  @ApiProperty({ type: String, nullable: true }) reviewReason: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'from when credit repair may be applied for' })
  repairFrom: string | null;
  @ApiProperty({ type: String, nullable: true }) removedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) removalReason: string | null;
  @ApiProperty({ type: [ListingEventDto] }) events: ListingEventDto[];
  @ApiProperty({ type: [ListingAttachmentDto] }) attachments: ListingAttachmentDto[];
  @ApiProperty({ type: [RepairDto] }) repairs: RepairDto[];
  @ApiProperty({ type: [AvailableListingActionDto] }) actions: AvailableListingActionDto[];
}

class ListingCountsDto {
  @ApiProperty() proposals: number;
  @ApiProperty() defence: number;
  @ApiProperty() review: number;
  @ApiProperty() published: number;
  @ApiProperty() expiring: number;
  @ApiProperty() closed: number;
}

export class ListingPageDto {
  @ApiProperty({ type: [ListingSummaryDto] }) items: ListingSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: ListingCountsDto }) counts: ListingCountsDto;
}

export class PublicListingDto implements PublicListing {
  @ApiProperty() listingNo: string;
  @ApiProperty({ enum: ['enterprise', 'individual'] }) subjectKind: PublicListing['subjectKind'];
  @ApiProperty({ description: "an enterprise's name; an individual's surname only" }) subjectName: string;
  @ApiProperty({ type: String, nullable: true }) subjectUscc: string | null;
  @ApiProperty({ type: String, nullable: true, example: '110105********002X' }) subjectIdMasked:
    string | null;
  @ApiProperty() ground: string;
  @ApiProperty({ type: BilingualDto }) groundLabel: BilingualDto;
  @ApiProperty() legalBasis: string;
  @ApiProperty() decisionNo: string;
  @ApiProperty() decisionDate: string;
  @ApiProperty() authority: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ type: String, nullable: true, description: "the region's name, e.g. 西湖区" }) regionName:
    string | null;
  @ApiProperty({ type: String, nullable: true }) ipType: string | null;
  @ApiProperty() publishFrom: string;
  @ApiProperty() publishUntil: string;
}

export class RegistryPageDto implements RegistryPage {
  @ApiProperty({ type: [PublicListingDto] }) items: PublicListingDto[];
  @ApiProperty({ description: 'matches, counted up to 1,000 (totalCapped: more)' }) total: number;
  @ApiProperty() totalCapped: boolean;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

class FeedItemDto implements FeedItem {
  @ApiProperty({ example: '7312-15' }) cursor: string;
  @ApiProperty({ enum: ['listed', 'removed'] }) change: FeedItem['change'];
  @ApiProperty({ type: String, nullable: true, enum: ['expired', 'repaired', 'revoked'] })
  reason: FeedItem['reason'];
  @ApiProperty() at: string;
  @ApiProperty({ type: PublicListingDto }) listing: PublicListingDto;
}

export class FeedPageDto {
  @ApiProperty({ type: [FeedItemDto] }) items: FeedItemDto[];
  @ApiProperty({ description: 'pass as cursor for the next page (the same cursor when nothing is new)' })
  nextCursor: string;
}

export class PublicationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'published', 'expired', 'withdrawn', 'stopped'] })
  @IsOptional()
  @IsIn(['pending', 'published', 'expired', 'withdrawn', 'stopped'])
  state?: string;
}

export class PublicationActionDto {
  @IsVersion() version: number;
  @ApiPropertyOptional({ maxLength: 2000, description: 'withdraw / stop: why' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class PublicDecisionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "decision number, or part of an enterprise's name" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
  @ApiPropertyOptional() @IsOptional() @IsRegionCode() region?: string;
  @ApiPropertyOptional({ enum: IP_TYPE_CODES }) @IsOptional() @IsIn(IP_TYPE_CODES) ipType?: string;
}

class PublicationActionOptionDto {
  @ApiProperty() action: string;
  @ApiProperty({ type: BilingualDto }) label: BilingualDto;
  @ApiProperty() requiresReason: boolean;
}

export class PublicationDto implements PublicationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ type: String, nullable: true }) caseNo: string | null;
  @ApiProperty({ enum: ['pending', 'published', 'expired', 'withdrawn', 'stopped'] })
  state: PublicationView['state'];
  @ApiProperty({ type: BilingualDto }) stateLabel: BilingualDto;
  @ApiProperty() decisionNo: string;
  @ApiProperty() decidedOn: string;
  @ApiProperty() outcome: string;
  @ApiProperty({ type: OfficeRefDto }) office: OfficeRefDto;
  @ApiProperty() regionCode: string;
  @ApiProperty() ipType: string;
  @ApiProperty({ enum: ['enterprise', 'individual'] }) partyKind: 'enterprise' | 'individual';
  @ApiProperty({ description: 'as published: an individual by surname only' }) partyName: string;
  @ApiProperty({ type: String, nullable: true }) partyUscc: string | null;
  @ApiProperty() violation: string;
  @ApiProperty() penalty: string;
  @ApiProperty({ description: 'publish by (20 working days from the decision)' }) dueAt: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the decision was changed or revoked: take it down by then (3 working days)',
  })
  withdrawDueAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ description: '3 (low fine) or 36' }) periodMonths: number;
  @ApiProperty({ type: String, nullable: true }) publishFrom: string | null;
  @ApiProperty({ type: String, nullable: true }) publishUntil: string | null;
  @ApiProperty({ type: String, nullable: true }) endReason: string | null;
  @ApiProperty({ type: [PublicationActionOptionDto] }) actions: PublicationActionOptionDto[];
  @ApiProperty() version: number;
}

class PublicationCountsDto {
  @ApiProperty() pending: number;
  @ApiProperty() published: number;
  @ApiProperty() expired: number;
  @ApiProperty() withdrawn: number;
  @ApiProperty() stopped: number;
}

export class PublicationPageDto {
  @ApiProperty({ type: [PublicationDto] }) items: PublicationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: PublicationCountsDto, description: "per state, in the reader's scope" })
  counts: PublicationCountsDto;
}

class PublicDecisionDto implements PublicDecision {
  @ApiProperty() decisionNo: string;
  @ApiProperty() decidedOn: string;
  @ApiProperty({ enum: ['enterprise', 'individual'] }) partyKind: 'enterprise' | 'individual';
  @ApiProperty() partyName: string;
  @ApiProperty({ type: String, nullable: true }) partyUscc: string | null;
  @ApiProperty() violation: string;
  @ApiProperty() penalty: string;
  @ApiProperty() authority: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ type: String, nullable: true }) regionName: string | null;
  @ApiProperty() ipType: string;
  @ApiProperty() publishFrom: string;
  @ApiProperty() publishUntil: string;
}

export class PublicDecisionPageDto {
  @ApiProperty({ type: [PublicDecisionDto] }) items: PublicDecisionDto[];
  @ApiProperty({ description: 'matches, counted up to 1,000 (totalCapped: more)' }) total: number;
  @ApiProperty() totalCapped: boolean;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

class RuleSourceDto {
  @ApiProperty() law: string;
  @ApiProperty() article: string;
  @ApiProperty({ enum: ['V', 'S', 'U'] }) confidence: 'V' | 'S' | 'U';
}

class PeriodDto {
  @ApiProperty() amount: number;
  @ApiProperty({ enum: ['WD', 'ND', 'MONTH', 'HOUR'] }) unit: string;
}

class CatalogGroundDto extends CodeLabelDto {
  @ApiProperty({ enum: ['samr_serious', 'cnipa_credit'] }) regime: string;
  @ApiProperty({ type: RuleSourceDto }) source: RuleSourceDto;
  @ApiProperty({ description: 'proposed automatically when a case closes with a qualifying decision' })
  automatic: boolean;
  @ApiProperty({ type: BilingualDto }) when: BilingualDto;
}

class CatalogRegimeDto extends CodeLabelDto {
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ type: PeriodDto }) repairAfter: PeriodDto;
  @ApiProperty({ type: RuleSourceDto }) source: RuleSourceDto;
}

class CatalogStateDto extends CodeLabelDto {
  @ApiProperty() open: boolean;
}

class CatalogTransitionDto {
  @ApiProperty({ enum: LISTING_ACTION_CODES }) action: string;
  @ApiProperty({ enum: LISTING_STATE_CODES, isArray: true }) from: string[];
  @ApiProperty({ enum: LISTING_STATE_CODES }) to: string;
  @ApiProperty({ enum: ['officer', 'supervisor', 'system'], isArray: true }) roles: string[];
  @ApiProperty({ enum: LISTING_REQUIREMENTS, isArray: true }) requires: string[];
  @ApiPropertyOptional() notByProposer?: boolean;
}

class CatalogPeriodRuleDto {
  @ApiProperty() id: string;
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
  @ApiProperty() amount: number;
  @ApiProperty() unit: string;
  @ApiProperty({ type: RuleSourceDto }) source: RuleSourceDto;
}

export class CreditCatalogDto {
  @ApiProperty({ type: [CatalogGroundDto] }) grounds: CatalogGroundDto[];
  @ApiProperty({ type: [CatalogRegimeDto] }) regimes: CatalogRegimeDto[];
  @ApiProperty({ type: [CatalogStateDto] }) states: CatalogStateDto[];
  @ApiProperty({ type: [CodeLabelDto] }) actions: CodeLabelDto[];
  @ApiProperty({ type: [CatalogTransitionDto] }) transitions: CatalogTransitionDto[];
  @ApiProperty({ type: CatalogPeriodRuleDto }) defenceWindow: CatalogPeriodRuleDto;
  @ApiProperty({ type: [CodeLabelDto] }) repairConditions: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) repairMaterials: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) noticeMethods: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) subjectKinds: CodeLabelDto[];
}
