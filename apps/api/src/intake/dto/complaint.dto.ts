import type {
  ComplainantPersonalDataView,
  ComplaintDetail,
  ComplaintView,
  DuplicateHit,
  MergedComplaintRef,
  PublicComplaintView,
} from '@app/intake';
import {
  COMPLAINT_CATEGORY_CODES,
  COMPLAINT_CHANNEL_CODES,
  COMPLAINT_STATE_CODES,
  IP_TYPE_CODES,
  NOTICE_CHANNEL_CODES,
  PROCEDURE_CODES,
  REFUSAL_GROUND_CODES,
} from '@app/domain';
import { IsVersion, PageQueryDto } from '@app/observability';
import { CodeLabelDto } from '../../http/code-label.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OptionalText } from '../../http/optional-text';

/** The public form's fields: everything but the routing, which is the office's call. */
export class PublicComplaintDto {
  @ApiProperty({ enum: COMPLAINT_CATEGORY_CODES }) @IsIn(COMPLAINT_CATEGORY_CODES) category: string;
  @ApiPropertyOptional({ description: 'reports and consultations only' })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;
  @ApiPropertyOptional({
    description: "keep the reporter's identity from the respondent (default for reports)",
  })
  @IsOptional()
  @IsBoolean()
  confidential?: boolean;
  @OptionalText(100, { example: '张三' }) complainantName?: string;
  @OptionalText(30, { example: '13800138000' }) complainantPhone?: string;
  @OptionalText(40) complainantIdNumber?: string;
  @OptionalText(40) complainantUscc?: string;
  @OptionalText(200) complainantOrg?: string;
  @OptionalText(200) complainantEmail?: string;
  @OptionalText(200, { example: '杭州某某贸易有限公司' }) respondentName?: string;
  @OptionalText(40) respondentUscc?: string;
  @OptionalText(300) respondentAddress?: string;
  @OptionalText(200) respondentShop?: string;
  @OptionalText(100) respondentPlatform?: string;
  @OptionalText(1000) respondentUrl?: string;
  @ApiPropertyOptional({ enum: IP_TYPE_CODES }) @IsOptional() @IsIn(IP_TYPE_CODES) ipType?: string;
  @OptionalText(64, { example: '1234567' }) rightNumber?: string;
  @OptionalText(6, { example: '330106' }) regionCode?: string;
  @ApiProperty() @IsString() @MaxLength(20000) description: string;
}

/** What an operator records: the public fields plus the channel and, optionally, another office than suggested. */
export class ComplaintDto extends PublicComplaintDto {
  @ApiProperty({ enum: COMPLAINT_CHANNEL_CODES }) @IsIn(COMPLAINT_CHANNEL_CODES) channel: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'route to this office instead of the suggested one' })
  @IsOptional()
  @IsUUID()
  officeId?: string;
}

export class ListComplaintsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: COMPLAINT_STATE_CODES })
  @IsOptional()
  @IsIn(COMPLAINT_STATE_CODES)
  state?: string;
  @ApiPropertyOptional({ enum: COMPLAINT_CATEGORY_CODES })
  @IsOptional()
  @IsIn(COMPLAINT_CATEGORY_CODES)
  category?: string;
  @ApiPropertyOptional({ enum: ['pending'], description: 'closed, reachable, not yet called back' })
  @IsOptional()
  @IsIn(['pending'])
  callback?: 'pending';
  @ApiPropertyOptional({ enum: ['pending'], description: 'the complainant is still to be told the outcome' })
  @IsOptional()
  @IsIn(['pending'])
  notice?: 'pending';
  @OptionalText(40, {
    example: '12330-261125-000123',
    description: 'one complaint by its tracking number',
  })
  trackingNo?: string;
  @OptionalText(30, { description: "the caller's phone: their history" })
  phone?: string;
}

export class DuplicateQueryDto {
  @OptionalText(40) respondentUscc?: string;
  @OptionalText(64) rightNumber?: string;
  @OptionalText(30) phone?: string;
  @OptionalText(200) respondentName?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() excludeId?: string;
}

export class TrackQueryDto {
  @ApiProperty({ example: '8000', description: 'last four digits of the phone given' })
  @Matches(/^\d{4}$/, { message: 'phoneLast4 must be four digits' })
  phoneLast4: string;
}

export class SuggestOfficeQueryDto {
  @ApiPropertyOptional({ enum: IP_TYPE_CODES }) @IsOptional() @IsIn(IP_TYPE_CODES) ipType?: string;
  @OptionalText(6, { example: '330106' }) regionCode?: string;
}

