import { AppConfig } from '@app/config';
import { DeliveryEnqueuer, NotificationRouter } from '@app/notifications';
import { OutboxRelay } from '@app/outbox';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';

const BATCH = 500;
const IDLE_POLL_MS = 1000;
const MAX_BACKOFF_MS = 5000;

/**
 * The worker's relay loop: outbox rows → deliveries (one transaction per batch), then deliveries → channel
 * queues. It sleeps when there is nothing to do and wakes at once on the `outbox` notification a commit sends.
 * When Redis is down, enqueueing fails: rows and deliveries wait in PostgreSQL and the loop backs off and retries,
 * so nothing is lost and no request is affected.
 */
@Injectable()
export class OutboxRelayRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayRunner.name);
  private running = false;
  private loop?: Promise<void>;
  private listener?: Client;
  private wake?: () => void;

  constructor(
    private readonly relay: OutboxRelay,
    private readonly router: NotificationRouter,
    private readonly enqueuer: DeliveryEnqueuer,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /** One pass: relay what is waiting and enqueue what is pending. Exposed for tests and benchmarks. */
  async pass(): Promise<{ relayed: number; enqueued: number }> {
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

  /** LISTEN on a dedicated connection; reconnects when it drops (the poll keeps things moving meanwhile). */
  private async listen(): Promise<void> {
    if (!this.running) return;
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    client.on('notification', () => this.wake?.());
    client.on('error', (e) => {
      this.logger.warn({ err: e.message }, 'outbox listener lost; reconnecting');
      this.listener = undefined;
      setTimeout(() => void this.listen(), 1000);
    });
    try {
      await client.connect();
      await client.query('LISTEN outbox');
      this.listener = client;
    } catch (e) {
      this.logger.warn(
        { err: e instanceof Error ? e.message : String(e) },
        'outbox listener could not connect',
      );
      await client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), 1000);
    }
  }
}
