import { DomainError } from '@app/domain';
import { ParseUUIDPipe } from '@nestjs/common';

/** `:id` path parameters must be UUIDs; anything else is a 400 that names the parameter. */
export const UuidParam = new ParseUUIDPipe({
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', 'id must be a UUID', {
      errors: [{ field: 'id', code: 'isUuid', message: '编号格式不正确 (id must be a UUID)' }],
    }),
});
