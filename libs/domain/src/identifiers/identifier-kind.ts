import { validateNiceClass } from './nice-class';
import { validateOrganizationCode } from './organization-code';
import { validatePatentApplicationNumber } from './patent-application-number';
import { validatePatentPublicationNumber } from './patent-publication-number';
import { validatePlantVarietyRightNumber } from './plant-variety-right-number';
import { validateRegionCode } from './region-code';
import { validateRegistrationNo15 } from './registration-no-15';
import { validateResidentId } from './resident-id';
import { validateTrademarkNumber } from './trademark-number';
import { validateUscc } from './uscc';
import type { ValidationResult } from './validation-result';

/** Every identifier the system validates, by a stable name (used by the HTTP check and DTO decorators). */
export const IDENTIFIER_VALIDATORS = {
  uscc: validateUscc,
  registration_no_15: validateRegistrationNo15,
  organization_code: validateOrganizationCode,
  resident_id: (v: string) => validateResidentId(v),
  patent_application: (v: string) => validatePatentApplicationNumber(v),
  patent_publication: validatePatentPublicationNumber,
  trademark: validateTrademarkNumber,
  nice_class: (v: string) => validateNiceClass(v),
  plant_variety_right: validatePlantVarietyRightNumber,
  region_code: validateRegionCode,
} as const satisfies Record<string, (value: string) => ValidationResult<unknown>>;

export type IdentifierKind = keyof typeof IDENTIFIER_VALIDATORS;
export const IDENTIFIER_KINDS = Object.keys(IDENTIFIER_VALIDATORS) as IdentifierKind[];

export function validateIdentifier(kind: IdentifierKind, value: string): ValidationResult<unknown> {
  return IDENTIFIER_VALIDATORS[kind](value);
}
