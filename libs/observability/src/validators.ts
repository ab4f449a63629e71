import { IdentifierKind, isValidIsoDate, validateIdentifier } from '@app/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min, ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * Composite class-validator decorators over the pure validators of `@app/domain`, so a DTO says
 * `@IsUscc()` and the field error carries the validator's own reason ("check character should be …").
 * A USCC whose check character does not match passes here (early pilot codes fail the check, domain.md §5);
 * the service decides whether an override reason is required.
 */
export function IsIdentifier(
  kind: IdentifierKind,
  options?: ValidationOptions & { exact?: boolean },
): PropertyDecorator {
  return ValidateBy(
    {
      name: `is_${kind}`,
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const r = validateIdentifier(kind, value);
          return r.ok && (!options?.exact || r.normalized === value);
        },
        defaultMessage: (args?: ValidationArguments) => {
          if (typeof args?.value !== 'string') return `$property must be a text value (应为文本)`;
          const r = validateIdentifier(kind, args.value);
          return r.ok
            ? `$property must be written exactly ${r.normalized} (应写作 ${r.normalized})`
            : `${r.reasonZh} (${r.reason})`;
        },
      },
    },
    options,
  );
}

export const IsUscc = (o?: ValidationOptions) => IsIdentifier('uscc', o);
export const IsOrganizationCode = (o?: ValidationOptions) => IsIdentifier('organization_code', o);
export const IsResidentId = (o?: ValidationOptions) => IsIdentifier('resident_id', o);
export const IsPatentApplicationNumber = (o?: ValidationOptions) => IsIdentifier('patent_application', o);
export const IsPatentPublicationNumber = (o?: ValidationOptions) => IsIdentifier('patent_publication', o);
export const IsTrademarkNumber = (o?: ValidationOptions) => IsIdentifier('trademark', o);
export const IsPlantVarietyRightNumber = (o?: ValidationOptions) => IsIdentifier('plant_variety_right', o);
/** A 6-digit GB/T 2260 code with a real province prefix (shape only; existence is the service's job). */
export const IsRegionCode = (o?: ValidationOptions) => IsIdentifier('region_code', { ...o, exact: true });

/** A real calendar date written exactly 'YYYY-MM-DD'. */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value: unknown) => isValidIsoDate(value),
        defaultMessage: () => '$property must be a real date written YYYY-MM-DD (日期格式应为YYYY-MM-DD)',
      },
    },
    options,
  );
}

/** The `version` a client read, sent back with an update; a stale one is refused with 409 (optimistic locking). */
export function IsVersion(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description: 'the version you read; a stale version is refused with 409' }),
    IsInt(),
    Min(1),
  );
}
