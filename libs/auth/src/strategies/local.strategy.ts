import { DomainError } from '@app/domain';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { AuthService } from '../auth.service';
import type { UserWithOffice } from '../user.repository';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ passReqToCallback: true });
  }

  validate(req: FastifyRequest, username: unknown, password: unknown): Promise<UserWithOffice> {
    // passport-local hands over whatever the body held: this guard runs before the validation pipe.
    const errors = [
      ...(isText(username, 64) ? [] : [field('username', 64)]),
      ...(isText(password, 256) ? [] : [field('password', 256)]),
    ];
    if (errors.length)
      throw new DomainError('VALIDATION_FAILED', 'username and password must be text', { errors });
    return this.auth.validateCredentials(username as string, password as string, {
      ip: req.ip,
      userAgent: req.headers['user-agent'],
    });
  }
}

const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length <= max && !v.includes('\u0000');

const field = (name: string, max: number) => ({
  field: name,
  code: 'isString',
  message: `${name} must be text of at most ${max} characters (no NUL)`,
  messageZh: `应为不超过 ${max} 个字符的文本（${name} must be text of at most ${max} characters）`,
});
