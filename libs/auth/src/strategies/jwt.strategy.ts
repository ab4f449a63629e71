import { AppConfig } from '@app/config';
import type { Actor } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AccessClaims, JWT_ALGORITHM, JWT_ISSUER, jwtKey, TokenService } from '../token.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt's types say string | Buffer; jsonwebtoken takes the KeyObject as is.
      secretOrKey: jwtKey(config.JWT_SECRET) as unknown as string,
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessClaims): Actor {
    return TokenService.actorOf(claims);
  }
}
