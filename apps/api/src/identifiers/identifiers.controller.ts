import { IDENTIFIER_KINDS, type IdentifierKind, validateIdentifier } from '@app/domain';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';

export class ValidateIdentifierDto {
  @ApiProperty({ enum: IDENTIFIER_KINDS, example: 'uscc' })
  @IsIn(IDENTIFIER_KINDS)
  kind: IdentifierKind;

  @ApiProperty({ example: '91330106MA27XXXXXX' })
  @IsString()
  @MaxLength(64)
  value: string;
}

@ApiTags('identifiers')
@ApiBearerAuth()
@Controller('identifiers')
export class IdentifiersController {
  /**
   * Checks an identifier as the user types (credit codes, ID numbers, patent / trademark / plant-variety numbers,
   * region codes): `{ ok, normalized, warnings, notes, info }` or `{ ok: false, code, reason, reasonZh }`.
   */
  @Post('validate')
  @HttpCode(200)
  @ApiOperation({ summary: '校验标识号 Check an identifier and its check character' })
  validate(@Body() dto: ValidateIdentifierDto) {
    return validateIdentifier(dto.kind, dto.value);
  }
}
