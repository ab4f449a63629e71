import { DomainError } from '@app/domain';
import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
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

/** Deepest nesting of objects and arrays a request may send; our DTOs nest three or four levels. */
export const MAX_INPUT_DEPTH = 32;

/** A UTF-16 surrogate not paired with its other half: a `u` regex reads pairs as one astral code point. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * What no field of any request may hold, checked before class-transformer and class-validator see it: nesting deeper
 * than MAX_INPUT_DEPTH (they recurse, and 10,000 levels — which fit in the 1 MB body limit — overflowed the stack: a
 * 500), text with U+0000 (PostgreSQL cannot store it, so it failed in the database: a 500), and text with a lone
 * surrogate (JSON allows "\udfff"; a text column silently stored U+FFFD, a jsonb one — audit data, outbox payloads
 * — refused it: a 500).
 */
export function unacceptableInput(value: unknown, max = MAX_INPUT_DEPTH): FieldError | null {
  // Iterative: a recursive walk is exactly what a 10,000-level body overflows.
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length) {
    const [v, depth, path] = stack.pop()!;
    const field = path.split('.')[0];
    if (typeof v === 'string' && v.includes('\u0000')) {
      return {
        field,
        code: 'noNul',
        message: `${field || 'value'} must not contain the NUL character (U+0000)`,
        messageZh: `不能包含空字符 U+0000（${field || 'value'} must not contain the NUL character）`,
      };
    }
    if (typeof v === 'string' && LONE_SURROGATE.test(v)) {
      return {
        field,
        code: 'wellFormedUnicode',
        message: `${field || 'value'} is not well-formed Unicode (a lone surrogate)`,
        messageZh: `包含无效的 Unicode 字符（${field || 'value'} is not well-formed Unicode）`,
      };
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= max) {
      return {
        field,
        code: 'maxDepth',
        message: `${field || 'value'} is nested more than ${max} levels deep`,
        messageZh: `嵌套层级过深（${field || 'value'} is nested more than ${max} levels deep）`,
      };
    }
    for (const [k, child] of Object.entries(v)) stack.push([child, depth + 1, path ? `${path}.${k}` : k]);
  }
  return null;
}

/**
 * Global pipe: unknown fields are rejected, types converted, errors reported field by field; input no DTO could
 * accept (unacceptableInput) is refused before the DTO is built.
 */
export function createValidationPipe(): ValidationPipe {
  return new DepthLimitedValidationPipe({
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

class DepthLimitedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const error = metadata.type === 'custom' ? null : unacceptableInput(value);
    if (error) {
      if (!error.field) error.field = metadata.data ?? metadata.type;
      throw new DomainError('VALIDATION_FAILED', error.message, { errors: [error] });
    }
    return super.transform(value, metadata);
  }
}
