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

  validate(req: FastifyRequest, username: string, password: string): Promise<UserWithOffice> {
    return this.auth.validateCredentials(username, password, {
      ip: req.ip,
      userAgent: req.headers['user-agent'],
    });
  }
}
