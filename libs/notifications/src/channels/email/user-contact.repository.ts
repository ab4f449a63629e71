import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';

/** How a user can be reached outside the app (`users.email`, `users.phone`). */
export interface UserContact {
  id: string;
  displayName: string;
  active: boolean;
  email: string | null;
  phone: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads the contact columns of a user for the e-mail and SMS senders. The columns came with the notifications
 * migration and are not (yet) on `UserEntity`, so this is a plain query; it joins the ambient transaction.
 */
@Injectable()
export class UserContactRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async findById(id: string): Promise<UserContact | null> {
    if (!UUID.test(id)) return null;
    const rows = (await this.txHost.tx.query(
      `SELECT id, display_name AS "displayName", active, email, phone FROM users WHERE id = $1`,
      [id],
    )) as UserContact[];
    return rows[0] ?? null;
  }
}