export class ComplaintRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() trackingNo: string;
}

export class ComplaintResponseDto implements ComplaintView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '12330-261125-000123' }) trackingNo: string;
  @ApiProperty() channel: string;
  @ApiProperty() category: string;
  @ApiProperty() state: string;
  @ApiProperty() anonymous: boolean;
  @ApiProperty() confidential: boolean;
  @ApiProperty({ type: String, nullable: true }) complainantName: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'masked (138****5678); GET /complaints/{id}/personal-data gives it in full, audited',
  })
  complainantPhone: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'masked (110101********1234)' })
  complainantIdNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) complainantUscc: string | null;
  @ApiProperty({ type: String, nullable: true }) complainantOrg: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'masked (z***@example.com)' })
  complainantEmail: string | null;
  @ApiProperty({ type: String, nullable: true }) respondentName: string | null;
  @ApiProperty({ type: String, nullable: true }) respondentUscc: string | null;
  @ApiProperty({ type: String, nullable: true }) respondentAddress: string | null;
  @ApiProperty({ type: String, nullable: true }) respondentShop: string | null;
  @ApiProperty({ type: String, nullable: true }) respondentPlatform: string | null;
  @ApiProperty({ type: String, nullable: true }) respondentUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) ipType: string | null;
  @ApiProperty({ type: String, nullable: true }) rightNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) regionCode: string | null;
  @ApiProperty({ type: String, nullable: true }) regionName: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true }) officeId: string | null;
  @ApiProperty({ type: String, nullable: true }) officeName: string | null;
  @ApiProperty({ type: String, nullable: true }) suggestedOfficeId: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ type: String, nullable: true }) ruleId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate: string | null;
  @ApiProperty({ type: String, nullable: true }) answer: string | null;
  @ApiProperty({ type: String, nullable: true, enum: REFUSAL_GROUND_CODES }) refusalGround: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) caseId: string | null;
  @ApiProperty({ type: String, nullable: true }) caseNumber: string | null;
  @ApiProperty({ type: ComplaintRefDto, nullable: true }) mergedInto: ComplaintRefDto | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'the complainant must be told the outcome by then (5 working days from the decision)',
  })
  noticeDueAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) notifiedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) noticeChannel: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 5 }) satisfaction: number | null;
  @ApiProperty({ type: String, nullable: true }) callbackComment: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) callbackAt: string | null;
  @ApiProperty() callbackAttempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'imported: the other system' })
  sourceSystem: string | null;
  @ApiProperty({ type: String, nullable: true, description: "imported: the other system's number" })
  externalRef: string | null;
  @ApiProperty() version: number;
}

export class MergedComplaintDto implements MergedComplaintRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() trackingNo: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ type: String, nullable: true }) complainantName: string | null;
}

export class ComplaintDetailDto extends ComplaintResponseDto implements ComplaintDetail {
  @ApiProperty({ type: [MergedComplaintDto], description: 'duplicates merged into this complaint' })
  merged: MergedComplaintDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "why the reader's office sees a complaint outside its region, e.g. 'referral YS2026000012' (read-only)",
  })
  grantedBy: string | null;
}

export class ComplainantPersonalDataDto implements ComplainantPersonalDataView {
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty() trackingNo: string;
  @ApiProperty({ type: String, nullable: true, example: '13800138000' }) complainantPhone: string | null;
  @ApiProperty({ type: String, nullable: true }) complainantIdNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) complainantEmail: string | null;
  @ApiProperty({
    enum: ['complainantPhone', 'complainantIdNumber', 'complainantEmail'],
    isArray: true,
    description: 'the fields given in full, as recorded in the audit event personal_data.revealed',
  })
  revealed: ComplainantPersonalDataView['revealed'];
}

export class ComplaintPageDto {
  @ApiProperty({ type: [ComplaintResponseDto] }) items: ComplaintResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class PublicComplaintResponseDto implements PublicComplaintView {
  @ApiProperty({ example: '12330-261125-000123' }) trackingNo: string;
  @ApiProperty() category: string;
  @ApiProperty() state: string;
  @ApiProperty({ format: 'date' }) receivedOn: string;
  @ApiProperty({ type: String, nullable: true }) officeName: string | null;
  @ApiProperty({ type: String, nullable: true }) answer: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the case it was filed as' }) caseNumber:
    string | null;
  @ApiProperty({ type: CodeLabelDto, nullable: true }) caseState: CodeLabelDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'merged into this complaint: track that one' })
  mergedInto: string | null;
}

