import type { Channel } from '@app/contracts';
import { Propagation, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Inject, Injectable } from '@nestjs/common';
import { CHANNEL_SENDERS, ChannelSender, PermanentDeliveryError } from './channels/channel-sender';
import { DeliveryRepository } from './delivery.repository';

export type DeliveryOutcome =
  | { kind: 'delivered' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'retry'; error: string }
  | { kind: 'dead'; error: string };

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 2000);

/**
 * Delivers one notification_deliveries row. The row is locked for the whole attempt, so a duplicate job (the same
 * delivery enqueued twice) waits and then finds it delivered: a delivered notification is never sent again. The
 * sender runs in a savepoint: if it fails, what it wrote is undone but the attempt is still recorded.
 * Outcomes are returned, not thrown, so the failure record commits; the processor turns them into BullMQ results.
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
  deliver(deliveryId: string, attempt: number, lastAttempt: boolean): Promise<DeliveryOutcome> {
    return this.txHost.withTransaction(async (): Promise<DeliveryOutcome> => {
      const d = await this.deliveries.getForDelivery(deliveryId);
      if (!d) return { kind: 'skipped', reason: 'no such delivery' };
      if (d.status !== 'pending') return { kind: 'skipped', reason: `already ${d.status}` };
      const sender = this.senders.get(d.channel);
      const started = Date.now();
      try {
        if (!sender) throw new PermanentDeliveryError(`no sender for channel ${d.channel}`);
        await this.txHost.withTransaction(Propagation.Nested, () =>
          sender.send({
            deliveryId: d.id,
            outboxId: d.outboxId,
            topic: d.topic,
            channel: d.channel,
            recipient: d.recipient,
            payload: d.payload,
            attempt,
            requestId: d.requestId,
          }),
        );
      } catch (e) {
        const error = errorText(e);
        const dead = e instanceof PermanentDeliveryError || lastAttempt;
        await this.deliveries.recordAttempt(d.id, attempt, false, error, Date.now() - started);
        await this.deliveries.setOutcome(d.id, dead ? 'dead' : 'pending', attempt, error);
        return dead ? { kind: 'dead', error } : { kind: 'retry', error };
      }
      await this.deliveries.recordAttempt(d.id, attempt, true, null, Date.now() - started);
      await this.deliveries.setOutcome(d.id, 'delivered', attempt, null);
      return { kind: 'delivered' };
    });
  }
}
