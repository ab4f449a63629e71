import type { ComplaintView, DuplicateHit, PublicComplaintView } from '@app/intake';
import {
  COMPLAINT_CATEGORY_CODES,
  COMPLAINT_CHANNEL_CODES,
  COMPLAINT_STATE_CODES,
  IP_TYPE_CODES,
  REFUSAL_GROUND_CODES,
} from '@app/domain';
import { IsVersion, PageQueryDto } from '@app/observability';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

const opt = (max: number, example?: string) => [
  ApiPropertyOptional(example ? { example } : {}),
  IsOptional(),
  IsString(),
  MaxLength(max),
];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

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
  @apply(opt(100, '张三')) complainantName?: string;
  @apply(opt(30, '13800138000')) complainantPhone?: string;
  @apply(opt(40)) complainantIdNumber?: string;
  @apply(opt(40)) complainantUscc?: string;
  @apply(opt(200)) complainantOrg?: string;
  @apply(opt(200)) complainantEmail?: string;
  @apply(opt(200, '杭州某某贸易有限公司')) respondentName?: string;
  @apply(opt(40)) respondentUscc?: string;
  @apply(opt(300)) respondentAddress?: string;
  @apply(opt(200)) respondentShop?: string;
  @apply(opt(100)) respondentPlatform?: string;
  @apply(opt(1000)) respondentUrl?: string;
  @ApiPropertyOptional({ enum: IP_TYPE_CODES }) @IsOptional() @IsIn(IP_TYPE_CODES) ipType?: string;
  @apply(opt(64, '1234567')) rightNumber?: string;
  @apply(opt(6, '330106')) regionCode?: string;
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
  @ApiPropertyOptional({ description: "the caller's phone: their history" })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string;
}

export class DuplicateQueryDto {
  @apply(opt(40)) respondentUscc?: string;
  @apply(opt(64)) rightNumber?: string;
  @apply(opt(30)) phone?: string;
  @apply(opt(200)) respondentName?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() excludeId?: string;
}

export class TrackQueryDto {
  @ApiProperty({ example: '8000', description: 'last four digits of the phone given' })
  @Matches(/^\d{4}$/, { message: 'phoneLast4 must be four digits' })
  phoneLast4: string;
}

export class SuggestOfficeQueryDto {
  @ApiPropertyOptional({ enum: IP_TYPE_CODES }) @IsOptional() @IsIn(IP_TYPE_CODES) ipType?: string;
  @apply(opt(6, '330106')) regionCode?: string;
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
  @ApiProperty({ type: String, nullable: true }) complainantPhone: string | null;
  @ApiProperty({ type: String, nullable: true }) complainantIdNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) complainantUscc: string | null;
  @ApiProperty({ type: String, nullable: true }) complainantOrg: string | null;
  @ApiProperty({ type: String, nullable: true }) complainantEmail: string | null;
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
  @ApiProperty({ type: String, nullable: true }) caseId: string | null;
  @ApiProperty() version: number;
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
  @apply(opt(5000)) reason?: string;
  @ApiPropertyOptional({ enum: REFUSAL_GROUND_CODES })
  @IsOptional()
  @IsIn(REFUSAL_GROUND_CODES)
  refusalGround?: string;
  @apply(opt(20000)) answer?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'triage: the handling office; transfer: the receiving office',
  })
  @IsOptional()
  @IsUUID()
  officeId?: string;
}
