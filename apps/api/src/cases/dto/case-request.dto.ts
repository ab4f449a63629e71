import {
  APPROVER_LEVEL_CODES,
  CASE_SOURCE_CODES,
  CASE_STATE_CODES,
  IP_TYPE_CODES,
  OUTCOME_CODES,
  PARTY_KIND_CODES,
  PARTY_ROLE_CODES,
  PAUSE_KIND_CODES,
  PROCEDURE_CODES,
} from '@app/domain';
import { CASE_LIST_SORTS } from '@app/cases';
import { IsIsoDate, IsRegionCode, IsVersion, PageQueryDto } from '@app/observability';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OptionalText } from '../../http/optional-text';

const queryBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;
const MAX_FEN = 1e15;

/** An optional amount in integer fen (1 yuan = 100 fen), 0 to 10^15. */
function IsFen(doc: { description: string; type?: typeof Number; nullable?: boolean }): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional(doc), IsOptional(), IsInt(), Min(0), Max(MAX_FEN));
}

export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: IP_TYPE_CODES }) @IsOptional() @IsIn(IP_TYPE_CODES) ipType?: string;
  @ApiPropertyOptional({ enum: PROCEDURE_CODES }) @IsOptional() @IsIn(PROCEDURE_CODES) procedure?: string;
  @ApiPropertyOptional({ description: 'comma-separated states', example: 'registered,investigating' })
  @IsOptional()
  @Transform(csv)
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(CASE_STATE_CODES, { each: true })
  status?: string[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() officeId?: string;
  @ApiPropertyOptional({ example: '330100' }) @IsOptional() @IsRegionCode() regionCode?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() officerId?: string;
  @ApiPropertyOptional({ type: Boolean, description: 'only cases assigned to me' })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  mine?: boolean;
  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true: an office deadline has passed; false: none has (with dueWithinDays: due soon, not overdue)',
  })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ description: 'an office deadline falls within this many working days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  dueWithinDays?: number;
  @ApiPropertyOptional({ enum: CASE_SOURCE_CODES }) @IsOptional() @IsIn(CASE_SOURCE_CODES) source?: string;
  @ApiPropertyOptional({ example: '2026-01-01', description: 'filed (立案) on or after' })
  @IsOptional()
  @IsIsoDate()
  filedFrom?: string;
  @ApiPropertyOptional({ example: '2026-01-31' }) @IsOptional() @IsIsoDate() filedTo?: string;
  @ApiPropertyOptional({ example: '2026-01-01', description: 'closed (结案) on or after' })
  @IsOptional()
  @IsIsoDate()
  closedFrom?: string;
  @ApiPropertyOptional({ example: '2026-01-31' }) @IsOptional() @IsIsoDate() closedTo?: string;
  @ApiPropertyOptional({ example: '2026-01-01' }) @IsOptional() @IsIsoDate() receivedFrom?: string;
  @ApiPropertyOptional({ example: '2026-12-31' }) @IsOptional() @IsIsoDate() receivedTo?: string;
  @OptionalText(100, { description: 'case number, title, party name, credit code or right number' })
  q?: string;
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(queryBool)
  @IsBoolean()
  major?: boolean;
  @ApiPropertyOptional({ enum: CASE_LIST_SORTS, default: 'received_desc' })
  @IsOptional()
  @IsIn(CASE_LIST_SORTS)
  sort?: string;
}

/** The list's filters, for a download of every matching case (no pages). */
export class ExportCasesQueryDto extends OmitType(ListCasesQueryDto, ['page', 'pageSize', 'sort'] as const) {
  @ApiProperty({ enum: ['csv', 'xlsx'] }) @IsIn(['csv', 'xlsx']) format: 'csv' | 'xlsx';
}

export class PartyDto {
  @ApiProperty({ enum: PARTY_ROLE_CODES }) @IsIn(PARTY_ROLE_CODES) role: string;
  @ApiProperty({ enum: PARTY_KIND_CODES }) @IsIn(PARTY_KIND_CODES) kind: string;
  @ApiProperty({ example: '杭州某某贸易有限公司' }) @IsString() @MaxLength(200) name: string;
  @OptionalText(40, { description: 'unified social credit code (enterprise)' })
  uscc?: string;
  @OptionalText(200, { description: 'reason to keep a USCC whose check character does not match' })
  usccOverrideReason?: string;
  @OptionalText(40, { description: 'resident ID number (individual)' })
  idNumber?: string;
  @OptionalText(30) phone?: string;
  @OptionalText(300) address?: string;
  @ApiPropertyOptional({ description: 'domiciled outside China (30-day defence period)' })
  @IsOptional()
  @IsBoolean()
  foreignDomicile?: boolean;
}

