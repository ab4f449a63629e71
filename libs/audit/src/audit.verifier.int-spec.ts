import { ConfigModule } from '@app/config';
import type { Actor } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { AuditCheckpointService } from './audit-checkpoint.service';
import type { AuditEventInput } from './audit-event';
import { auditEventHash, JsonValue } from './audit-hash';
import { AuditModule } from './audit.module';
import { AuditVerifier, AuditVerifyResult } from './audit.verifier';
import { AuditWriter } from './audit.writer';

const admin: Actor = {
  id: '0b7f7a52-8f5c-4a0e-b2f8-1c2d3e4f5a6b',
  username: 'admin',
  displayName: '管理员',
  roles: ['admin'],
  officeId: '00000000-0000-0000-0000-000000000001',
  regionCode: '330000',
};

@Injectable()
class Commands {
  constructor(private readonly audit: AuditWriter) {}

  @Transactional()
  record(e: AuditEventInput) {
    return this.audit.record(admin, e);
  }
}

interface Harness {
  db: TestDatabase;
  moduleRef: TestingModule;
  record(entityId: string, n: number): Promise<void>;
  seal(): ReturnType<AuditCheckpointService['seal']>;
  verify(): Promise<AuditVerifyResult>;
  /** Runs SQL with the append-only triggers disabled for this connection, as an attacker with superuser could. */
  tamper(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  eventId(stream: string, seq: number): Promise<string>;
  close(): Promise<void>;
}

async function harness(): Promise<Harness> {
  const db = await createTestDatabase();
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }),
      DatabaseModule,
      AuditModule,
    ],
    providers: [Commands],
  }).compile();
  await moduleRef.init();
  const commands = moduleRef.get(Commands);
  return {
    db,
    moduleRef,
    record: async (entityId, n) => {
      for (let i = 0; i < n; i++) {
        await commands.record({
          action: `case.step${i}`,
          entityType: 'case',
          entityId,
          data: { i, 备注: `第${i}步` },
        });
      }
    },
    seal: () => moduleRef.get(AuditCheckpointService).seal(),
    verify: () => moduleRef.get(AuditVerifier).verify({ batchSize: 3 }),
    tamper: async (sql, params) => {
      await db.sql(`SET session_replication_role = replica`);
      try {
        return await db.sql(sql, params);
      } finally {
        await db.sql(`SET session_replication_role = origin`);
      }
    },
    eventId: async (stream, seq) =>
      String(
        (await db.sql(`SELECT id FROM audit_events WHERE stream = $1 AND seq = $2`, [stream, seq]))[0].id,
      ),
    close: async () => {
      await moduleRef.close();
      await db.drop();
    },
  };
}

interface Seeded {
  /** The log as copied from the template database (the demo seed may have audited its offices and users). */
  base: AuditVerifyResult;
  checkpoints: [string, string];
}

/** Three more streams, two checkpoints, then some unsealed events. */
async function seedLog(h: Harness): Promise<Seeded> {
  const base = await h.verify();
  expect(base.ok).toBe(true);
  await h.record('c1', 5);
  await h.record('c2', 3);
  await h.record('c3', 2);
  const first = await h.seal();
  await h.record('c2', 2);
  const second = await h.seal();
  await h.record('c3', 1);
  expect(second?.heads).toEqual({ 'case:c2': { seq: 5, hash: expect.any(String) } });
  return { base, checkpoints: [first!.id, second!.id] };
}

