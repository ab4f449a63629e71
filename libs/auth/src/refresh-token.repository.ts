import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { RefreshTokenEntity } from './entities/refresh-token.entity';

@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(RefreshTokenEntity);
  }

  insert(row: Partial<RefreshTokenEntity>): Promise<RefreshTokenEntity> {
    return this.repo.save(this.repo.create(row));
  }

  /** Locks the row so two concurrent refreshes with one token cannot both succeed. */
  findByHashForUpdate(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.repo
      .createQueryBuilder('t')
      .where('t.token_hash = :tokenHash', { tokenHash })
      .setLock('pessimistic_write')
      .getOne();
  }

  async markUsed(id: string): Promise<void> {
    await this.repo.update({ id }, { usedAt: () => 'now()' } as never);
  }

  async revokeFamily(familyId: string, reason: string): Promise<number> {
    const res = await this.txHost.tx.query(
      `UPDATE refresh_tokens SET revoked_at = now(), revoke_reason = $2 WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId, reason],
    );
    return Array.isArray(res) ? Number(res[1] ?? 0) : 0;
  }

  async revokeAllForUser(userId: string, reason: string): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE refresh_tokens SET revoked_at = now(), revoke_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    );
  }
}
