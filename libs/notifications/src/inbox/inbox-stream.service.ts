import { AppConfig } from '@app/config';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Client, type Notification } from 'pg';
import { Observable, Subject } from 'rxjs';
import { INBOX_NOTIFY_CHANNEL, InboxMessage, parseInboxNotifyPayload } from './inbox-message';
import { InboxService } from './inbox.service';

/** What an open inbox stream receives. */
export type InboxStreamEvent =
  { kind: 'unread'; unreadCount: number } | { kind: 'message'; message: InboxMessage; unreadCount: number };

export interface InboxStreamOptions {
  /** First reconnect delay; doubles per failed attempt up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** How often the LISTEN connection is checked with `SELECT 1` (a dead peer otherwise goes unnoticed). */
  pingMs: number;
}

const DEFAULTS: InboxStreamOptions = { backoffMs: 500, maxBackoffMs: 30_000, pingMs: 30_000 };

/** The application_name of the LISTEN connection (visible in pg_stat_activity). */
export const INBOX_STREAM_APPLICATION_NAME = 'ipe-inbox-stream';

interface UserFeed {
  subject: Subject<InboxStreamEvent>;
  subscribers: number;
  /** New message ids not yet loaded. */
  pending: string[];
  /** The unread count changed (a message was read) and has not been re-sent. */
  recount: boolean;
  draining: boolean;
}

/**
 * Live inbox changes for the users with an open page on this API process (design.md §4: `GET /inbox/stream`).
 *
 * One dedicated PostgreSQL connection per process runs `LISTEN inbox_messages`. The inbox sender (in the worker)
 * and mark-read commands send `NOTIFY inbox_messages '<user>[:<message id>]'` inside their transactions, so a
 * notification arrives only once the change is committed and visible. Notifications are fanned out to one rxjs
 * Subject per user who has a stream open here; the new messages are loaded once per user (coalesced when they
 * arrive in bursts), not once per open tab. If the connection drops it is reopened with exponential backoff, and
 * every open stream then gets a fresh unread count (notifications sent meanwhile are lost by PostgreSQL design).
 */