describe('AuditVerifier (PostgreSQL)', () => {
  let h: Harness;
  let seeded: Seeded;
  beforeEach(async () => {
    h = await harness();
    seeded = await seedLog(h);
  });
  afterEach(() => h?.close());

  it('passes a fresh, untampered log (with checkpoints and unsealed events)', async () => {
    const { base } = seeded;
    expect(await h.verify()).toEqual({
      ok: true,
      streams: base.streams + 3,
      events: base.events + 13,
      checkpoints: base.checkpoints + 2,
      problems: 0,
    });
  });

  it('catches an altered row (hash_mismatch) and names it', async () => {
    const id = await h.eventId('case:c1', 3);
    await h.tamper(`UPDATE audit_events SET data = '{"i": 2, "备注": "改过"}' WHERE id = $1`, [id]);
    const r = await h.verify();
    expect(r.ok).toBe(false);
    expect(r.firstProblem).toMatchObject({ kind: 'hash_mismatch', stream: 'case:c1', seq: 3, eventId: id });
    expect(r.problems).toBe(1);
  });

  it('catches a row removed from the middle (seq_gap) at the row after the hole', async () => {
    await h.tamper(`DELETE FROM audit_events WHERE stream = 'case:c1' AND seq = 2`);
    const r = await h.verify();
    expect(r.firstProblem).toMatchObject({
      kind: 'seq_gap',
      stream: 'case:c1',
      seq: 3,
      eventId: await h.eventId('case:c1', 3),
    });
  });

  it('catches a tail cut off after a checkpoint even when the head row was rolled back to match (missing_tail)', async () => {
    // case:c2 was sealed at seq 5 by the second checkpoint; remove seq 4 and 5 and make the head agree.
    await h.tamper(`DELETE FROM audit_events WHERE stream = 'case:c2' AND seq > 3`);
    const last = await h.eventId('case:c2', 3);
    await h.tamper(
      `UPDATE audit_stream_heads SET seq = 3, last_event_id = $1, hash = (SELECT hash FROM audit_events WHERE id = $1)
       WHERE stream = 'case:c2'`,
      [last],
    );
    const r = await h.verify();
    expect(r.ok).toBe(false);
    expect(r.firstProblem).toMatchObject({
      kind: 'missing_tail',
      stream: 'case:c2',
      seq: 5,
      checkpointId: seeded.checkpoints[1],
    });
    expect(r.firstProblem?.message).toContain('now ends at seq 3');
  });

  it('catches a tail cut off when the head row was left alone (missing_tail from the head)', async () => {
    await h.tamper(`DELETE FROM audit_events WHERE stream = 'case:c3' AND seq = 3`);
    const r = await h.verify();
    expect(r.firstProblem).toMatchObject({ kind: 'missing_tail', stream: 'case:c3', seq: 3 });
  });

  it('catches two rows whose seq were swapped (prev_hash_mismatch) at the first reordered row', async () => {
    const id2 = await h.eventId('case:c1', 2);
    const id3 = await h.eventId('case:c1', 3);
    await h.tamper(`UPDATE audit_events SET seq = 1000 WHERE id = $1`, [id2]);
    await h.tamper(`UPDATE audit_events SET seq = 2 WHERE id = $1`, [id3]);
    await h.tamper(`UPDATE audit_events SET seq = 3 WHERE id = $1`, [id2]);
    const r = await h.verify();
    expect(r.firstProblem).toMatchObject({
      kind: 'prev_hash_mismatch',
      stream: 'case:c1',
      seq: 2,
      eventId: id3,
    });
  });

  it('catches a checkpoint whose heads were altered (checkpoint_broken)', async () => {
    const [id] = seeded.checkpoints;
    await h.tamper(
      `UPDATE audit_checkpoints SET heads = jsonb_set(heads, '{case:c1,seq}', '4') WHERE id = $1`,
      [id],
    );
    const r = await h.verify();
    expect(r.firstProblem).toMatchObject({ kind: 'checkpoint_broken', checkpointId: id });
    expect(r.firstProblem?.message).toContain('does not match its hash');
  });

  it('catches a checkpoint removed from the chain (checkpoint_broken)', async () => {
    await h.tamper(`DELETE FROM audit_checkpoints WHERE id = $1`, [seeded.checkpoints[0]]);
    const r = await h.verify();
    expect(r.firstProblem).toMatchObject({ kind: 'checkpoint_broken', checkpointId: seeded.checkpoints[1] });
    expect(r.firstProblem?.message).toContain('does not link');
  });

  it('catches a sealed stream rewritten with consistent hashes (checkpoint_head_mismatch)', async () => {
    // A careful attacker changes case:c1 seq 4 and recomputes the hash of every later row and the head.
    const rows = await h.db.sql(
      `SELECT id::text, stream, seq, occurred_at, actor_id::text, actor_name, action, entity_type, entity_id, data,
              request_id, prev_hash FROM audit_events WHERE stream = 'case:c1' AND seq >= 4 ORDER BY seq`,
    );
    let prevHash = String(rows[0].prev_hash);
    for (const r of rows) {
      const data = (r.seq === 4 ? { i: 3, 备注: '伪造' } : r.data) as JsonValue;
      const hash = auditEventHash(prevHash, {
        stream: String(r.stream),
        seq: Number(r.seq),
        occurredAt: r.occurred_at as Date,
        actorId: r.actor_id as string,
        actorName: String(r.actor_name),
        action: String(r.action),
        entityType: String(r.entity_type),
        entityId: String(r.entity_id),
        data,
        requestId: null,
      });
      await h.tamper(`UPDATE audit_events SET data = $2::jsonb, prev_hash = $3, hash = $4 WHERE id = $1`, [
        r.id,
        JSON.stringify(data),
        prevHash,
        hash,
      ]);
      prevHash = hash;
    }
    await h.tamper(`UPDATE audit_stream_heads SET hash = $1 WHERE stream = 'case:c1'`, [prevHash]);
    const r = await h.verify();
    expect(r.firstProblem).toMatchObject({
      kind: 'checkpoint_head_mismatch',
      stream: 'case:c1',
      seq: 5,
      checkpointId: seeded.checkpoints[0],
      eventId: await h.eventId('case:c1', 5),
    });
  });

  it('reports a head row that disagrees with its stream (head_mismatch)', async () => {
    await h.tamper(`UPDATE audit_stream_heads SET hash = repeat('a', 64) WHERE stream = 'case:c1'`);
    expect((await h.verify()).firstProblem).toMatchObject({
      kind: 'head_mismatch',
      stream: 'case:c1',
      seq: 5,
    });
  });
});

describe('scripts/audit-verify.ts', () => {
  let h: Harness;
  let seeded: Seeded;
  beforeAll(async () => {
    h = await harness();
    seeded = await seedLog(h);
  });
  afterAll(() => h?.close());

  const run = () =>
    spawnSync('npx', ['ts-node', '-T', '-r', 'tsconfig-paths/register', 'scripts/audit-verify.ts'], {
      cwd: resolve(__dirname, '../../..'),
      env: { ...process.env, DATABASE_URL: h.db.url, NODE_ENV: 'test' },
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('exits 0 on a clean database and 1 naming the first bad row on a tampered one', async () => {
    const clean = run();
    expect(clean.stderr).toBe('');
    expect(clean.status).toBe(0);
    const { base } = seeded;
    expect(clean.stdout.trim()).toBe(
      `audit log OK: ${base.streams + 3} streams, ${base.events + 13} events, ${base.checkpoints + 2} checkpoints`,
    );

    const id = await h.eventId('case:c2', 2);
    await h.tamper(`UPDATE audit_events SET actor_name = 'someone' WHERE id = $1`, [id]);
    const bad = run();
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(`audit log TAMPERED: hash_mismatch stream=case:c2 seq=2 event_id=${id}`);
  }, 240_000);
});
