import type { Channel } from '@app/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Inject, Injectable } from '@nestjs/common';
import { CHANNEL_SENDERS, ChannelSender, PermanentDeliveryError } from './channels/channel-sender';
import { DeliveryRepository } from './delivery.repository';

export interface BatchOutcome {
  delivered: number;
  dead: number;
  /** Set when the whole batch failed: retry it (or, on the last attempt, its deliveries are dead). */
  failed?: { error: string; final: boolean };
}

export type DeliveryOutcome =
  | { kind: 'delivered' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'retry'; error: string }
  | { kind: 'dead'; error: string };

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 2000);

/**
 * Delivers one notification_deliveries row. The row is locked for the whole attempt, so a duplicate job (the same
 * delivery enqueued twice) waits and then finds it delivered: a delivered notification is never sent again.
 * The success path is one short transaction (lock, send, mark). When the sender fails, that transaction — with
 * anything the sender wrote — rolls back and the failure is recorded in a transaction of its own.
 * Outcomes are returned, not thrown; the processor turns them into BullMQ results.
 */
@Injectable()
export class DeliveryService {
  private readonly senders: Map<Channel, ChannelSender>;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly deliveries: DeliveryRepository,
    @Inject(CHANNEL_SENDERS) senders: ChannelSender[],
  ) {
    this.senders = new Map(senders.map((s) => [s.channel, s]));
  }

  /** `attempt` counts from 1; `lastAttempt` says a retryable failure is final. */
  async deliver(deliveryId: string, attempt: number, lastAttempt: boolean): Promise<DeliveryOutcome> {
    const started = Date.now();
    try {
      return await this.txHost.withTransaction(async (): Promise<DeliveryOutcome> => {
        const d = await this.deliveries.getForDelivery(deliveryId);
        if (!d) return { kind: 'skipped', reason: 'no such delivery' };
        if (d.status !== 'pending') return { kind: 'skipped', reason: `already ${d.status}` };
        const sender = this.senders.get(d.channel);
        if (!sender) throw new PermanentDeliveryError(`no sender for channel ${d.channel}`);
        await sender.send({
          deliveryId: d.id,
          outboxId: d.outboxId,
          topic: d.topic,
          channel: d.channel,
          recipient: d.recipient,
          payload: d.payload,
          attempt,
          requestId: d.requestId,
        });
        await this.deliveries.markDelivered(d.id, attempt, Date.now() - started);
        return { kind: 'delivered' };
      });
    } catch (e) {
      const error = errorText(e);
      const dead = e instanceof PermanentDeliveryError || lastAttempt;
      await this.txHost.withTransaction(() =>
        this.deliveries.markFailed(deliveryId, attempt, dead, error, Date.now() - started),
      );
      return dead ? { kind: 'dead', error } : { kind: 'retry', error };
    }
  }

  /**
   * Delivers several deliveries of one batch-capable channel in one transaction (the in-app inbox: one insert for
   * the lot). Deliveries already settled, or held by another attempt, are left alone.
   */
  async deliverBatch(ids: string[], attempt: number, lastAttempt: boolean): Promise<BatchOutcome> {
    const started = Date.now();
    try {
      return await this.txHost.withTransaction(async (): Promise<BatchOutcome> => {
        const list = await this.deliveries.getManyForDelivery(ids);
        if (!list.length) return { delivered: 0, dead: 0 };
        const ok: string[] = [];
        const dead: { id: string; error: string }[] = [];
        for (const [channel, group] of groupBy(list, (d) => d.channel)) {
          const sender = this.senders.get(channel);
          if (!sender?.sendBatch) {
            dead.push(
              ...group.map((d) => ({ id: d.id, error: `channel ${channel} cannot deliver in batches` })),
            );
            continue;
          }
          const results = await sender.sendBatch(
            group.map((d) => ({
              deliveryId: d.id,
              outboxId: d.outboxId,
              topic: d.topic,
              channel: d.channel,
              recipient: d.recipient,
              payload: d.payload,
              attempt,
              requestId: d.requestId,
            })),
          );
          for (const d of group) {
            const r = results.get(d.id);
            if (r === null) ok.push(d.id);
            else
              dead.push({
                id: d.id,
                error: errorText(r ?? new PermanentDeliveryError('no result from the sender')),
              });
          }
        }
        const duration = Date.now() - started;
        await this.deliveries.markManyDelivered(ok, attempt, duration);
        await this.deliveries.markManyFailed(dead, attempt, true, duration);
        return { delivered: ok.length, dead: dead.length };
      });
    } catch (e) {
      const error = errorText(e);
      await this.txHost.withTransaction(() =>
        this.deliveries.markManyFailed(
          ids.map((id) => ({ id, error })),
          attempt,
          lastAttempt,
          Date.now() - started,
        ),
      );
      return { delivered: 0, dead: 0, failed: { error, final: lastAttempt } };
    }
  }
}

function groupBy<T, K>(list: T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const t of list) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}
