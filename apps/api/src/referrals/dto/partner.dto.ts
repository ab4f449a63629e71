import { IP_TYPE_CODES } from '@app/domain';
import type { PartnerView } from '@app/referrals';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class CreatePartnerDto {
  @ApiProperty({ maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ format: 'uuid', description: 'the office that stands for the partner here' })
  @IsUUID()
  officeId: string;
}

export class SetPartnerActiveDto {
  @ApiProperty() @IsBoolean() active: boolean;
}

export class PartnerDto implements PartnerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) officeId: string;
  @ApiProperty() officeName: string;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
}

export class CreatedPartnerDto extends PartnerDto {
  @ApiProperty({ description: 'the signing secret, shown this once' }) secret: string;
}

class PartnerCaseDto {
  @ApiProperty({ maxLength: 200 }) title: string;
  @ApiProperty({ enum: IP_TYPE_CODES }) ipType: string;
  @ApiPropertyOptional() caseNo?: string;
  @ApiPropertyOptional({ description: '6-digit region code of the place of infringement' })
  regionCode?: string;
  @ApiPropertyOptional({ maxLength: 5000 }) summary?: string;
}

/** Documentation of the signed inbound body; the service validates it after the signature. */
export class PartnerReferralDto {
  @ApiProperty({ description: "the partner's own referral id; one referral per id" }) externalId: string;
  @ApiProperty({ enum: ['jurisdiction', 'assistance', 'joint'] }) kind: string;
  @ApiProperty({ format: 'uuid', description: 'the receiving office here' }) toOfficeId: string;
  @ApiProperty({ maxLength: 2000 }) reason: string;
  @ApiPropertyOptional({ maxLength: 2000, description: 'required for jurisdiction' }) legalBasis?: string;
  @ApiPropertyOptional({ maxLength: 2000, description: 'required for assistance and joint' })
  request?: string;
  @ApiProperty({ type: PartnerCaseDto }) case: PartnerCaseDto;
}

export class PartnerReferralReceiptDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() referralNo: string;
  @ApiProperty() state: string;
  @ApiProperty({ type: String, nullable: true }) dueAt: string | null;
  @ApiProperty({ type: String, nullable: true }) externalId: string | null;
}
