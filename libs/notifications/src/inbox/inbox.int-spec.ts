import { AuditModule } from '@app/audit';
import { ConfigModule } from '@app/config';
import type { Actor, NotificationPayload } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { DomainError } from '@app/domain';
import { createTestDatabase, type TestDatabase, actorOf as actorOfUser } from '@app/testing';
import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Client } from 'pg';
import { firstValueFrom, share, take, toArray, type Observable } from 'rxjs';
import { PermanentDeliveryError, type DeliveryContext } from '../channels/channel-sender';
import { INBOX_STREAM_APPLICATION_NAME, InboxStream, type InboxStreamEvent } from './inbox-stream.service';
import { INBOX_NOTIFY_CHANNEL } from './inbox-message';
import { InboxStreamModule } from './inbox.module';
import { InboxSender } from './inbox.sender';
import { InboxService } from './inbox.service';

/** What the lead's delivery processor does: the sender inside the delivery's transaction. */
@Injectable()
class Processor {
  constructor(private readonly sender: InboxSender) {}

  @Transactional()
  deliver(ctx: DeliveryContext): Promise<void> {
    return this.sender.send(ctx);
  }

  @Transactional()
  async deliverThenFail(ctx: DeliveryContext): Promise<never> {
    await this.sender.send(ctx);
    throw new Error('marking the delivery failed');
  }
}

const payload = (n: number, extra: Partial<NotificationPayload> = {}): NotificationPayload => ({
  to: {},
  title: { zh: `标题 ${n}`, en: `Title ${n}` },
  body: { zh: `正文 ${n}`, en: `Body ${n}` },
  link: `/cases/${n}`,
  data: { n },
  ...extra,
});

/** Collects events of an observable as they arrive. */
function collect<T>(source: Observable<T>) {
  const seen: T[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const sub = source.subscribe((v) => {
    seen.push(v);
    for (const w of waiters.splice(0)) {
      if (seen.length >= w.n) w.resolve();
      else waiters.push(w);
    }
  });
  return {
    seen,
    until: (n: number, ms = 5000) =>
      new Promise<void>((resolve, reject) => {
        if (seen.length >= n) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`only ${seen.length} of ${n} events: ${JSON.stringify(seen)}`)),
          ms,
        );
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    stop: () => sub.unsubscribe(),
  };
}

