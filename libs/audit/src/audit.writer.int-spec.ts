import { SYSTEM_ACTOR, type Actor } from '@app/contracts';
import { createTestModule, type TestDatabase } from '@app/testing';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { CLS_ID, ClsService } from 'nestjs-cls';
import { Client } from 'pg';
import type { AuditEventInput } from './audit-event';
import { ZERO_HASH } from './audit-hash';
import { AuditVerifier } from './audit.verifier';
import { AuditWriter } from './audit.writer';

const officer: Actor = {
  id: '7d4c2f4e-58a8-4a39-9f0e-3d1f2b9a0c11',
  username: 'zhang.wei',
  displayName: '张伟',
  roles: ['officer'],
  officeId: '00000000-0000-0000-0000-000000000001',
  regionCode: '330100',
};

/** A command as the contexts write them: one @Transactional() method that records an audit event. */
@Injectable()
class Commands {
  constructor(
    private readonly audit: AuditWriter,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  @Transactional()
  record(actor: Actor | null, e: AuditEventInput) {
    return this.audit.record(actor, e);
  }

  @Transactional()
  recordFirst(actor: Actor | null, e: AuditEventInput) {
    return this.audit.recordFirst(actor, e);
  }

  @Transactional()
  async recordThenFail(actor: Actor | null, e: AuditEventInput): Promise<never> {
    await this.audit.record(actor, e);
    throw new Error('command failed after auditing');
  }

  /** Records, then keeps the transaction (and the stream's head lock) open until `release` resolves. */
  @Transactional()
  async recordAndHold(e: AuditEventInput, recorded: () => void, release: Promise<void>) {
    const r = await this.audit.record(officer, e);
    recorded();
    await release;
    return r;
  }

  @Transactional()
  async recordWithLockTimeout(e: AuditEventInput, ms: number) {
    await this.txHost.tx.query(`SET LOCAL lock_timeout = '${ms}ms'`);
    return this.audit.record(officer, e);
  }
}

describe('AuditWriter (PostgreSQL)', () => {
  let db: TestDatabase;
  let close: () => Promise<void>;
  let moduleRef: TestingModule;
  let commands: Commands;
  let writer: AuditWriter;

  beforeAll(async () => {
    ({ db, module: moduleRef, close } = await createTestModule({ providers: [Commands] }));
    commands = moduleRef.get(Commands);
    writer = moduleRef.get(AuditWriter);
  });

  afterAll(async () => {
    await close?.();
  });

  const events = (stream: string) =>
    db.sql(
      `SELECT id::text, seq, prev_hash, hash, actor_id, actor_name, request_id, data, occurred_at
            FROM audit_events WHERE stream = $1 ORDER BY seq`,
      [stream],
    );
  const head = async (stream: string) =>
    (
      await db.sql(`SELECT seq, hash, last_event_id::text FROM audit_stream_heads WHERE stream = $1`, [
        stream,
      ])
    )[0];

  it('chains appends to a stream: seq 1, 2, 3, prev_hash → hash, head on the last event', async () => {
    const a = await commands.record(officer, {
      action: 'case.file',
      entityType: 'case',
      entityId: 'c1',
      data: { 案由: '假冒专利', n: 1 },
    });
    const b = await commands.record(officer, {
      action: 'case.assign',
      entityType: 'case',
      entityId: 'c1',
      data: { to: 'li' },
    });
    const c = await commands.record(SYSTEM_ACTOR, {
      action: 'case.escalate',
      entityType: 'case',
      entityId: 'c1',
    });
    expect([a.seq, b.seq, c.seq]).toEqual([1, 2, 3]);
    expect(a.stream).toBe('case:c1');

    const rows = await events('case:c1');
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0].prev_hash).toBe(ZERO_HASH);
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows[2].prev_hash).toBe(rows[1].hash);
    expect(rows.map((r) => r.hash)).toEqual([a.hash, b.hash, c.hash]);
    expect(rows[0]).toMatchObject({
      actor_id: officer.id,
      actor_name: 'zhang.wei',
      data: { 案由: '假冒专利', n: 1 },
    });
    expect(rows[2]).toMatchObject({ actor_id: SYSTEM_ACTOR.id, actor_name: 'system', data: {} });
    // Stored exactly as hashed: millisecond precision.
    expect((rows[0].occurred_at as Date).toISOString()).toBe(a.occurredAt.toISOString());
    expect(await head('case:c1')).toEqual({ seq: 3, hash: c.hash, last_event_id: c.id });
    expect((await moduleRef.get(AuditVerifier).verify()).ok).toBe(true);
  });

  it('starts a new stream in one statement, chains on from it, and refuses to restart an existing one', async () => {
    const first = await commands.recordFirst(officer, {
      action: 'complaint.received',
      entityType: 'complaint',
      entityId: 'k1',
      data: { trackingNo: '12330-261201-000001' },
    });
    const next = await commands.record(officer, {
      action: 'complaint.accept',
      entityType: 'complaint',
      entityId: 'k1',
    });
    expect([first.seq, next.seq]).toEqual([1, 2]);
    const rows = await events('complaint:k1');
    expect(rows.map((r) => [r.seq, r.prev_hash])).toEqual([
      [1, ZERO_HASH],
      [2, first.hash],
    ]);
    expect(await head('complaint:k1')).toEqual({ seq: 2, hash: next.hash, last_event_id: next.id });
    await expect(
      commands.recordFirst(officer, {
        action: 'complaint.received',
        entityType: 'complaint',
        entityId: 'k1',
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await events('complaint:k1')).toHaveLength(2);
    expect((await moduleRef.get(AuditVerifier).verify()).ok).toBe(true);
  });

  it('uses an explicit stream, records anonymous actors and the request id from CLS', async () => {
    const cls = moduleRef.get(ClsService);
    const r = await cls.run(() => {
      cls.set(CLS_ID, 'req-42');
      return commands.record(null, {
        action: 'complaint.submit',
        entityType: 'complaint',
        entityId: 'k1',
        stream: 'intake',
      });
    });
    expect(r.stream).toBe('intake');
    const [row] = await events('intake');
    expect(row).toMatchObject({ seq: 1, actor_id: null, actor_name: 'anonymous', request_id: 'req-42' });
  });

  it('normalises data the way jsonb returns it so the hash still verifies', async () => {
    await commands.record(officer, {
      action: 'case.note',
      entityType: 'case',
      entityId: 'c-norm',
      data: {
        z: 1,
        a: { y: [3, undefined, 'x'], b: new Date('2026-01-02T03:04:05.678Z'), skip: undefined },
        big: 1e21,
        f: 0.1,
      },
    });
    const [row] = await events('case:c-norm');
    expect(row.data).toEqual({
      z: 1,
      a: { y: [3, null, 'x'], b: '2026-01-02T03:04:05.678Z' },
      big: 1e21,
      f: 0.1,
    });
    expect((await moduleRef.get(AuditVerifier).verify()).ok).toBe(true);
  });

  it('refuses to record outside a transaction', async () => {
    await expect(writer.record(officer, { action: 'x', entityType: 'case', entityId: 'c9' })).rejects.toThrow(
      /inside a @Transactional\(\) command/,
    );
  });

  it('leaves no event and no head change when the surrounding transaction rolls back', async () => {
    await commands.record(officer, { action: 'case.file', entityType: 'case', entityId: 'rb' });
    const before = await head('case:rb');
    await expect(
      commands.recordThenFail(officer, { action: 'case.assign', entityType: 'case', entityId: 'rb' }),
    ).rejects.toThrow('command failed');
    await expect(
      commands.recordThenFail(officer, { action: 'case.file', entityType: 'case', entityId: 'rb-new' }),
    ).rejects.toThrow('command failed');
    expect((await events('case:rb')).map((r) => r.seq)).toEqual([1]);
    expect(await head('case:rb')).toEqual(before);
    expect(await events('case:rb-new')).toEqual([]);
    expect(await head('case:rb-new')).toBeUndefined();
  });

  it('serialises 20 concurrent appends to one (new) stream into seq 1..20 with a valid chain', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        commands.record(officer, { action: 'case.note', entityType: 'case', entityId: 'hot', data: { i } }),
      ),
    );
    expect(results.map((r) => r.seq).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const rows = await events('case:hot');
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    rows.forEach((r, i) => expect(r.prev_hash).toBe(i === 0 ? ZERO_HASH : rows[i - 1].hash));
    for (let i = 1; i < rows.length; i++) {
      expect((rows[i].occurred_at as Date).getTime()).toBeGreaterThanOrEqual(
        (rows[i - 1].occurred_at as Date).getTime(),
      );
    }
    expect(await head('case:hot')).toMatchObject({ seq: 20, hash: rows[19].hash });
    expect((await moduleRef.get(AuditVerifier).verify()).ok).toBe(true);
  });

  it('does not make an append to stream B wait for an open transaction on stream A', async () => {
    await commands.record(officer, { action: 'case.file', entityType: 'case', entityId: 'B' });
    let recorded!: () => void;
    const onRecorded = new Promise<void>((r) => (recorded = r));
    let release!: () => void;
    const held = commands.recordAndHold(
      { action: 'case.assign', entityType: 'case', entityId: 'A' },
      recorded,
      new Promise<void>((r) => (release = r)),
    );
    await onRecorded; // A's head is now locked by an open transaction
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined); // TypeORM logs the lock timeout
    try {
      // B (existing head) and a brand-new stream go through with a 300 ms lock timeout …
      await expect(
        commands.recordWithLockTimeout({ action: 'case.assign', entityType: 'case', entityId: 'B' }, 300),
      ).resolves.toMatchObject({ seq: 2 });
      await expect(
        commands.recordWithLockTimeout({ action: 'case.file', entityType: 'case', entityId: 'C' }, 300),
      ).resolves.toMatchObject({ seq: 1 });
      // … while A itself is locked, which proves the test would notice a shared lock.
      await expect(
        commands.recordWithLockTimeout({ action: 'case.close', entityType: 'case', entityId: 'A' }, 300),
      ).rejects.toThrow(/lock timeout/);
    } finally {
      log.mockRestore();
      release();
    }
    await expect(held).resolves.toMatchObject({ seq: 1 });
    expect((await events('case:A')).map((r) => r.seq)).toEqual([1]);
  });

  describe('append-only triggers', () => {
    let client: Client;
    beforeAll(async () => {
      client = new Client({ connectionString: db.url });
      await client.connect();
      await commands.record(officer, { action: 'case.file', entityType: 'case', entityId: 'trg' });
      await db.sql(
        `INSERT INTO audit_checkpoints (up_to_event_id, heads, prev_hash, hash) VALUES (1, '{}', $1, $1)`,
        [ZERO_HASH],
      );
    });
    afterAll(() => client?.end());

    it.each([
      ['UPDATE', 'audit_events', `UPDATE audit_events SET action = 'x'`],
      ['DELETE', 'audit_events', `DELETE FROM audit_events`],
      ['TRUNCATE', 'audit_events', `TRUNCATE audit_events`],
      ['UPDATE', 'audit_checkpoints', `UPDATE audit_checkpoints SET heads = '{}'`],
      ['DELETE', 'audit_checkpoints', `DELETE FROM audit_checkpoints`],
      ['TRUNCATE', 'audit_checkpoints', `TRUNCATE audit_checkpoints`],
    ])('rejects %s on %s', async (op, table, sql) => {
      await expect(client.query(sql)).rejects.toThrow(`audit log is append-only: ${op} on ${table}`);
    });

    it('still has every row afterwards', async () => {
      expect((await db.sql(`SELECT count(*)::int AS n FROM audit_checkpoints`))[0].n).toBe(1);
      expect(
        (await db.sql(`SELECT count(*)::int AS n FROM audit_events WHERE stream = 'case:trg'`))[0].n,
      ).toBe(1);
    });
  });
});
