import type { Actor } from '@app/contracts';
import { DomainError } from '@app/domain';
import { Injectable } from '@nestjs/common';
import type { InboxListQuery, InboxMessage, InboxPage } from './inbox-message';
import { InboxRepository } from './inbox.repository';

const MESSAGE_ID = /^[1-9][0-9]{0,17}$/;

/**
 * A signed-in user's own in-app messages. Every method is scoped to the actor: another user's message ids are
 * answered like ids that do not exist (NOT_FOUND), so ids reveal nothing.
 */
@Injectable()
export class InboxService {
  constructor(private readonly inbox: InboxRepository) {}

  /** Unread first, then newest first; `unreadCount` counts all unread messages whatever the filter. */
  async list(actor: Actor, q: InboxListQuery): Promise<InboxPage> {
    const page = Math.max(1, Math.floor(q.page));
    const pageSize = Math.max(1, Math.floor(q.pageSize));
    const [{ items, total }, unreadCount] = await Promise.all([
      this.inbox.list(actor.id, { unreadOnly: !!q.unreadOnly, page, pageSize }),
      this.inbox.unreadCount(actor.id),
    ]);
    return { items, total, page, pageSize, unreadCount };
  }

  unreadCount(actor: Actor): Promise<number> {
    return this.inbox.unreadCount(actor.id);
  }

  /** Marks one of the actor's messages read (idempotent: the first read time is kept). */
  async markRead(actor: Actor, id: string): Promise<InboxMessage> {
    const message = MESSAGE_ID.test(id) ? await this.inbox.markRead(actor.id, id) : null;
    if (!message) throw new DomainError('NOT_FOUND', `No inbox message ${id}`);
    return message;
  }

  /** Marks all of the actor's unread messages read; returns how many there were. */
  markAllRead(actor: Actor): Promise<number> {
    return this.inbox.markAllRead(actor.id);
  }

  /** Those of `ids` that are the user's messages, oldest first (the live stream loads new messages with it). */
  findForUser(userId: string, ids: string[]): Promise<InboxMessage[]> {
    return this.inbox.findManyForUser(
      userId,
      ids.filter((id) => MESSAGE_ID.test(id)),
    );
  }

  unreadCountOf(userId: string): Promise<number> {
    return this.inbox.unreadCount(userId);
  }
}
