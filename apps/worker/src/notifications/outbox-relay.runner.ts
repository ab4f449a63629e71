import { DeliveryEnqueuer, NotificationRouter } from '@app/notifications';
import { OutboxRelay } from '@app/outbox';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RedisEpoch } from '../redis-epoch.service';

const BATCH = 500;
/**
 * How long the loop sleeps when nothing waits. Polling, not LISTEN/NOTIFY: a NOTIFY in every command's transaction
 * would serialise all commits on PostgreSQL's notification queue lock, which costs far more than a cheap poll.
 */
const IDLE_POLL_MS = 200;
const MAX_BACKOFF_MS = 5000;

/**
 * The worker's relay loop: outbox rows → deliveries (one transaction per batch), then deliveries → channel
 * queues. It sleeps briefly when there is nothing to do.
 * When Redis is down, enqueueing fails: rows and deliveries wait in PostgreSQL and the loop backs off and retries,
 * so nothing is lost and no request is affected.
 */
@Injectable()
export class OutboxRelayRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayRunner.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly relay: OutboxRelay,
    private readonly router: NotificationRouter,
    private readonly enqueuer: DeliveryEnqueuer,
    private readonly epoch: RedisEpoch,
  ) {
    epoch.onRestart(() => this.enqueuer.requeueAll());
  }

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    // Whatever happened to Redis while no worker ran, deliveries still pending are offered again (same job ids).
    await this.enqueuer.requeueAll();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** One pass: relay what is waiting and enqueue what is pending. Exposed for tests and benchmarks. */
  async pass(): Promise<{ relayed: number; enqueued: number }> {
    await this.epoch.check();
    const relayed = await this.relay.relayBatch(BATCH, async (rows) => {
      const { unroutable } = await this.router.route(rows);
      for (const u of unroutable) await this.relay.markUnroutable([u.id], u.reason);
    });
    const enqueued = await this.enqueuer.enqueuePending(BATCH * 2);
    return { relayed, enqueued };
  }

  private async run(): Promise<void> {
    let backoff = 0;
    while (this.running) {
      try {
        const { relayed, enqueued } = await this.pass();
        backoff = 0;
        if (!relayed && !enqueued) await this.idle(IDLE_POLL_MS);
      } catch (e) {
        backoff = Math.min(MAX_BACKOFF_MS, backoff ? backoff * 2 : 250);
        this.logger.warn(
          { err: e instanceof Error ? e.message : String(e), retryInMs: backoff },
          'relay pass failed',
        );
        await this.idle(backoff);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
