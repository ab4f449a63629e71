import { AuditVerifier } from '@app/audit';
import { loadConfig } from '@app/config';
import { migrate } from '@app/database';
import type { TestDatabase } from '@app/testing';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { PrivatePostgres } from '../support/private-postgres';
import { seedReferenceAndDemoData } from '../support/seed';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/test-worker';
import { trademarkCaseInput, trademarkComplaintInput } from '../support/load-inputs';

jest.setTimeout(300_000);

/** A request taking longer than this counts as a hang (the assertions then fail on it). */
const REQUEST_DEADLINE_MS = 30_000;

type Op = 'public-complaint' | 'operator-complaint' | 'case' | 'file' | 'read';

interface Outcome {
  op: Op;
  status: number;
  /** When the request failed without an HTTP answer (timeout, reset). */
  error?: string;
  res?: Response;
}

/** The test's own view of its private database: a fresh connection per statement, so a restart never breaks it. */
function privateDatabase(url: string): TestDatabase {
  return {
    url,
    name: new URL(url).pathname.slice(1),
    async sql(text, params) {
      const c = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      c.on('error', () => undefined);
      await c.connect();
      try {
        return (await c.query(text, params as unknown[])).rows;
      } finally {
        await c.end().catch(() => undefined);
      }
    },
    dataSource: () => Promise.reject(new Error('not available on the private database')),
    drop: () => Promise.resolve(),
  };
}

/**
 * PostgreSQL restarted under a steady stream of writes and reads — fast (sessions rolled back) and immediate (a crash
 * and recovery) — on a private cluster, so the machine's shared server is never touched. Every refused request must
 * be a 503 problem with Retry-After that says to retry, within a bounded time; every acknowledged write must be in
 * the database with everything its transaction writes; and the API must recover by itself.
 */
