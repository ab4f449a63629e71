import { AuditWriter } from '@app/audit';
import { AppConfig } from '@app/config';
import type { Actor } from '@app/contracts';
import { DomainError } from '@app/domain';
import { Transactional } from '@nestjs-cls/transactional';
import { Injectable, Logger } from '@nestjs/common';
import { PasswordHasher } from './password-hasher';
import { RefreshTokenRepository } from './refresh-token.repository';
import { TokenService } from './token.service';
import { UserRepository, UserWithOffice } from './user.repository';

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: UserWithOffice;
}

type RotateOutcome = { kind: 'ok'; session: Session } | { kind: 'reused' } | { kind: 'invalid'; why: string };

const actorOfUser = (u: UserWithOffice): Actor => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  officeId: u.officeId,
  regionCode: u.regionCode,
});

/**
 * Login, refresh-token rotation with reuse detection, logout. Failures that must be remembered (a failed
 * attempt, a lock, a revoked family) are committed in their own transaction before the error is thrown.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UserRepository,
    private readonly tokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokenService: TokenService,
    private readonly audit: AuditWriter,
    private readonly config: AppConfig,
  ) {}

  /** Checks a username and password (passport-local); throws INVALID_CREDENTIALS or ACCOUNT_LOCKED. */
  async validateCredentials(username: string, password: string, client: ClientInfo): Promise<UserWithOffice> {
    const user = await this.users.findByUsername(username.trim().toLowerCase());
    if (user?.lockedUntil && user.lockedUntil > new Date()) {
      throw new DomainError(
        'ACCOUNT_LOCKED',
        `The account is locked until ${user.lockedUntil.toISOString()}`,
        {
          lockedUntil: user.lockedUntil.toISOString(),
        },
      );
    }
    const ok = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !ok || !user.active) {
      if (user) {
        const { lockedUntil } = await this.recordFailure(
          user,
          client,
          ok && !user.active ? 'inactive' : 'password',
        );
        if (lockedUntil) {
          throw new DomainError(
            'ACCOUNT_LOCKED',
            `Too many failed attempts; the account is locked until ${lockedUntil.toISOString()}`,
            { lockedUntil: lockedUntil.toISOString() },
          );
        }
      } else {
        this.logger.warn({ username: username.slice(0, 64), ip: client.ip }, 'login for unknown user');
      }
      throw new DomainError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    return user;
  }

  @Transactional()
  private async recordFailure(user: UserWithOffice, client: ClientInfo, reason: string) {
    const result = await this.users.recordFailedLogin(
      user.id,
      this.config.LOGIN_MAX_FAILURES,
      this.config.LOGIN_LOCK_MINUTES,
    );
    await this.audit.record(actorOfUser(user), {
      action: result.lockedUntil ? 'auth.account_locked' : 'auth.login_failed',
      entityType: 'user',
      entityId: user.id,
      data: {
        reason,
        failedLogins: result.failedLogins,
        lockedUntil: result.lockedUntil?.toISOString() ?? null,
        ip: client.ip ?? null,
      },
    });
    return result;
  }

  /** Issues a new session (access + refresh token, new family) for a validated user. */
  @Transactional()
  async login(user: UserWithOffice, client: ClientInfo): Promise<Session> {
    await this.users.recordSuccessfulLogin(user.id);
    await this.audit.record(actorOfUser(user), {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      data: { ip: client.ip ?? null, userAgent: client.userAgent?.slice(0, 200) ?? null },
    });
    return this.issue(user, client);
  }

  private async issue(user: UserWithOffice, client: ClientInfo, familyId?: string): Promise<Session> {
    const fresh = this.tokenService.newRefreshToken();
    await this.tokens.insert({
      userId: user.id,
      familyId: familyId ?? fresh.familyId,
      tokenHash: fresh.hash,
      expiresAt: fresh.expiresAt,
      createdAt: new Date(),
      userAgent: client.userAgent?.slice(0, 200) ?? null,
      ip: client.ip ?? null,
    });
    return { ...this.tokenService.signAccess(user), refreshToken: fresh.token, user };
  }

  /** Rotates a refresh token. A token presented twice revokes its whole family (it was stolen or replayed). */
  async refresh(refreshToken: string, client: ClientInfo): Promise<Session> {
    const outcome = await this.rotate(refreshToken, client);
    if (outcome.kind === 'reused') {
      throw new DomainError(
        'TOKEN_REUSED',
        'This refresh token was already used; every session of its family is revoked',
      );
    }
    if (outcome.kind === 'invalid') throw new DomainError('TOKEN_INVALID', outcome.why);
    return outcome.session;
  }

  @Transactional()
  private async rotate(refreshToken: string, client: ClientInfo): Promise<RotateOutcome> {
    const row = await this.tokens.findByHashForUpdate(TokenService.hashRefresh(refreshToken));
    if (!row) return { kind: 'invalid', why: 'Unknown refresh token' };
    if (row.revokedAt) return { kind: 'invalid', why: 'The session was ended; sign in again' };
    const user = await this.users.findById(row.userId);
    if (!user) return { kind: 'invalid', why: 'Unknown refresh token' };
    if (row.usedAt) {
      await this.tokens.revokeFamily(row.familyId, 'reuse_detected');
      await this.audit.record(actorOfUser(user), {
        action: 'auth.refresh_reuse_detected',
        entityType: 'user',
        entityId: user.id,
        data: { familyId: row.familyId, ip: client.ip ?? null },
      });
      return { kind: 'reused' };
    }
    if (row.expiresAt <= new Date())
      return { kind: 'invalid', why: 'The refresh token has expired; sign in again' };
    if (!user.active || (user.lockedUntil && user.lockedUntil > new Date())) {
      return { kind: 'invalid', why: 'The account is disabled or locked' };
    }
    await this.tokens.markUsed(row.id);
    return { kind: 'ok', session: await this.issue(user, client, row.familyId) };
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are ignored (logout is idempotent). */
  @Transactional()
  async logout(refreshToken: string): Promise<void> {
    const row = await this.tokens.findByHashForUpdate(TokenService.hashRefresh(refreshToken));
    if (!row || row.revokedAt) return;
    await this.tokens.revokeFamily(row.familyId, 'logout');
    await this.audit.record(null, {
      action: 'auth.logout',
      entityType: 'user',
      entityId: row.userId,
      data: {},
    });
  }

  async me(actor: Actor): Promise<UserWithOffice> {
    const user = await this.users.findById(actor.id);
    if (!user || !user.active)
      throw new DomainError('TOKEN_INVALID', 'The account no longer exists or is disabled');
    return user;
  }
}
