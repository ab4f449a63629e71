import { DomainError } from '@app/domain';
import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from './problem';

/** Chinese wording for the common class-validator constraints; other constraints keep their message. */
const ZH: Record<string, string> = {
  whitelistValidation: '不允许的字段',
  isNotEmpty: '不能为空',
  isString: '应为文本',
  isInt: '应为整数',
  isBoolean: '应为是/否',
  isEnum: '取值不在允许范围内',
  isIn: '取值不在允许范围内',
  isUUID: '应为有效的编号 (UUID)',
  minLength: '长度太短',
  maxLength: '长度超出限制',
  isDateString: '应为日期',
  isISO8601: '应为日期',
  min: '数值太小',
  max: '数值太大',
  isArray: '应为列表',
  arrayMinSize: '至少需要一项',
  matches: '格式不正确',
};

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = parent
      ? /^\d+$/.test(e.property)
        ? `${parent}[${e.property}]`
        : `${parent}.${e.property}`
      : e.property;
    for (const [code, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field, code, message, ...(ZH[code] ? { messageZh: `${ZH[code]}（${message}）` } : {}) });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/** Global pipe: unknown fields are rejected, types converted, errors reported field by field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const list = flattenValidationErrors(errors);
      return new DomainError('VALIDATION_FAILED', list.map((e) => `${e.field}: ${e.message}`).join('; '), {
        errors: list,
      });
    },
  });
}
