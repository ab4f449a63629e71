import { AppConfig } from '@app/config';
import type { Actor, Role } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, createSecretKey, KeyObject, randomBytes, randomUUID } from 'node:crypto';
import type { UserWithOffice } from './user.repository';

/** Claims of our access tokens. */
export interface AccessClaims {
  sub: string;
  usr: string;
  name: string;
  roles: Role[];
  office: string;
  region: string;
}

export const JWT_ALGORITHM = 'HS256' as const;

/**
 * The HMAC key as a KeyObject, made once. Given a string, jsonwebtoken first tries to parse it as a PEM public
 * key on every sign and verify (an exception each time) — measured at a third of the CPU of an authenticated
 * request before this.
 */
export function jwtKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}
export const JWT_ISSUER = 'ipe';

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  signAccess(user: UserWithOffice): { accessToken: string; expiresIn: number } {
    const claims: AccessClaims = {
      sub: user.id,
      usr: user.username,
      name: user.displayName,
      roles: user.roles,
      office: user.officeId,
      region: user.regionCode,
    };
    const expiresIn = this.config.JWT_ACCESS_TTL_SECONDS;
    return {
      accessToken: this.jwt.sign(claims, { expiresIn, algorithm: JWT_ALGORITHM, issuer: JWT_ISSUER }),
      expiresIn,
    };
  }

  /** A refresh token is 32 random bytes; only its SHA-256 is stored. */
  newRefreshToken(): { token: string; hash: string; familyId: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    return {
      token,
      hash: TokenService.hashRefresh(token),
      familyId: randomUUID(),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TTL_SECONDS * 1000),
    };
  }

  static hashRefresh(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  static actorOf(c: AccessClaims): Actor {
    return {
      id: c.sub,
      username: c.usr,
      displayName: c.name,
      roles: c.roles,
      officeId: c.office,
      regionCode: c.region,
    };
  }
}