describe('in-app inbox (PostgreSQL)', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let processor: Processor;
  let inbox: InboxService;
  let stream: InboxStream;
  let officer: Actor;
  let other: Actor;
  let inactiveId: string;
  let deliveries = 0;

  const actorOf = (username: string): Promise<Actor> => actorOfUser(db, username);

  /** A notification_deliveries row (inbox_messages.delivery_id references it). */
  const newDelivery = async (userId: string, p = payload(++deliveries)): Promise<DeliveryContext> => {
    const [d] = await db.sql(
      `WITH o AS (INSERT INTO outbox (topic, payload) VALUES ('notification.test', $2::jsonb) RETURNING id)
       INSERT INTO notification_deliveries (outbox_id, topic, channel, recipient)
       SELECT id, 'notification.test', 'inbox', $1 FROM o RETURNING id::text, outbox_id::text`,
      [`user:${userId}`, JSON.stringify(p)],
    );
    return {
      deliveryId: d.id as string,
      outboxId: d.outbox_id as string,
      topic: 'notification.test',
      channel: 'inbox',
      recipient: `user:${userId}`,
      payload: p,
      attempt: 1,
      requestId: null,
    };
  };

  const messagesOf = (userId: string) =>
    db.sql(`SELECT id::text, title_zh, read_at FROM inbox_messages WHERE user_id = $1 ORDER BY id`, [userId]);

  beforeAll(async () => {
    db = await createTestDatabase();
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }),
        DatabaseModule,
        AuditModule,
        InboxStreamModule,
      ],
      providers: [Processor],
    }).compile();
    await moduleRef.init();
    processor = moduleRef.get(Processor);
    inbox = moduleRef.get(InboxService);
    stream = moduleRef.get(InboxStream);
    stream.configure({ backoffMs: 50, maxBackoffMs: 200 });
    officer = await actorOf('officer.zj');
    other = await actorOf('officer.js');
    inactiveId = (await actorOf('operator.js')).id;
    await db.sql(`UPDATE users SET active = false WHERE id = $1`, [inactiveId]);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
  });

  describe('InboxSender', () => {
    it('writes the message once, however often the same delivery is sent', async () => {
      const d = await newDelivery(officer.id);
      await processor.deliver(d);
      await processor.deliver(d);
      await processor.deliver({ ...d, attempt: 2 });
      const rows = await db.sql(
        `SELECT user_id, topic, title_zh, title_en, body_zh, body_en, link, data, read_at
           FROM inbox_messages WHERE delivery_id = $1`,
        [d.deliveryId],
      );
      expect(rows).toEqual([
        {
          user_id: officer.id,
          topic: 'notification.test',
          title_zh: d.payload.title.zh,
          title_en: d.payload.title.en,
          body_zh: d.payload.body.zh,
          body_en: d.payload.body.en,
          link: d.payload.link,
          data: d.payload.data,
          read_at: null,
        },
      ]);
    });

    it('writes nothing when the delivery transaction rolls back', async () => {
      const d = await newDelivery(officer.id);
      await expect(processor.deliverThenFail(d)).rejects.toThrow('marking the delivery failed');
      expect(await db.sql(`SELECT 1 FROM inbox_messages WHERE delivery_id = $1`, [d.deliveryId])).toEqual([]);
      await processor.deliver(d);
      expect(
        await db.sql(`SELECT 1 FROM inbox_messages WHERE delivery_id = $1`, [d.deliveryId]),
      ).toHaveLength(1);
    });

    it('keeps exactly one row when two attempts race', async () => {
      const d = await newDelivery(officer.id);
      await Promise.all([processor.deliver(d), processor.deliver(d), processor.deliver(d)]);
      expect(
        await db.sql(`SELECT 1 FROM inbox_messages WHERE delivery_id = $1`, [d.deliveryId]),
      ).toHaveLength(1);
    });

    it.each([
      ['an inactive user', () => `user:${inactiveId}`],
      ['an unknown user', () => 'user:00000000-0000-4000-8000-000000000001'],
      ['a recipient that is no user', () => 'email:someone@example.com'],
      ['a malformed user id', () => 'user:not-a-uuid'],
    ])('fails permanently for %s', async (_, recipient) => {
      const d = await newDelivery(officer.id);
      await expect(processor.deliver({ ...d, recipient: recipient() })).rejects.toBeInstanceOf(
        PermanentDeliveryError,
      );
      expect(await db.sql(`SELECT 1 FROM inbox_messages WHERE delivery_id = $1`, [d.deliveryId])).toEqual([]);
    });

    it('fails permanently for a payload without a bilingual title; an empty body is fine', async () => {
      const d = await newDelivery(officer.id);
      const bad = { ...d.payload, title: { zh: '只有中文' } } as unknown as NotificationPayload;
      await expect(processor.deliver({ ...d, payload: bad })).rejects.toBeInstanceOf(PermanentDeliveryError);
      const noBody = {
        ...d.payload,
        body: undefined,
        link: undefined,
        data: undefined,
      } as unknown as NotificationPayload;
      await processor.deliver({ ...d, payload: noBody });
      const [row] = await db.sql(
        `SELECT body_zh, body_en, link, data FROM inbox_messages WHERE delivery_id = $1`,
        [d.deliveryId],
      );
      expect(row).toEqual({ body_zh: '', body_en: '', link: null, data: {} });
    });

    it('announces the new message with pg_notify when the transaction commits', async () => {
      const listener = new Client({ connectionString: db.url });
      await listener.connect();
      try {
        const got: string[] = [];
        listener.on('notification', (n) => got.push(`${n.channel} ${n.payload}`));
        await listener.query(`LISTEN ${INBOX_NOTIFY_CHANNEL}`);
        const d = await newDelivery(officer.id);
        await processor.deliver(d);
        await processor.deliver(d); // the repeat inserts nothing and announces nothing
        const [row] = await db.sql(`SELECT id::text FROM inbox_messages WHERE delivery_id = $1`, [
          d.deliveryId,
        ]);
        await new Promise((r) => setTimeout(r, 200));
        expect(got).toEqual([`inbox_messages ${officer.id}:${row.id as string}`]);
      } finally {
        await listener.end();
      }
    });
  });

  describe('InboxService', () => {
    let ids: string[];

    beforeAll(async () => {
      await db.sql(`DELETE FROM inbox_messages WHERE user_id = $1`, [officer.id]);
      ids = [];
      for (let i = 1; i <= 5; i++) {
        const d = await newDelivery(officer.id, payload(100 + i));
        await processor.deliver(d);
        ids.push(
          (await db.sql(`SELECT id::text FROM inbox_messages WHERE delivery_id = $1`, [d.deliveryId]))[0]
            .id as string,
        );
      }
      // ids[0] and ids[3] are read
      await db.sql(`UPDATE inbox_messages SET read_at = now() WHERE id = ANY($1::bigint[])`, [
        [ids[0], ids[3]],
      ]);
      await processor.deliver(await newDelivery(other.id, payload(900)));
    });

    it('lists unread first, then newest first, with the unread count', async () => {
      const page = await inbox.list(officer, { page: 1, pageSize: 20 });
      expect(page.items.map((m) => m.id)).toEqual([ids[4], ids[2], ids[1], ids[3], ids[0]]);
      expect(page).toMatchObject({ total: 5, unreadCount: 3, page: 1, pageSize: 20 });
      expect(page.items[0]).toMatchObject({
        userId: officer.id,
        topic: 'notification.test',
        title: { zh: '标题 105', en: 'Title 105' },
        body: { zh: '正文 105', en: 'Body 105' },
        link: '/cases/105',
        data: { n: 105 },
        readAt: null,
      });
      expect(page.items[0].createdAt).toBeInstanceOf(Date);
    });

    it('pages and filters unread only; unreadCount ignores the filter', async () => {
      const p2 = await inbox.list(officer, { page: 2, pageSize: 2 });
      expect(p2.items.map((m) => m.id)).toEqual([ids[1], ids[3]]);
      expect(p2.total).toBe(5);
      const unread = await inbox.list(officer, { unreadOnly: true, page: 1, pageSize: 2 });
      expect(unread.items.map((m) => m.id)).toEqual([ids[4], ids[2]]);
      expect(unread).toMatchObject({ total: 3, unreadCount: 3 });
      expect(await inbox.unreadCount(officer)).toBe(3);
    });

    it("marks one message read, keeps the first read time, and refuses other users' ids", async () => {
      const m = await inbox.markRead(officer, ids[4]);
      expect(m.readAt).toBeInstanceOf(Date);
      const again = await inbox.markRead(officer, ids[4]);
      expect(again.readAt).toEqual(m.readAt);
      expect(await inbox.unreadCount(officer)).toBe(2);

      const [theirs] = await db.sql(`SELECT id::text FROM inbox_messages WHERE user_id = $1`, [other.id]);
      for (const id of [theirs.id as string, '999999999', 'abc', '0']) {
        const err = await inbox.markRead(officer, id).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).code).toBe('NOT_FOUND');
      }
      expect(
        (await db.sql(`SELECT read_at FROM inbox_messages WHERE id = $1`, [theirs.id]))[0].read_at,
      ).toBeNull();
    });

    it("marks all read, returns the count, and leaves other users' messages alone", async () => {
      expect(await inbox.markAllRead(officer)).toBe(2);
      expect(await inbox.markAllRead(officer)).toBe(0);
      expect(await inbox.unreadCount(officer)).toBe(0);
      expect(await inbox.unreadCount(other)).toBe(1);
      expect((await messagesOf(officer.id)).every((r) => r.read_at !== null)).toBe(true);
    });
  });

  describe('InboxStream', () => {
    it('listens on its own connection', async () => {
      await stream.whenListening();
      const rows = await db.sql(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
        [INBOX_STREAM_APPLICATION_NAME],
      );
      expect(rows[0].n).toBe(1);
    });

    it('sends the unread count on subscribe, then each committed message and read of that user only', async () => {
      await db.sql(`UPDATE inbox_messages SET read_at = now() WHERE user_id = $1`, [officer.id]);
      const mine = collect(stream.events(officer.id));
      const theirs = collect(stream.events(other.id));
      try {
        await mine.until(1);
        expect(mine.seen[0]).toEqual({ kind: 'unread', unreadCount: 0 });
        await theirs.until(1);

        const d = await newDelivery(officer.id, payload(501));
        await processor.deliver(d);
        await mine.until(2);
        const event = mine.seen[1] as Extract<InboxStreamEvent, { kind: 'message' }>;
        expect(event).toMatchObject({
          kind: 'message',
          unreadCount: 1,
          message: { userId: officer.id, title: { zh: '标题 501', en: 'Title 501' }, readAt: null },
        });

        await inbox.markRead(officer, event.message.id);
        await mine.until(3);
        expect(mine.seen[2]).toEqual({ kind: 'unread', unreadCount: 0 });
        expect(theirs.seen).toHaveLength(1);
      } finally {
        mine.stop();
        theirs.stop();
      }
      expect(stream.userCount).toBe(0);
    });

    it('shares one feed between two pages of the same user', async () => {
      const a = collect(stream.events(officer.id));
      const b = collect(stream.events(officer.id));
      try {
        await Promise.all([a.until(1), b.until(1)]);
        expect(stream.userCount).toBe(1);
        await processor.deliver(await newDelivery(officer.id, payload(502)));
        await Promise.all([a.until(2), b.until(2)]);
        expect(a.seen[1]).toEqual(b.seen[1]);
        a.stop();
        expect(stream.userCount).toBe(1);
      } finally {
        a.stop();
        b.stop();
      }
      expect(stream.userCount).toBe(0);
    });

    it('delivers a burst of messages in order (coalesced loads)', async () => {
      const events = collect(stream.events(officer.id));
      try {
        await events.until(1);
        const before = events.seen[0].unreadCount;
        for (let i = 0; i < 20; i++) await processor.deliver(await newDelivery(officer.id, payload(600 + i)));
        await events.until(21);
        const messages = events.seen.slice(1) as Extract<InboxStreamEvent, { kind: 'message' }>[];
        expect(messages.map((e) => e.message.title.en)).toEqual(
          Array.from({ length: 20 }, (_, i) => `Title ${600 + i}`),
        );
        expect(messages[19].unreadCount).toBe(before + 20);
      } finally {
        events.stop();
      }
    });

    it('passes on notifications sent with plain SQL (as other producers and the tests do)', async () => {
      const events = collect(stream.events(officer.id));
      try {
        await events.until(1);
        const [m] = await db.sql(
          `INSERT INTO inbox_messages (user_id, topic, title_zh, title_en) VALUES ($1, 'notification.test', '手工', 'Manual')
           RETURNING id::text`,
          [officer.id],
        );
        await db.sql(`SELECT pg_notify('inbox_messages', $1)`, [`${officer.id}:${m.id as string}`]);
        await events.until(2);
        expect(events.seen[1]).toMatchObject({
          kind: 'message',
          message: { id: m.id, title: { en: 'Manual' } },
        });
        // malformed payloads are ignored
        await db.sql(`SELECT pg_notify('inbox_messages', 'nonsense')`);
        await db.sql(`SELECT pg_notify('inbox_messages', $1)`, [officer.id]);
        await events.until(3);
        expect(events.seen[2]).toEqual({ kind: 'unread', unreadCount: events.seen[1].unreadCount });
      } finally {
        events.stop();
      }
    });

    it('reconnects after the connection is killed and re-sends the unread count to open streams', async () => {
      const events = collect(stream.events(officer.id));
      try {
        await events.until(1);
        const connections = stream.connections;
        await db.sql(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = $1`,
          [INBOX_STREAM_APPLICATION_NAME],
        );
        // the refreshed count after reconnecting
        await events.until(2);
        expect(stream.connections).toBe(connections + 1);
        expect(stream.listening).toBe(true);
        expect(events.seen[1]).toMatchObject({ kind: 'unread' });

        await processor.deliver(await newDelivery(officer.id, payload(700)));
        await events.until(3);
        expect(events.seen[2]).toMatchObject({ kind: 'message', message: { title: { en: 'Title 700' } } });
      } finally {
        events.stop();
      }
    });

    it('completes open streams when the module stops', async () => {
      const events = stream.events(other.id).pipe(share());
      const done = firstValueFrom(events.pipe(take(5), toArray()));
      await firstValueFrom(events);
      await stream.onModuleDestroy();
      await expect(done).resolves.toEqual([{ kind: 'unread', unreadCount: expect.any(Number) }]);
      expect(stream.listening).toBe(false);
    });
  });
});