@Injectable()
export class InboxStream implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(InboxStream.name);
  private readonly feeds = new Map<string, UserFeed>();
  private readonly options: InboxStreamOptions;
  private client: Client | null = null;
  private stopped = false;
  private failures = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private listeningNow = false;
  private waiters: (() => void)[] = [];
  /** Number of times the LISTEN connection was (re)established; for tests and diagnostics. */
  connections = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly inbox: InboxService,
  ) {
    this.options = { ...DEFAULTS };
  }

  /** Tests shorten the backoff and ping interval. */
  configure(options: Partial<InboxStreamOptions>): void {
    Object.assign(this.options, options);
    if (this.pingTimer) this.startPing();
  }

  async onModuleInit(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const feed of this.feeds.values()) feed.subject.complete();
    this.feeds.clear();
    const client = this.client;
    this.client = null;
    this.listeningNow = false;
    await client?.end().catch(() => undefined);
  }

  /** True while the LISTEN connection is up. */
  get listening(): boolean {
    return this.listeningNow;
  }

  /** Resolves once the LISTEN connection is up (at once if it is). */
  whenListening(): Promise<void> {
    if (this.listeningNow) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Users with at least one open stream on this process. */
  get userCount(): number {
    return this.feeds.size;
  }

  /**
   * The user's inbox events: the current unread count first, then one event per change — a new message
   * (`message`, with the new unread count) or a read-state change (`unread`). Completes when the process stops.
   */
  events(userId: string): Observable<InboxStreamEvent> {
    const id = userId.toLowerCase();
    return new Observable<InboxStreamEvent>((subscriber) => {
      let feed = this.feeds.get(id);
      if (!feed) {
        feed = { subject: new Subject(), subscribers: 0, pending: [], recount: false, draining: false };
        this.feeds.set(id, feed);
      }
      const f = feed;
      f.subscribers++;
      // Subscribe before counting, so a change committed meanwhile is not missed (at worst it is counted twice).
      const subscription = f.subject.subscribe(subscriber);
      this.inbox.unreadCountOf(id).then(
        (unreadCount) => subscriber.next({ kind: 'unread', unreadCount }),
        (err: unknown) => subscriber.error(err),
      );
      return () => {
        subscription.unsubscribe();
        f.subscribers--;
        if (f.subscribers === 0 && this.feeds.get(id) === f) this.feeds.delete(id);
      };
    });
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: INBOX_STREAM_APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
      query_timeout: 10_000,
    });
    this.client = client;
    // 'error' and 'end' both fire when the server goes away; drop() runs once per client.
    client.on('error', (err) => this.drop(client, err));
    client.on('end', () => this.drop(client, new Error('connection ended')));
    client.on('notification', (n) => this.onNotification(n));
    try {
      await client.connect();
      await client.query(`LISTEN ${INBOX_NOTIFY_CHANNEL}`);
    } catch (err) {
      this.drop(client, err);
      return;
    }
    if (this.stopped || this.client !== client) {
      await client.end().catch(() => undefined);
      return;
    }
    const reconnected = this.connections > 0;
    this.connections++;
    this.failures = 0;
    this.listeningNow = true;
    if (reconnected) this.logger.log('LISTEN inbox_messages connection re-established');
    this.startPing();
    this.waiters.splice(0).forEach((resolve) => resolve());
    // Notifications sent while the connection was down are gone: give every open stream a fresh count.
    if (reconnected) for (const feed of this.feeds.values()) feed.recount = true;
    if (reconnected) for (const userId of this.feeds.keys()) void this.drain(userId);
  }

  private drop(client: Client, err: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    this.listeningNow = false;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    client.removeAllListeners('notification');
    // Keep an error listener: a late socket error must not crash the process.
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    const delay = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** this.failures);
    this.failures++;
    this.logger.warn(
      { err: err instanceof Error ? err.message : String(err), retryInMs: delay, attempt: this.failures },
      'LISTEN inbox_messages connection lost; reconnecting',
    );
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref?.();
  }

  private startPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    const client = this.client;
    this.pingTimer = setInterval(() => {
      if (!client || this.client !== client) return;
      client.query('SELECT 1').catch((err: unknown) => this.drop(client, err));
    }, this.options.pingMs);
    this.pingTimer.unref?.();
  }

  private onNotification(n: Notification): void {
    if (n.channel !== INBOX_NOTIFY_CHANNEL) return;
    const parsed = parseInboxNotifyPayload(n.payload);
    if (!parsed) {
      this.logger.warn({ payload: n.payload }, 'ignoring malformed inbox notification');
      return;
    }
    const feed = this.feeds.get(parsed.userId);
    if (!feed) return; // nobody of this user has a page open on this process
    if (parsed.messageId) feed.pending.push(parsed.messageId);
    else feed.recount = true;
    void this.drain(parsed.userId);
  }

  /** Loads what changed for a user and emits it; one loop per user at a time, so bursts are batched. */
  private async drain(userId: string): Promise<void> {
    const feed = this.feeds.get(userId);
    if (!feed || feed.draining) return;
    feed.draining = true;
    try {
      while (feed.pending.length || feed.recount) {
        const ids = feed.pending.splice(0);
        feed.recount = false;
        const [messages, unreadCount] = await Promise.all([
          this.inbox.findForUser(userId, ids),
          this.inbox.unreadCountOf(userId),
        ]);
        if (feed.subject.closed) return;
        if (messages.length)
          for (const message of messages) feed.subject.next({ kind: 'message', message, unreadCount });
        else feed.subject.next({ kind: 'unread', unreadCount });
      }
    } catch (err) {
      this.logger.warn(
        { err: err instanceof Error ? err.message : String(err), userId },
        'could not load inbox changes',
      );
    } finally {
      feed.draining = false;
    }
  }
}
