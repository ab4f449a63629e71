import { isValidIsoDate } from '@app/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

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
