import type { Role } from '@app/contracts';
import { regionRange } from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { UserEntity } from './entities/user.entity';

export interface UserWithOffice extends UserEntity {
  officeName: string;
  regionCode: string;
  regionName: string;
}

export interface UserListFilter {
  q?: string;
  officeId?: string;
  role?: Role;
  /** Restrict to offices within this region subtree (scope). */
  withinRegion?: string | null;
  page: number;
  pageSize: number;
}

@Injectable()
export class UserRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(UserEntity);
  }

  private withOffice() {
    return this.repo
      .createQueryBuilder('u')
      .innerJoin('offices', 'o', 'o.id = u.office_id')
      .leftJoin('regions', 'r', 'r.code = o.region_code')
      .addSelect(['o.name AS "officeName"', 'o.region_code AS "regionCode"', 'r.name AS "regionName"']);
  }

  private static merge(raw: Record<string, unknown>, entity: UserEntity): UserWithOffice {
    return Object.assign(entity, {
      officeName: raw.officeName as string,
      regionCode: raw.regionCode as string,
      regionName: (raw.regionName as string | null) ?? '',
    });
  }

  async findByUsername(username: string): Promise<UserWithOffice | null> {
    const { entities, raw } = await this.withOffice()
      .where('u.username = :username', { username })
      .getRawAndEntities();
    return entities[0] ? UserRepository.merge(raw[0], entities[0]) : null;
  }

  async findById(id: string, { lock = false } = {}): Promise<UserWithOffice | null> {
    const qb = this.withOffice().where('u.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write', undefined, ['u']);
    const { entities, raw } = await qb.getRawAndEntities();
    return entities[0] ? UserRepository.merge(raw[0], entities[0]) : null;
  }

  async list(f: UserListFilter): Promise<{ items: UserWithOffice[]; total: number }> {
    const qb = this.withOffice();
    if (f.q)
      qb.andWhere('(u.username ILIKE :q OR u.display_name ILIKE :q)', {
        q: `%${f.q.replace(/[\\%_]/g, '\\$&')}%`,
      });
    if (f.officeId) qb.andWhere('u.office_id = :officeId', { officeId: f.officeId });
    if (f.role) qb.andWhere(':role = ANY(u.roles)', { role: f.role });
    if (f.withinRegion) {
      const [lo, hi] = regionRange(f.withinRegion);
      qb.andWhere('o.region_code >= :lo AND o.region_code < :hi', { lo, hi });
    }
    const total = await qb.getCount();
    const { entities, raw } = await qb
      .orderBy('u.username')
      .offset((f.page - 1) * f.pageSize)
      .limit(f.pageSize)
      .getRawAndEntities();
    return { items: entities.map((e, i) => UserRepository.merge(raw[i], e)), total };
  }

  /**
   * Counts a failed login atomically and locks the account when the limit is reached. A lock that has
   * expired starts a fresh count.
   */
  async recordFailedLogin(
    id: string,
    maxFailures: number,
    lockMinutes: number,
  ): Promise<{ failedLogins: number; lockedUntil: Date | null }> {
    const [rows]: [{ failed_logins: number; locked_until: Date | null }[], number] =
      await this.txHost.tx.query(
        `UPDATE users u
          SET failed_logins = n.count,
              locked_until = CASE WHEN n.count >= $2 THEN now() + make_interval(mins => $3) END
         FROM (SELECT id, CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 1
                               ELSE failed_logins + 1 END AS count
                 FROM users WHERE id = $1 FOR UPDATE) n
        WHERE u.id = n.id
        RETURNING u.failed_logins, u.locked_until`,
        [id, maxFailures, lockMinutes],
      );
    return { failedLogins: rows[0].failed_logins, lockedUntil: rows[0].locked_until };
  }

  async recordSuccessfulLogin(id: string): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`,
      [id],
    );
  }

  /** The region of an office, or null when the office does not exist. */
  async officeRegion(officeId: string): Promise<string | null> {
    const rows: { region_code: string }[] = await this.txHost.tx.query(
      `SELECT region_code FROM offices WHERE id = $1 AND active`,
      [officeId],
    );
    return rows[0]?.region_code ?? null;
  }

  insert(user: Partial<UserEntity>): Promise<UserEntity> {
    return this.repo.save(this.repo.create(user));
  }

  /** Writes the given columns; the version column is bumped by TypeORM. */
  async update(id: string, patch: Partial<UserEntity>): Promise<void> {
    await this.repo.createQueryBuilder().update().set(patch).where('id = :id', { id }).execute();
  }

  async clearLock(id: string): Promise<void> {
    await this.txHost.tx.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [id]);
  }
}
