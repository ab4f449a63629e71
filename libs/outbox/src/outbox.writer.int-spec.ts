import { ConfigModule } from '@app/config';
import type { NotificationPayload } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { CLS_ID, ClsService } from 'nestjs-cls';
import { OutboxModule } from './outbox.module';
import { OutboxWriter } from './outbox.writer';

const message = (user: string): NotificationPayload => ({
  to: { users: [user] },
  title: { zh: '标题', en: 'Title' },
  body: { zh: '正文', en: 'Body' },
});

@Injectable()
class Command {
  constructor(private readonly outbox: OutboxWriter) {}

  @Transactional()
  async run(fail: boolean) {
    const ids = await this.outbox.add(
      { topic: 'notification.test', payload: message('u1') },
      { topic: 'deadline.due_soon', payload: { ...message('u1'), data: { dueAt: '2026-12-01' } } },
    );
    if (fail) throw new Error('the command failed after writing');
    return ids;
  }
}

describe('OutboxWriter (real PostgreSQL)', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  beforeAll(async () => {
    db = await createTestDatabase();
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }),
        DatabaseModule,
        OutboxModule,
      ],
      providers: [Command],
    }).compile();
    await moduleRef.init();
  });
  afterAll(async () => {
    await moduleRef.close();
    await db.drop();
  });

  const rows = () =>
    db.sql(`SELECT id::text, topic, payload, request_id, dispatched_at FROM outbox ORDER BY id`);

  it('writes rows in order inside the command transaction, with the request id', async () => {
    const cls = moduleRef.get(ClsService);
    const ids = await cls.run(async () => {
      cls.set(CLS_ID, 'req-outbox-1');
      return moduleRef.get(Command).run(false);
    });
    expect(await rows()).toEqual([
      {
        id: ids[0],
        topic: 'notification.test',
        payload: message('u1'),
        request_id: 'req-outbox-1',
        dispatched_at: null,
      },
      {
        id: ids[1],
        topic: 'deadline.due_soon',
        payload: { ...message('u1'), data: { dueAt: '2026-12-01' } },
        request_id: 'req-outbox-1',
        dispatched_at: null,
      },
    ]);
  });

  it('leaves nothing when the command rolls back', async () => {
    const before = (await rows()).length;
    await expect(moduleRef.get(Command).run(true)).rejects.toThrow('the command failed');
    expect(await rows()).toHaveLength(before);
  });

  it('refuses to write outside a transaction (the row must commit with the change it announces)', async () => {
    const writer = moduleRef.get(OutboxWriter);
    await expect(writer.add({ topic: 'notification.test', payload: message('x') })).rejects.toThrow(
      /@Transactional/,
    );
  });

  it('refuses unknown topics', async () => {
    const writer = moduleRef.get(OutboxWriter);
    const tx = moduleRef.get(TransactionHost);
    await expect(
      tx.withTransaction(() => writer.add({ topic: 'no.such.topic' as never, payload: message('x') })),
    ).rejects.toThrow(/Unknown outbox topic/);
  });
});