describe('PostgreSQL restarted under load (fault)', () => {
  let pg: PrivatePostgres;
  let db: TestDatabase;
  let t: TestApp;
  const officers: string[] = [];
  const run = Date.now().toString(36);

  beforeAll(async () => {
    pg = await PrivatePostgres.start();
    const url = pg.url('ipe_fault');
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url });
    await migrate(config);
    await seedReferenceAndDemoData(config);
    db = privateDatabase(url);
    t = await createTestApp(
      { DATABASE_URL: url, PUBLIC_COMPLAINT_RATE_PER_MINUTE: '100000', LOG_LEVEL: 'error' },
      { db },
    );
    await t.signIn('operator.zj', 'officer.zj');
    for (const r of await db.sql(
      `SELECT id FROM users WHERE username IN ('officer.zj', 'officer2.zj') ORDER BY username`,
    ))
      officers.push(r.id as string);
  }, 240_000);

  afterAll(async () => {
    await t?.close();
    await pg?.destroy();
  });

  const complaint = trademarkComplaintInput;
  const trademarkCase = (tag: string) =>
    trademarkCaseInput(tag, officers, [
      { role: 'claimant', kind: 'individual', name: '张三', idNumber: '11010519491231002X' },
    ]);

  /** Acknowledged writes, by kind. */
  const acked = {
    publicComplaints: [] as string[],
    operatorComplaints: [] as string[],
    cases: [] as string[],
    filed: [] as string[],
  };
  const outcomes: Outcome[] = [];
  let stopped = false;

  async function call(op: Op, req: () => Promise<Response>): Promise<Response | null> {
    try {
      const res = await req();
      outcomes.push({ op, status: res.status, res });
      return res;
    } catch (e) {
      outcomes.push({ op, status: 0, error: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }
  const bounded = <T extends { timeout(ms: object): T }>(r: T) =>
    r.timeout({ response: REQUEST_DEADLINE_MS, deadline: REQUEST_DEADLINE_MS });

  /** One client of the load: public form, operator intake, case registration and filing, reads — in turn. */
  async function client(k: number): Promise<void> {
    for (let i = 0; !stopped; i++) {
      const tag = `fault-${run}-${k}-${i}`;
      switch (i % 4) {
        case 0: {
          const res = await call('public-complaint', () =>
            bounded(
              t.http().post('/api/v1/public/complaints').set('idempotency-key', tag).send(complaint(tag)),
            ),
          );
          if (res?.status === 201) acked.publicComplaints.push(res.body.trackingNo as string);
          break;
        }
        case 1: {
          const res = await call('operator-complaint', () =>
            bounded(t.as('operator.zj').post('/api/v1/complaints', { ...complaint(tag), channel: 'phone' })),
          );
          if (res?.status === 201) acked.operatorComplaints.push(res.body.id as string);
          break;
        }
        case 2: {
          const res = await call('case', () =>
            bounded(t.as('officer.zj').post('/api/v1/cases', trademarkCase(tag))),
          );
          if (res?.status !== 201) break;
          const id = res.body.id as string;
          acked.cases.push(id);
          const filed = await call('file', () =>
            bounded(
              t.as('officer.zj').post(`/api/v1/cases/${id}/actions/file`, { version: res.body.version }),
            ),
          );
          if (filed?.status === 200) acked.filed.push(id);
          break;
        }
        default:
          await call('read', () => bounded(t.as('officer.zj').get('/api/v1/cases?pageSize=5')));
      }
    }
  }

  const successes = (op?: Op) =>
    outcomes.filter((o) => o.status >= 200 && o.status < 300 && (!op || o.op === op)).length;
  /** Waits until every kind of request has succeeded at least `n` more times than now. */
  async function recovered(n: number, what: string): Promise<void> {
    const ops: Op[] = ['public-complaint', 'operator-complaint', 'case', 'file', 'read'];
    const base = Object.fromEntries(ops.map((op) => [op, successes(op)]));
    await waitFor(async () => ops.every((op) => successes(op) >= base[op] + n), what, 90_000);
  }

  it('answers 503 with Retry-After while it is down, loses no acknowledged write, writes nothing partially and recovers by itself', async () => {
    const clients = [0, 1, 2].map((k) => client(k));
    try {
      await recovered(3, 'the load to run');

      // Fast restart: open sessions are terminated (57P01), in-flight transactions rolled back.
      await pg.restart('fast');
      await recovered(3, 'requests to succeed again after a fast restart, without restarting the API');

      // Immediate stop: a crash. Requests are refused while it is down, /health says so.
      const before = outcomes.length;
      await pg.stop('immediate');
      const health = await bounded(t.http().get('/health'));
      expect(health.status).toBe(503);
      expect(health.body.error?.postgres?.status ?? health.body.details?.postgres?.status).toBe('down');
      await waitFor(
        async () => outcomes.slice(before).filter((o) => o.status === 503).length >= 6,
        'requests refused while PostgreSQL is down',
        30_000,
      );
      await pg.start(); // crash recovery
      await recovered(3, 'requests to succeed again after crash recovery, without restarting the API');
      expect((await bounded(t.http().get('/health'))).body.details.postgres.status).toBe('up');
    } finally {
      stopped = true;
      await Promise.all(clients);
    }

    // Every refusal was a clean, retryable 503 — no 500, no hang, no dropped connection.
    const refused = outcomes.filter((o) => o.status < 200 || o.status >= 300);
    expect(refused.length).toBeGreaterThan(0);
    const unclean = refused
      .filter(
        (o) =>
          o.status !== 503 ||
          !/^application\/problem\+json/.test(String(o.res?.headers['content-type'])) ||
          !/^\d+$/.test(String(o.res?.headers['retry-after'])) ||
          o.res?.body.code !== 'SERVICE_UNAVAILABLE' ||
          !/重试|retry/i.test(String(o.res?.body.detail)),
      )
      .map((o) => ({ op: o.op, status: o.status, error: o.error, body: o.res?.body }));
    expect(unclean).toEqual([]);

    // Every acknowledged write is there.
    const count = async (sql: string, params: unknown[]) =>
      (await db.sql(`SELECT count(*)::int AS n FROM (${sql}) x`, params))[0].n as number;
    expect(
      await count(`SELECT 1 FROM complaints WHERE tracking_no = ANY($1)`, [acked.publicComplaints]),
    ).toBe(acked.publicComplaints.length);
    expect(await count(`SELECT 1 FROM complaints WHERE id = ANY($1)`, [acked.operatorComplaints])).toBe(
      acked.operatorComplaints.length,
    );
    expect(await count(`SELECT 1 FROM cases WHERE id = ANY($1)`, [acked.cases])).toBe(acked.cases.length);
    expect(
      await count(
        `SELECT 1 FROM cases WHERE id = ANY($1) AND status = 'investigating' AND case_no IS NOT NULL`,
        [acked.filed],
      ),
    ).toBe(acked.filed.length);

    // Nothing half-written, acknowledged or not: every complaint and case the load created (tagged) is whole.
    const tagged = `%fault-${run}-%`;
    const brokenComplaints = await db.sql(
      `SELECT c.id FROM complaints c WHERE c.description LIKE $1 AND (
         NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.entity_id = c.id::text AND a.seq = 1)
         OR (c.office_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.topic = 'complaint.received'
               AND o.payload::text LIKE '%' || c.id::text || '%')))`,
      [tagged],
    );
    expect(brokenComplaints).toEqual([]);
    const brokenCases = await db.sql(
      `SELECT c.id, c.status FROM cases c WHERE c.title LIKE $1 AND NOT (
         (SELECT count(*) FROM case_parties p WHERE p.case_id = c.id) = 2
         AND (SELECT count(*) FROM case_rights r WHERE r.case_id = c.id) = 1
         AND (SELECT count(*) FROM case_officers o WHERE o.case_id = c.id) = 2
         AND EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = c.id AND d.key = 'filing')
         AND EXISTS (SELECT 1 FROM audit_events a WHERE a.entity_id = c.id::text AND a.action = 'case.registered')
         AND EXISTS (SELECT 1 FROM outbox o WHERE o.topic = 'case.assigned' AND o.payload->'data'->>'caseId' = c.id::text)
         AND (c.status = 'registered' OR (
           c.case_no IS NOT NULL
           AND EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = c.id AND d.key = 'closing' AND d.status = 'open')
           AND EXISTS (SELECT 1 FROM audit_events a WHERE a.entity_id = c.id::text AND a.action = 'case.file')
           AND EXISTS (SELECT 1 FROM outbox o WHERE o.topic = 'case.transitioned'
                         AND o.payload->'data'->>'caseId' = c.id::text))))`,
      [tagged],
    );
    expect(brokenCases).toEqual([]);
    // Case numbers stay gap-free per office and year, and the counter agrees (its row is locked in the transaction).
    expect(
      await db.sql(
        `SELECT c.office_id, c.case_year, count(*)::int AS n, max(c.case_seq) AS max, min(n.last) AS counter
           FROM cases c LEFT JOIN number_counters n
             ON n.office_id = c.office_id AND n.year = c.case_year AND n.kind = 'case'
          WHERE c.case_seq IS NOT NULL GROUP BY 1, 2
         HAVING count(*) <> max(c.case_seq) OR min(n.last) IS DISTINCT FROM max(c.case_seq)`,
        [],
      ),
    ).toEqual([]);
    // The audit log's hash chains survived the crash intact.
    expect(await t.app.get(AuditVerifier).verify()).toMatchObject({ ok: true, problems: 0 });
    // A fresh sign-in works against the recovered database.
    await t.login('officer.zj');
  });
});
