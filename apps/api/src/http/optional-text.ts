import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** An optional text field of at most `max` characters, documented with `doc` in the OpenAPI schema. */
export function OptionalText(
  max: number,
  doc: { example?: string; description?: string } = {},
): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional(doc), IsOptional(), IsString(), MaxLength(max));
}
