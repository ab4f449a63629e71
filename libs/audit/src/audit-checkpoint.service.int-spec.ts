import { SYSTEM_ACTOR } from '@app/contracts';
import { createTestModule, type TestDatabase } from '@app/testing';
import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { AuditCheckpointService } from './audit-checkpoint.service';
import type { AuditAppended } from './audit-event';
import { auditCheckpointHash, ZERO_HASH } from './audit-hash';
import { AuditVerifier } from './audit.verifier';
import { AuditWriter } from './audit.writer';

@Injectable()
class Commands {
  constructor(private readonly audit: AuditWriter) {}

  @Transactional()
  record(entityId: string): Promise<AuditAppended> {
    return this.audit.record(SYSTEM_ACTOR, { action: 'case.note', entityType: 'case', entityId });
  }

  /** Records, then keeps the transaction open until `release` resolves (a slow command still in flight). */
  @Transactional()
  async recordAndHold(entityId: string, recorded: (e: AuditAppended) => void, release: Promise<void>) {
    const e = await this.audit.record(SYSTEM_ACTOR, { action: 'case.note', entityType: 'case', entityId });
    recorded(e);
    await release;
    return e;
  }
}

/** Starts a command that records on `entityId` and stays open until the returned `release()`. */
async function inFlight(commands: Commands, entityId: string) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let event!: AuditAppended;
  let recorded!: () => void;
  const onRecorded = new Promise<void>((r) => (recorded = r));
  const done = commands.recordAndHold(entityId, (e) => ((event = e), recorded()), gate);
  await onRecorded;
  return { event, release: () => (release(), done) };
}

describe('AuditCheckpointService (PostgreSQL)', () => {
  let db: TestDatabase;
  let close: () => Promise<void>;
  let moduleRef: TestingModule;
  let commands: Commands;
  let checkpoints: AuditCheckpointService;

  beforeAll(async () => {
    ({ db, module: moduleRef, close } = await createTestModule({ providers: [Commands] }));
    commands = moduleRef.get(Commands);
    checkpoints = moduleRef.get(AuditCheckpointService);
  });

  afterAll(async () => {
    await close?.();
  });

  const lastCheckpoint = async () =>
    (
      await db.sql(`SELECT id::text, up_to_event_id::text AS up_to, heads, prev_hash, hash, created_at
                   FROM audit_checkpoints ORDER BY id DESC LIMIT 1`)
    )[0];
  const maxEventId = async () => String((await db.sql(`SELECT max(id)::text AS m FROM audit_events`))[0].m);

  it('seals every stream head, chained to the previous checkpoint, and stores exactly what it hashed', async () => {
    const before = await lastCheckpoint();
    const a = await commands.record('s1');
    const b = await commands.record('s1');
    const c = await commands.record('s2');
    const cp = await checkpoints.seal();
    expect(cp).not.toBeNull();
    expect(cp!.heads).toMatchObject({
      'case:s1': { seq: 2, hash: b.hash },
      'case:s2': { seq: 1, hash: c.hash },
    });
    expect(cp!.prevHash).toBe(before?.hash ?? ZERO_HASH);
    expect(cp!.upToEventId).toBe(await maxEventId());
    expect(BigInt(cp!.upToEventId)).toBeGreaterThanOrEqual(BigInt(a.id));

    const row = await lastCheckpoint();
    expect(row).toMatchObject({
      id: cp!.id,
      up_to: cp!.upToEventId,
      heads: cp!.heads,
      prev_hash: cp!.prevHash,
      hash: cp!.hash,
    });
    expect(
      auditCheckpointHash(String(row.prev_hash), {
        createdAt: row.created_at as Date,
        upToEventId: String(row.up_to),
        heads: cp!.heads,
      }),
    ).toBe(cp!.hash);
  });

  it('skips when nothing changed, and then seals only the streams that did', async () => {
    expect(await checkpoints.seal()).toBeNull();
    const prev = await lastCheckpoint();
    const e = await commands.record('s2');
    const cp = await checkpoints.seal();
    expect(cp!.heads).toEqual({ 'case:s2': { seq: 2, hash: e.hash } });
    expect(cp!.prevHash).toBe(prev.hash);
    expect(await checkpoints.seal()).toBeNull();
  });

  it('never skips an event whose transaction commits after a checkpoint that saw higher ids', async () => {
    const prev = await lastCheckpoint();
    const slow = await inFlight(commands, 'slow'); // holds a lower event id, not yet committed
    const fast = await commands.record('fast'); // higher id, committed
    expect(BigInt(fast.id)).toBeGreaterThan(BigInt(slow.event.id));

    const cp1 = await checkpoints.seal({ settleTimeoutMs: 200 });
    expect(cp1!.heads).toEqual({ 'case:fast': { seq: 1, hash: fast.hash } });
    // The mark must not pass the open transaction's id (max(id) would have been fast.id).
    expect(cp1!.upToEventId).toBe(prev.up_to);

    await slow.release();
    const cp2 = await checkpoints.seal({ settleTimeoutMs: 200 });
    expect(cp2!.heads).toEqual({ 'case:slow': { seq: 1, hash: slow.event.hash } });
    expect(cp2!.upToEventId).toBe(await maxEventId());
    expect(await checkpoints.seal()).toBeNull();
    expect((await moduleRef.get(AuditVerifier).verify()).ok).toBe(true);
  });

  it('waits for a command still writing audit events when it finishes within the settle timeout', async () => {
    const slow = await inFlight(commands, 'slow2');
    const sealing = checkpoints.seal({ settleTimeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 200));
    await slow.release();
    const cp = await sealing;
    // Sealed, because the heads are read after the wait …
    expect(cp!.heads).toEqual({ 'case:slow2': { seq: 1, hash: slow.event.hash } });
    // … while the mark is the highest id that was visible when sealing began, and is now settled.
    expect(BigInt(cp!.upToEventId)).toBeLessThan(BigInt(slow.event.id));
    expect(await checkpoints.seal()).toBeNull();
  });

  it('lets concurrent sealers take turns: one writes the checkpoint, the other finds nothing to do', async () => {
    await commands.record('s3');
    const results = await Promise.all([checkpoints.seal(), checkpoints.seal(), checkpoints.seal()]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const v = await moduleRef.get(AuditVerifier).verify();
    expect(v).toMatchObject({ ok: true, problems: 0 });
  });
});
