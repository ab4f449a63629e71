import { OutboxWriter } from '@app/outbox';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { deadlineNoticeMessage } from './deadline-notice.messages';
import { DeadlineNoticeRepository, noticeKey, type NoticeKey } from './deadline-notice.repository';
import type { TrackedDeadline } from './deadline-source';
import type { DeadlineNoticeKind, DeadlineStatus } from './deadline.rules';

export interface PendingNotice {
  item: TrackedDeadline;
  kind: DeadlineNoticeKind;
  status: DeadlineStatus;
}

/**
 * Emits a batch of deadline notices in one transaction: the deadline_notices rows and the outbox rows that announce
 * them commit together or not at all. A notice someone else recorded meanwhile (for the same due instant) is left
 * out, so each is announced once.
 */
@Injectable()
export class DeadlineNoticeEmitter {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly notices: DeadlineNoticeRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Returns the notices this call emitted. The transaction is opened through the injected TransactionHost rather
   * than `@Transactional()`, whose decorator uses the TransactionHost of the last Nest application created in the
   * process — with two applications in one process (tests starting two workers, e2e running the worker beside the
   * API) the sweep would otherwise run its transaction on the other application's connection pool.
   */
  emit(source: string, pending: PendingNotice[]): Promise<NoticeKey[]> {
    return this.txHost.withTransaction(() => this.emitInTransaction(source, pending));
  }

  private async emitInTransaction(source: string, pending: PendingNotice[]): Promise<NoticeKey[]> {
    const claimed = await this.notices.claim(
      source,
      pending.map((p) => ({
        itemId: p.item.itemId,
        deadlineKey: p.item.deadlineKey,
        kind: p.kind,
        dueAt: p.item.dueAt,
      })),
    );
    if (!claimed.length) return [];
    const byKey = new Map(
      pending.map((p) => [
        noticeKey({ itemId: p.item.itemId, deadlineKey: p.item.deadlineKey, kind: p.kind }),
        p,
      ]),
    );
    const won = claimed.map((k) => byKey.get(noticeKey(k))!);
    const outboxIds = await this.outbox.add(
      ...won.map((p) => deadlineNoticeMessage(source, p.item, p.kind, p.status)),
    );
    await this.notices.linkOutbox(
      source,
      claimed.map((k, i) => ({ ...k, outboxId: outboxIds[i] })),
    );
    return claimed;
  }
}
