import type { Actor } from '@app/contracts';
import { DomainError } from '@app/domain';
import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC } from '../decorators';

/** Verified access tokens remembered at most (oldest forgotten first). */
const MAX_REMEMBERED = 10_000;

interface Verified {
  actor: Actor;
  /** The token's exp, in ms. */
  expiresAt: number;
}

/**
 * Global: every route needs a valid access token unless marked @Public(). passport-jwt verifies a token the first
 * time it is seen; the actor is then remembered under the whole token (signature included, so only that exact token
 * matches) until the token's own expiry. Access tokens are stateless — nothing but expiry ends them — so this answers
 * exactly as verifying again would, without a fifth of an authenticated request's CPU (bench:intake).
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly verified = new Map<string, Verified>();

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(ctx: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    if (isPublic) return true;
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, unknown>; user?: Actor }>();
    const token = bearerOf(req.headers.authorization);
    const known = token ? this.verified.get(token) : undefined;
    if (known) {
      if (known.expiresAt > Date.now()) {
        req.user = known.actor;
        return true;
      }
      this.verified.delete(token!);
    }
    return super.canActivate(ctx);
  }

  override handleRequest<T>(err: unknown, user: T, info: unknown, ctx: ExecutionContext): T {
    if (err) throw err;
    if (!user) {
      const why = info instanceof Error ? info.message : 'no bearer token';
      throw new DomainError(
        why === 'no bearer token' || /No auth token/i.test(why) ? 'UNAUTHENTICATED' : 'TOKEN_INVALID',
        `Authentication failed: ${why}`,
      );
    }
    const token = bearerOf(
      ctx.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.authorization,
    );
    const expiresAt = token ? expiryOf(token) : null;
    if (token && expiresAt !== null) {
      if (this.verified.size >= MAX_REMEMBERED) this.verified.delete(this.verified.keys().next().value!);
      // Shared by every request with this token: frozen, so no request can change another's actor.
      this.verified.set(token, { actor: Object.freeze(user as unknown as Actor), expiresAt });
    }
    return user;
  }
}

function bearerOf(header: unknown): string | null {
  if (typeof header !== 'string' || !/^bearer /i.test(header)) return null;
  const token = header.slice(7).trim();
  return token || null;
}

/** exp (ms) of a token passport-jwt has just verified; null without one (then it is not remembered). */
function expiryOf(token: string): number | null {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}