export class DuplicateHitDto implements DuplicateHit {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() trackingNo: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty() state: string;
  @ApiProperty({ type: String, nullable: true }) respondentName: string | null;
  @ApiProperty({ enum: ['respondent_uscc', 'right_number', 'phone', 'respondent_name'], isArray: true })
  reasons: DuplicateHit['reasons'];
  @ApiProperty({ type: Number, nullable: true }) similarity: number | null;
}

export class OfficeSuggestionDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) id: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

export class ComplaintActionDto {
  @ApiProperty({ description: 'the version of the complaint you read' }) @IsVersion() version: number;
  @OptionalText(5000) reason?: string;
  @ApiPropertyOptional({ enum: REFUSAL_GROUND_CODES })
  @IsOptional()
  @IsIn(REFUSAL_GROUND_CODES)
  refusalGround?: string;
  @OptionalText(20000) answer?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'triage: the handling office; transfer: the receiving office',
  })
  @IsOptional()
  @IsUUID()
  officeId?: string;
}

class ComplaintCategoryLabelDto extends CodeLabelDto {
  @ApiProperty() anonymousAllowed: boolean;
}
class ComplaintStateLabelDto extends CodeLabelDto {
  @ApiProperty() open: boolean;
}
class SatisfactionLabelDto {
  @ApiProperty() code: number;
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}
class ComplaintTransitionDto {
  @ApiProperty() action: string;
  @ApiProperty({ type: [String] }) from: string[];
  @ApiProperty() to: string;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty({ type: [String] }) requires: string[];
  @ApiProperty({ type: [String], nullable: true }) categories: string[] | null;
  @ApiProperty({ description: 'taken through its own endpoint (convert, merge), not /actions/:action' })
  dedicated: boolean;
}
class AcceptanceRuleDto extends CodeLabelDto {
  @ApiProperty({ type: [String], nullable: true }) categories: string[] | null;
  @ApiProperty({ type: [String], nullable: true }) ipTypes: string[] | null;
  @ApiProperty({ type: [String], nullable: true }) channels: string[] | null;
  @ApiProperty() amount: number;
  @ApiProperty({ enum: ['WD', 'ND', 'HOUR', 'MONTH'] }) unit: string;
  @ApiProperty({ description: 'the law and article' }) source: string;
}

/** The complaint vocabularies and transition table, for the console and the complaint pages. */
export class ComplaintCatalogDto {
  @ApiProperty({ type: [CodeLabelDto] }) channels: CodeLabelDto[];
  @ApiProperty({ type: [ComplaintCategoryLabelDto] }) categories: ComplaintCategoryLabelDto[];
  @ApiProperty({ type: [ComplaintStateLabelDto] }) states: ComplaintStateLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) actions: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) refusalGrounds: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) noticeChannels: CodeLabelDto[];
  @ApiProperty({ type: [SatisfactionLabelDto] }) satisfaction: SatisfactionLabelDto[];
  @ApiProperty({ type: [ComplaintTransitionDto] }) transitions: ComplaintTransitionDto[];
  @ApiProperty({ type: [AcceptanceRuleDto] }) acceptanceRules: AcceptanceRuleDto[];
}

export class ConvertComplaintDto {
  @ApiProperty({ description: 'the version of the complaint you read' }) @IsVersion() version: number;
  @ApiProperty({ enum: PROCEDURE_CODES }) @IsIn(PROCEDURE_CODES) procedure: string;
  @OptionalText(200) title?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  officerIds?: string[];
}

export class VersionedRefDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty() @IsVersion() version: number;
}

export class MergeComplaintsDto {
  @ApiProperty({ description: 'the version of the complaint kept' }) @IsVersion() version: number;
  @ApiProperty({ maxLength: 2000 }) @IsString() @MaxLength(2000) reason: string;
  @ApiProperty({ type: [VersionedRefDto], description: 'the duplicates to merge into it (1–20)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => VersionedRefDto)
  duplicates: VersionedRefDto[];
}

export class CallbackDto {
  @ApiProperty() @IsVersion() version: number;
  @ApiProperty({ description: 'whether the complainant answered the call' }) @IsBoolean() reached: boolean;
  @ApiPropertyOptional({ minimum: 1, maximum: 5, description: 'required when reached' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction?: number;
  @OptionalText(2000) comment?: string;
}

export class ComplaintNoticeDto {
  @ApiProperty() @IsVersion() version: number;
  @ApiProperty({ enum: NOTICE_CHANNEL_CODES }) @IsIn(NOTICE_CHANNEL_CODES) channel: string;
  @OptionalText(2000) note?: string;
}
