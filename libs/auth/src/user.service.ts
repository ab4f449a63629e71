import { AuditWriter } from '@app/audit';
import type { Actor, Page } from '@app/contracts';
import { DomainError } from '@app/domain';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@app/database';
import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user.dto';
import { PasswordHasher } from './password-hasher';
import { RefreshTokenRepository } from './refresh-token.repository';
import { ScopePolicy } from './scope.policy';
import { UserRepository, UserWithOffice } from './user.repository';

/** Staff accounts: admins manage them; supervisors read those of their region subtree. */
@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly scope: ScopePolicy,
    private readonly audit: AuditWriter,
  ) {}

  async list(actor: Actor, q: ListUsersQueryDto): Promise<Page<UserWithOffice>> {
    const { items, total } = await this.users.list({ ...q, withinRegion: this.scope.rootOf(actor) });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async get(actor: Actor, id: string): Promise<UserWithOffice> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('NOT_FOUND', `No user with id ${id}`);
    this.scope.assertCanSee(actor, user.regionCode);
    return user;
  }

  @Transactional()
  async create(actor: Actor, dto: CreateUserDto): Promise<UserWithOffice> {
    await this.requireOffice(dto.officeId);
    const passwordHash = await this.hasher.hash(dto.password);
    let id: string;
    try {
      ({ id } = await this.users.insert({
        username: dto.username,
        displayName: dto.displayName.trim(),
        passwordHash,
        roles: dto.roles,
        officeId: dto.officeId,
        active: true,
        failedLogins: 0,
      }));
    } catch (e) {
      if (pgErrorCode(e) === PG_UNIQUE_VIOLATION) {
        throw new DomainError('CONFLICT', `The username "${dto.username}" is taken`, {
          errors: [{ field: 'username', code: 'unique', message: '用户名已存在 (username is taken)' }],
        });
      }
      throw e;
    }
    await this.audit.record(actor, {
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      data: {
        username: dto.username,
        displayName: dto.displayName,
        roles: dto.roles,
        officeId: dto.officeId,
      },
    });
    return (await this.users.findById(id))!;
  }

  @Transactional()
  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserWithOffice> {
    const user = await this.users.findById(id, { lock: true });
    if (!user) throw new DomainError('NOT_FOUND', `No user with id ${id}`);
    if (user.version !== dto.version) {
      throw new DomainError(
        'STALE_VERSION',
        `The user was changed (version ${user.version}, you sent ${dto.version})`,
        {
          currentVersion: user.version,
        },
      );
    }
    if (dto.officeId && dto.officeId !== user.officeId) await this.requireOffice(dto.officeId);
    if (actor.id === id && (dto.active === false || (dto.roles && !dto.roles.includes('admin')))) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'You cannot disable your own account or remove your own admin role',
        {
          errors: [
            {
              field: dto.active === false ? 'active' : 'roles',
              code: 'self',
              message: '不能停用自己的账号或取消自己的管理员角色',
            },
          ],
        },
      );
    }
    const changes: Record<string, unknown> = {};
    for (const key of ['displayName', 'roles', 'officeId', 'active'] as const) {
      if (dto[key] !== undefined && JSON.stringify(dto[key]) !== JSON.stringify(user[key])) {
        changes[key] = { from: user[key], to: dto[key] };
        Object.assign(user, { [key]: dto[key] });
      }
    }
    if (dto.password) {
      user.passwordHash = await this.hasher.hash(dto.password);
      user.passwordChangedAt = new Date();
      changes.password = 'changed';
    }
    if (dto.password || dto.active === false || changes.roles || changes.officeId) {
      await this.tokens.revokeAllForUser(id, 'account_changed');
    }
    await this.users.update(id, {
      displayName: user.displayName,
      roles: user.roles,
      officeId: user.officeId,
      active: user.active,
      passwordHash: user.passwordHash,
      passwordChangedAt: user.passwordChangedAt,
    });
    await this.audit.record(actor, {
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      data: changes,
    });
    return (await this.users.findById(id))!;
  }

  @Transactional()
  async unlock(actor: Actor, id: string): Promise<UserWithOffice> {
    const user = await this.users.findById(id, { lock: true });
    if (!user) throw new DomainError('NOT_FOUND', `No user with id ${id}`);
    await this.users.clearLock(id);
    await this.audit.record(actor, {
      action: 'user.unlocked',
      entityType: 'user',
      entityId: id,
      data: { lockedUntil: user.lockedUntil?.toISOString() ?? null },
    });
    return (await this.users.findById(id))!;
  }

  private async requireOffice(officeId: string): Promise<void> {
    if (!(await this.users.officeRegion(officeId))) {
      throw new DomainError('VALIDATION_FAILED', `No active office with id ${officeId}`, {
        errors: [
          { field: 'officeId', code: 'exists', message: '所选机构不存在或已停用 (no such active office)' },
        ],
      });
    }
  }
}
