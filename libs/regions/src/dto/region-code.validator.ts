import { validateRegionCode } from '@app/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A 6-digit GB/T 2260 code with a real province prefix (shape only; existence is the service's job). */
export function IsRegionCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRegionCode',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^\d{6}$/.test(value) && validateRegionCode(value).ok,
        defaultMessage: () => '$property must be a 6-digit GB/T 2260 region code (行政区划代码应为6位数字)',
      },
    },
    options,
  );
}