export class RightDto {
  @ApiProperty({ example: 'ZL202310567890.5', description: 'validated against the IP type' })
  @IsString()
  @MaxLength(64)
  number: string;
  @OptionalText(200) title?: string;
  @OptionalText(200) holder?: string;
}

export class CreateCaseDto {
  @ApiProperty({ example: '关于某某公司涉嫌侵犯“西湖”注册商标专用权案' })
  @IsString()
  @MaxLength(200)
  title: string;
  @ApiProperty({ enum: IP_TYPE_CODES }) @IsIn(IP_TYPE_CODES) ipType: string;
  @ApiProperty({ enum: PROCEDURE_CODES }) @IsIn(PROCEDURE_CODES) procedure: string;
  @ApiProperty({ enum: CASE_SOURCE_CODES }) @IsIn(CASE_SOURCE_CODES) source: string;
  @ApiPropertyOptional({ format: 'uuid', description: "default: the caller's office" })
  @IsOptional()
  @IsUUID()
  officeId?: string;
  @ApiProperty({ example: '330106', description: 'where the infringement happens' })
  @IsRegionCode()
  regionCode: string;
  @ApiPropertyOptional({
    example: '2026-11-20',
    description: 'date the request or lead was received; default today',
  })
  @IsOptional()
  @IsIsoDate()
  receivedOn?: string;
  @OptionalText(5000) summary?: string;
  @IsFen({ description: 'value involved, fen' }) valueFen?: number;
  @IsFen({ description: 'illegal gains, fen' }) illegalGainsFen?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() major?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() repeatInfringer?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() online?: boolean;
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(15)
  @IsUUID('all', { each: true })
  officerIds?: string[];
  @ApiPropertyOptional({ type: [PartyDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartyDto)
  parties?: PartyDto[];
  @ApiPropertyOptional({ type: [RightDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RightDto)
  rights?: RightDto[];
}

export class ExtensionDto {
  @ApiProperty({ example: 'closing' }) @IsString() @MaxLength(40) deadlineKey: string;
  @ApiProperty({ enum: APPROVER_LEVEL_CODES }) @IsIn(APPROVER_LEVEL_CODES) level: string;
  @ApiProperty({ example: 1, description: "in the rule's extension unit" })
  @IsInt()
  @Min(1)
  @Max(1000)
  amount: number;
}

export class CaseActionDto {
  @ApiProperty({ description: 'the version of the case you read' }) @IsVersion() version: number;
  @ApiPropertyOptional({ example: '2026-11-25', description: 'day of the act; default today' })
  @IsOptional()
  @IsIsoDate()
  actedOn?: string;
  @OptionalText(5000) reason?: string;
  @OptionalText(5000) legalBasis?: string;
  @OptionalText(20000) facts?: string;
  @ApiPropertyOptional({ enum: OUTCOME_CODES }) @IsOptional() @IsIn(OUTCOME_CODES) outcome?: string;
  @IsFen({ description: 'fine, fen' }) fineFen?: number;
  @IsFen({ description: 'confiscated illegal gains, fen' }) confiscatedFen?: number;
  @IsFen({ description: 'illegal gains found, fen' }) illegalGainsFen?: number;
  @ApiPropertyOptional({ enum: PAUSE_KIND_CODES }) @IsOptional() @IsIn(PAUSE_KIND_CODES) pauseKind?: string;
  @ApiPropertyOptional({ type: ExtensionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExtensionDto)
  extension?: ExtensionDto;
  @ApiPropertyOptional({ description: "the party's statement was received or the party waived it" })
  @IsOptional()
  @IsBoolean()
  defenceHeard?: boolean;
}

export class SetOfficersDto {
  @ApiProperty() @IsVersion() version: number;
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(15)
  @IsUUID('all', { each: true })
  officerIds: string[];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() leadId?: string;
}

export class AddPartyDto extends PartyDto {
  @ApiProperty() @IsVersion() version: number;
}

export class AddRightDto extends RightDto {
  @ApiProperty() @IsVersion() version: number;
}

export class VersionQueryDto {
  @ApiProperty({ description: 'the version of the case you read' })
  @Type(() => Number)
  @IsVersion()
  version: number;
}

export class AddNoteDto {
  @ApiProperty() @IsString() @MaxLength(5000) body: string;
}

export class UpdateCaseDto {
  @ApiProperty() @IsVersion() version: number;
  @OptionalText(200) title?: string;
  @OptionalText(5000) summary?: string;
  @IsFen({ type: Number, nullable: true, description: 'value involved, fen' }) valueFen?: number;
  @IsFen({ type: Number, nullable: true, description: 'illegal gains, fen' }) illegalGainsFen?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() major?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() repeatInfringer?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() online?: boolean;
}

export class AssignableOfficersQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "default: the caller's office" })
  @IsOptional()
  @IsUUID()
  officeId?: string;
}
