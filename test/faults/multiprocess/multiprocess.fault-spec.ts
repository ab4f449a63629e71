import { shanghaiDate, STATS_COUNTER_CODES } from '@app/domain';
import { JobName, QueueName } from '@app/outbox';
import { FACT_TABLES, rebuildStatistics, ROLLUPS, type ReconcileReport } from '@app/stats';
import { Job, Queue } from 'bullmq';
import { Client } from 'pg';
import request from 'supertest';
import { startProcesses, type Processes } from '../../support/processes';
import { demoIds, insertCase } from '../../support/stats-fixture';
import { DEMO_PASSWORD } from '../../support/test-app';
import { waitFor } from '../../support/test-worker';
import { openStream } from '../../support/sse-client';

// Generous: 200 concurrent case commands on a loaded 2-core machine have taken over two minutes.
jest.setTimeout(360_000);

const HZ = '杭州市市场监督管理局（杭州市知识产权局）';
const NJ = '南京市市场监督管理局（南京市知识产权局）';
/** Every scheduler the workers keep, per queue (design.md §6: one per Redis prefix however many workers). */
const SCHEDULERS: Record<string, string[]> = {
  [QueueName.Deadlines]: ['deadline-sweep'],
  [QueueName.Credit]: ['credit-sweep'],
  [QueueName.Stats]: ['stats-project', 'stats-reconcile'],
  [QueueName.Maintenance]: ['audit-checkpoint'],
};

/**
 * Several processes on one machine (issue 9): two API and two worker processes — real `node` processes started as
 * in production — against one PostgreSQL database and one Redis queue prefix. Numbers stay unique and gap-free when
 * 200 creates are split between the APIs; sweeps and scheduled jobs run once with two workers; the statistics
 * drained by both workers equal a rebuild from source; the inbox stream of either API carries what a request to the
 * other caused.
 */
describe('two API and two worker processes on one database and Redis', () => {
  let mp: Processes;
  const queues = new Map<string, Queue>();
  const tokens: Record<string, string> = {};
  let ids: { users: Record<string, string>; offices: Record<string, string> };
  const officeIds: Record<string, string> = {};
  /** The cases created in the numbering test (the statistics test churns them). */
  let caseIds: string[] = [];
  /** Requests sent again after a 503 (reported when a test fails). */
  let retries = 0;

  beforeAll(async () => {
    mp = await startProcesses({
      apis: 2,
      workers: 2,
      // 2 × 12 + 2 × 8 connections: within a shared server's 100 beside other test runs.
      apiEnv: { DATABASE_POOL_SIZE: '12' },
      workerEnv: {
        // Sweeps and checkpoints once an hour: within this file, each scheduler's first (immediate) run is its only
        // one, so a doubled schedule shows as a second run. The statistics are projected every second.
        DEADLINE_SWEEP_MINUTES: '60',
        CREDIT_SWEEP_MINUTES: '60',
        AUDIT_CHECKPOINT_MINUTES: '60',
        STATS_PROJECT_SECONDS: '1',
        // Report drift, do not repair it: the test reads the report.
        STATS_RECONCILE_REPAIR: 'false',
      },
    });
    for (const name of Object.values(QueueName)) {
      queues.set(
        name,
        new Queue(name, {
          connection: { url: mp.redisUrl, maxRetriesPerRequest: null },
          prefix: mp.queuePrefix,
        }),
      );
    }
    const users = ['admin', 'officer.zj', 'officer2.zj', 'officer.js', 'officer2.js', 'operator.zj'];
    for (const [i, u] of users.entries()) {
      // Signed in through either API: the token is good on both (one JWT secret, state in PostgreSQL).
      const res = await request(api(i).baseUrl)
        .post('/api/v1/auth/login')
        .send({ username: u, password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`login ${u}: ${res.status} ${JSON.stringify(res.body)}`);
      tokens[u] = res.body.accessToken as string;
    }
    ids = await demoIds(mp.db);
    for (const r of await mp.db.sql(`SELECT id, name FROM offices`))
      officeIds[r.name as string] = r.id as string;
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...queues.values()].map((q) => q.close()));
    await mp?.stop();
  });

  afterEach(() => {
    // A process that died mid-test explains the failure better than the assertion that tripped.
    mp?.assertRunning();
  });

  /** A test whose failure message ends with every process's last output lines. */
  const itWithLogs = (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      try {
        await fn();
      } catch (e) {
        if (e instanceof Error && mp) e.message += `\n\nProcess output (last lines):\n${mp.diagnostics()}`;
        throw e;
      }
    });

  /** The API process for request `i`: even to the first, odd to the second. */
  const api = (i: number) => mp.apis[i % mp.apis.length];
  const as = (i: number, user: string) => {
    const auth = (r: request.Test) => r.set('authorization', `Bearer ${tokens[user]}`);
    const base = api(i).baseUrl;
    return {
      get: (url: string) => auth(request(base).get(url)),
      post: (url: string, body: object = {}) => auth(request(base).post(url)).send(body),
    };
  };
  const queue = (name: QueueName) => queues.get(name)!;

  /**
   * Sends a request as a client would: a 503 (a process that could not get a database connection in time, under
   * this burst on a loaded machine) is sent again after its Retry-After. A 503 for work that was done after all
   * would show as a duplicate or a stale version in the checks that follow.
   */
  const retried = async (send: () => request.Test): Promise<request.Response> => {
    for (let attempt = 1; ; attempt++) {
      const res = await send();
      if (res.status !== 503 || attempt === 4) return res;
      retries++;
      await sleep(((res.body as { retryAfterSeconds?: number }).retryAfterSeconds ?? 5) * 1000);
    }
  };

  /** Fails with every unexpected response listed (status, body, which API answered). */
  const expectStatus = (responses: request.Response[], status: number, what: string) => {
    const wrong = responses
      .map((r, i) => ({ i, api: api(i).name, status: r.status, body: r.body as unknown }))
      .filter((r) => r.status !== status);
    if (wrong.length) {
      throw new Error(
        `${what}: ${wrong.length} failed (${retries} requests sent again after a 503 so far)\n${JSON.stringify(wrong.slice(0, 5))}`,
      );
    }
  };

  /** Adds `n` jobs at once and waits until each has finished; returns them (failed ones fail the test). */
  const runJobs = async (name: QueueName, job: JobName, n: number): Promise<Job[]> => {
    const added = await Promise.all(Array.from({ length: n }, () => queue(name).add(job, {})));
    await waitFor(
      async () => {
        const states = await Promise.all(added.map((j) => queue(name).getJobState(j.id!)));
        if (states.includes('failed')) {
          const failed = await Job.fromId(queue(name), added[states.indexOf('failed')].id!);
          throw new Error(`${job} failed: ${failed?.failedReason}`);
        }
        return states.every((s) => s === 'completed');
      },
      `${n} ${job} jobs to finish`,
      90_000,
    );
    // Read once finished: a job read while it ran has no return value yet.
    return (await Promise.all(added.map((j) => Job.fromId(queue(name), j.id!)))) as Job[];
  };

  itWithLogs('keeps each job scheduler once, and ran each one-an-hour schedule exactly once', async () => {
    for (const [name, expected] of Object.entries(SCHEDULERS)) {
      const schedulers = await queues.get(name)!.getJobSchedulers();
      expect({ name, ids: schedulers.map((s) => s.key).sort() }).toEqual({ name, ids: [...expected].sort() });
    }
    // The first run of an interval schedule is immediate; both workers upserting it must not make it two.
    for (const [name, id] of [
      [QueueName.Deadlines, 'deadline-sweep'],
      [QueueName.Credit, 'credit-sweep'],
      [QueueName.Maintenance, 'audit-checkpoint'],
    ] as const) {
      const runs = async () =>
        (
          await queue(name).getJobs(['completed', 'failed', 'active', 'waiting', 'prioritized', 'delayed'])
        ).filter((j) => j.repeatJobKey === id);
      const done = await waitFor(
        async () => {
          const r = await runs();
          return r.some((j) => j.finishedOn) ? r : null;
        },
        `the first ${id} run`,
        60_000,
      );
      const states = await Promise.all(done.map((j) => j.getState()));
      expect({
        id,
        ran: states.filter((s) => s !== 'delayed').sort(),
        next: states.filter((s) => s === 'delayed'),
      }).toEqual({ id, ran: ['completed'], next: ['delayed'] });
    }
  });

  itWithLogs(
    'numbers 200 concurrent creates and 200 concurrent filings split across both APIs gap-free',
    async () => {
      const year = Number(shanghaiDate(new Date()).slice(0, 4));
      const [{ reg }] = await mp.db.sql(`SELECT coalesce(max(reg_no), 0)::int AS reg FROM cases`);
      const [{ ref }] = await mp.db.sql(
        `SELECT coalesce(max(right(referral_no, 6)::int), 0) AS ref FROM referrals`,
      );
      const newCase = (i: number) => {
        const zj = i % 4 < 2; // both offices on both APIs
        return retried(() =>
          as(i, zj ? 'officer.zj' : 'officer.js').post('/api/v1/cases', {
            title: `多进程并发登记案件 ${i}`,
            ipType: 'trademark',
            procedure: 'penalty_trademark',
            source: 'ex_officio',
            regionCode: zj ? '330106' : '320100',
            officerIds: zj
              ? [ids.users['officer.zj'], ids.users['officer2.zj']]
              : [ids.users['officer.js'], ids.users['officer2.js']],
            parties: [
              {
                role: 'respondent',
                kind: 'enterprise',
                name: `某某贸易有限公司${i}`,
                uscc: '91330106MA2CFXX47J',
              },
            ],
          }),
        );
      };
      const created = await Promise.all(Array.from({ length: 200 }, (_, i) => newCase(i)));
      expectStatus(created, 201, 'case registration');
      caseIds = created.map((r) => r.body.id as string);
      // Each once, although some were sent twice.
      const [{ titles }] = await mp.db.sql(
        `SELECT count(*)::int AS titles FROM cases WHERE title LIKE '多进程并发登记案件 %'`,
      );
      expect(titles).toBe(200);

      // Registration numbers (DJ…): an identity column, the next 200 values.
      const regs = (
        await mp.db.sql(`SELECT reg_no::int AS r FROM cases WHERE id = ANY($1) ORDER BY 1`, [caseIds])
      ).map((r) => r.r as number);
      expect(regs).toEqual(Array.from({ length: 200 }, (_, k) => (reg as number) + 1 + k));

      // Referral numbers (YS…): one assistance request per case, to the other province's office.
      const referred = await Promise.all(
        caseIds.map((id, i) =>
          retried(() =>
            as(i, i % 4 < 2 ? 'officer.zj' : 'officer.js').post(`/api/v1/cases/${id}/referrals`, {
              kind: 'assistance',
              toOfficeId: officeIds[i % 4 < 2 ? NJ : HZ],
              reason: '协查',
              request: `请协助核实当事人 ${i} 的经营地址`,
            }),
          ),
        ),
      );
      expectStatus(referred, 201, 'referral');
      const [{ referrals }] = await mp.db.sql(
        `SELECT count(*)::int AS referrals FROM referrals WHERE case_id = ANY($1)`,
        [caseIds],
      );
      expect(referrals).toBe(200);
      const refs = (
        await mp.db.sql(
          `SELECT right(referral_no, 6)::int AS n FROM referrals WHERE id = ANY($1) ORDER BY 1`,
          [referred.map((r) => r.body.id)],
        )
      ).map((r) => r.n as number);
      expect(refs).toEqual(Array.from({ length: 200 }, (_, k) => (ref as number) + 1 + k));

      // Case numbers (filing) and document numbers (the refusal notice), both from number_counters, concurrently.
      const versions = new Map(
        (await mp.db.sql(`SELECT id::text, version FROM cases WHERE id = ANY($1)`, [caseIds])).map((r) => [
          r.id as string,
          r.version as number,
        ]),
      );
      // A quarter refused (a numbered notice), in both offices and through both APIs; the rest filed.
      const refuse = (i: number) => i % 8 === 1 || i % 8 === 6;
      const acted = await Promise.all(
        caseIds.map((id, i) =>
          retried(() =>
            as(i, i % 4 < 2 ? 'officer2.zj' : 'officer2.js').post(
              `/api/v1/cases/${id}/actions/${refuse(i) ? 'not_file' : 'file'}`,
              refuse(i)
                ? { version: versions.get(id), reason: '不属于本机关管辖', legalBasis: '第十八条' }
                : { version: versions.get(id) },
            ),
          ),
        ),
      );
      expectStatus(acted, 200, 'file / not_file');

      // Per office and year 1…n without a gap or a repeat, and the counter at n — over every number ever given.
      const caseSeries = await mp.db.sql(
        `SELECT o.short_name, n.case_year AS year, count(*)::int AS n, count(DISTINCT n.case_seq)::int AS distinct,
              min(n.case_seq) AS min, max(n.case_seq) AS max,
              (SELECT last FROM number_counters k WHERE k.office_id = n.office_id AND k.year = n.case_year
                                                   AND k.kind = 'case') AS counter
         FROM (SELECT office_id, case_year, case_seq FROM cases WHERE case_seq IS NOT NULL) n
         JOIN offices o ON o.id = n.office_id GROUP BY 1, 2, n.office_id, n.case_year ORDER BY 1, 2`,
      );
      const filed = await mp.db.sql(
        `SELECT o.short_name, count(*)::int AS n FROM cases c JOIN offices o ON o.id = c.office_id
        WHERE c.id = ANY($1) AND c.case_seq IS NOT NULL AND c.case_year = $2 GROUP BY 1 ORDER BY 1`,
        [caseIds, year],
      );
      expect(filed.map((f) => f.n)).toEqual([75, 75]);
      for (const s of caseSeries) expect(s).toEqual({ ...s, distinct: s.n, min: 1, max: s.n, counter: s.n });
      expect(
        caseSeries.filter((s) => filed.some((f) => f.short_name === s.short_name && s.year === year)),
      ).toHaveLength(2);

      const docSeries = await mp.db.sql(
        `SELECT n.office_id, n.kind, n.year, count(*)::int AS n, count(DISTINCT n.seq)::int AS distinct,
              min(n.seq) AS min, max(n.seq) AS max,
              (SELECT last FROM number_counters k WHERE k.office_id = n.office_id AND k.year = n.year
                                                   AND k.kind = 'doc:' || n.kind) AS counter
         FROM (SELECT c.office_id, d.kind, m[1]::int AS year, m[2]::int AS seq
                 FROM case_documents d JOIN cases c ON c.id = d.case_id,
                      regexp_match(d.doc_no, '〔(\\d{4})〕(\\d+)号$') AS m) n
        GROUP BY 1, 2, 3`,
      );
      const refusals = await mp.db.sql(
        `SELECT count(*)::int AS n FROM case_documents WHERE case_id = ANY($1) AND kind = 'not_filed_notice'`,
        [caseIds],
      );
      expect(refusals[0].n).toBe(50);
      expect(docSeries.length).toBeGreaterThan(0);
      for (const s of docSeries) expect(s).toEqual({ ...s, distinct: s.n, min: 1, max: s.n, counter: s.n });
    },
  );

  itWithLogs('gives 200 concurrent complaints split across both APIs unique tracking numbers', async () => {
    const [{ before }] = await mp.db.sql(`SELECT count(*)::int AS before FROM complaints`);
    const res = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        retried(() =>
          as(i, 'operator.zj').post('/api/v1/complaints', {
            channel: 'phone',
            category: 'complaint',
            complainantName: '张三',
            complainantPhone: '13800138000',
            respondentName: `杭州某某贸易有限公司${i}`,
            ipType: 'trademark',
            regionCode: '330106',
            description: `多进程并发投诉 ${i}`,
          }),
        ),
      ),
    );
    expectStatus(res, 201, 'complaint');
    const numbers = res.map((r) => r.body.trackingNo as string);
    expect(new Set(numbers).size).toBe(200);
    const [{ n, distinct }] = await mp.db.sql(
      `SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct FROM complaints`,
    );
    expect({ n, distinct }).toEqual({ n: (before as number) + 200, distinct: (before as number) + 200 });
    // Tracking numbers are unique and increasing, not gap-free (design.md rule 8): each API takes them from the
    // sequence in blocks of 32 (SequenceBlock) and holds at most the rest of one block and the next one. Gaps are
    // those unused values — none beyond them.
    const seqs = (
      await mp.db.sql(`SELECT seq::int AS s FROM complaints WHERE tracking_no = ANY($1)`, [numbers])
    )
      .map((r) => r.s as number)
      .sort((a, b) => a - b);
    const unused = seqs[seqs.length - 1] - seqs[0] + 1 - seqs.length;
    expect(unused).toBeLessThan(mp.apis.length * 2 * 32);
  });

  itWithLogs('counts the per-client rate limit across both APIs, not per process', async () => {
    // PUBLIC_COMPLAINT_RATE_PER_MINUTE (10) for one client IP, its requests spread over the APIs as a load
    // balancer would: per-process counters would let through 10 per API.
    const client = `203.0.113.${10 + (process.pid % 200)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const res = await request(api(i).baseUrl)
        .get('/api/v1/public/complaints/12330-260101-999999?phoneLast4=0000')
        .set('x-forwarded-for', client);
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s !== 429)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
  });

  itWithLogs('streams to a user on one API what a request to the other caused, both ways', async () => {
    for (const [listen, send, user] of [
      [0, 1, 'officer.zj'],
      [1, 0, 'officer.js'],
    ] as const) {
      const stream = openStream(`${mp.apis[listen].baseUrl}/api/v1/inbox/stream`, {
        authorization: `Bearer ${tokens[user]}`,
        'accept-language': 'en',
      });
      try {
        expect((await stream.opened).statusCode).toBe(200);
        await stream.next((f) => f.event === 'unread', 0, 30_000);
        const note = `sent through ${mp.apis[send].name} ${Date.now()}`;
        await request(mp.apis[send].baseUrl)
          .post('/api/v1/notifications/test')
          .set('authorization', `Bearer ${tokens.admin}`)
          .send({ users: [ids.users[user]], note })
          .expect(202);
        const frame = await stream.next((f) => f.event === 'message' && !!f.data?.includes(note), 0, 60_000);
        expect(JSON.parse(frame.data!).message).toMatchObject({
          topic: 'notification.test',
          title: 'Test notification',
        });
      } finally {
        stream.close();
      }
    }
  });

  itWithLogs('sends each deadline notice once when sweeps run on both workers at the same time', async () => {
    const today = shanghaiDate(new Date());
    const due = shanghaiDate(new Date(Date.now() - 20 * 86_400_000));
    const start = shanghaiDate(new Date(Date.now() - 110 * 86_400_000));
    const overdue: string[] = [];
    for (let i = 0; i < 6; i++) {
      overdue.push(
        await insertCase(mp.db, ids, {
          title: `多进程逾期案件 ${i}`,
          office: '杭知执',
          region: '330106',
          status: 'investigating',
          received: start,
          filed: start,
          officers: ['officer.zj', 'officer2.zj'],
          closing: { start, due, met: null },
        }),
      );
    }
    await mp.db.sql(
      `UPDATE case_deadlines SET due_at = (due_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
        WHERE case_id = ANY($1)`,
      [overdue],
    );
    expect(due < today).toBe(true);

    const jobs = await runJobs(QueueName.Deadlines, JobName.DeadlineSweep, 6);
    expect(jobs.map((j) => j.returnvalue).filter((v) => v === 'done').length).toBeGreaterThanOrEqual(1);

    const notices = await mp.db.sql(
      `SELECT payload -> 'data' ->> 'itemId' AS item, topic, count(*)::int AS n FROM outbox
        WHERE topic LIKE 'deadline.%' AND payload -> 'data' ->> 'itemId' = ANY($1) GROUP BY 1, 2`,
      [overdue],
    );
    // Each case: overdue, and (20 days late) escalated to the supervisors — once each.
    expect(notices.filter((r) => r.n !== 1)).toEqual([]);
    expect(new Set(notices.map((r) => r.item))).toEqual(new Set(overdue));
    expect([...new Set(notices.map((r) => r.topic))].sort()).toEqual([
      'deadline.escalated',
      'deadline.overdue',
    ]);
    expect(notices).toHaveLength(overdue.length * 2);
    const [{ claims }] = await mp.db.sql(
      `SELECT count(*)::int AS claims FROM deadline_notices WHERE item_id = ANY($1)`,
      [overdue],
    );
    expect(claims).toBe(overdue.length * 2);
    // And once in each recipient's inbox.
    await waitFor(
      async () => {
        const [{ pending }] = await mp.db.sql(
          `SELECT count(*)::int AS pending FROM notification_deliveries d JOIN outbox o ON o.id = d.outbox_id
            WHERE o.payload -> 'data' ->> 'itemId' = ANY($1) AND d.channel = 'inbox' AND d.status <> 'delivered'`,
          [overdue],
        );
        const [{ outbox }] = await mp.db.sql(
          `SELECT count(*)::int AS outbox FROM outbox WHERE payload -> 'data' ->> 'itemId' = ANY($1)
              AND dispatched_at IS NULL`,
          [overdue],
        );
        return pending === 0 && outbox === 0;
      },
      'the deadline notices to reach the inboxes',
      60_000,
    );
    const doubled = await mp.db.sql(
      `SELECT m.user_id, d.outbox_id, count(*)::int AS n FROM inbox_messages m
         JOIN notification_deliveries d ON d.id = m.delivery_id JOIN outbox o ON o.id = d.outbox_id
        WHERE o.payload -> 'data' ->> 'itemId' = ANY($1) GROUP BY 1, 2 HAVING count(*) <> 1`,
      [overdue],
    );
    expect(doubled).toEqual([]);
  });

  itWithLogs(
    'expires each ended credit listing once when credit sweeps run on both workers at the same time',
    async () => {
      const listings = (
        await mp.db.sql(
          `INSERT INTO credit_listings (listing_no, state, ground, regime, legal_basis, facts, decision_no, decision_date,
                                      office_id, region_code, subject_kind, subject_name, subject_uscc, proposed_by,
                                      publish_from, publish_until, published_at)
         SELECT 'XYT9' || lpad(g::text, 8, '0'), 'published', 'heavy_fine', 'samr_serious', '第九条', '—',
                '杭知执罚决〔2023〕' || g || '号', date '2023-01-01', o.id, o.region_code, 'enterprise',
                '杭州某某有限公司' || g, '91330106MA2CFXX47J', u.id, date '2023-01-02', date '2026-01-01', now()
           FROM generate_series(1, 5) g, offices o, users u WHERE o.short_name = '杭知执' AND u.username = 'admin'
         RETURNING id::text`,
        )
      ).map((r) => r.id as string);
      const jobs = await runJobs(QueueName.Credit, JobName.CreditSweep, 6);
      const expired = jobs.reduce((sum, j) => sum + (j.returnvalue as { expired: number }).expired, 0);
      expect(expired).toBe(listings.length);
      const feed = await mp.db.sql(
        `SELECT listing_id::text, change, reason FROM credit_feed WHERE listing_id = ANY($1) ORDER BY 1`,
        [listings],
      );
      expect(feed).toEqual(
        [...listings].sort().map((id) => ({ listing_id: id, change: 'removed', reason: 'expired' })),
      );
      const states = await mp.db.sql(`SELECT DISTINCT state FROM credit_listings WHERE id = ANY($1)`, [
        listings,
      ]);
      expect(states).toEqual([{ state: 'expired' }]);
    },
  );

  itWithLogs(
    'projects the statistics with both workers draining one change log to what a rebuild from source gives',
    async () => {
      // Churn: four connections move received dates of the test's cases back three days at a time (crossing a month,
      // so summary cells lose and gain) and touch complaints, in many small transactions — each wave logging a few
      // thousand changes, many of one entity — while projection jobs are added for both workers to take at once.
      const complaintIds = (await mp.db.sql(`SELECT id::text FROM complaints ORDER BY id`)).map(
        (r) => r.id as string,
      );
      // Whether two projection jobs ran at the same time is up to the scheduler: churn again (up to 4 times) until
      // they did, else this test would prove nothing about two workers.
      const projections: Job[] = [];
      let overlapped = false;
      for (let attempt = 0; attempt < 4 && !overlapped; attempt++) {
        const clients = await Promise.all(
          Array.from({ length: 4 }, async () => {
            const c = new Client({ connectionString: mp.db.url });
            await c.connect();
            return c;
          }),
        );
        projections.length = 0;
        try {
          for (let wave = 0; wave < 4; wave++) {
            await Promise.all([
              ...Array.from({ length: 4 }, async () =>
                projections.push(await queue(QueueName.Stats).add(JobName.StatsProject, {})),
              ),
              ...clients.map(async (c, k) => {
                // Disjoint between the connections (no row-lock deadlock among them), overlapping between rounds.
                const mine = <T>(list: T[]) => list.filter((_, i) => i % clients.length === k);
                for (let r = 0; r < 6; r++) {
                  const cases = mine(caseIds).filter((_, i) => (i + r + wave) % 2 === 0);
                  await c.query(`UPDATE cases SET received_on = received_on - 3 WHERE id = ANY($1)`, [cases]);
                  await c.query(`UPDATE complaints SET received_on = received_on WHERE id = ANY($1)`, [
                    mine(complaintIds),
                  ]);
                }
              }),
            ]);
          }
        } finally {
          await Promise.all(clients.map((c) => c.end()));
        }
        await waitFor(
          async () => {
            const [{ n }] = await mp.db.sql(`SELECT count(*)::int AS n FROM stats_changes`);
            const active = await queue(QueueName.Stats).getActiveCount();
            return n === 0 && active === 0;
          },
          'the change log to be drained',
          120_000,
        );

        // The two workers did drain at the same time (a worker takes one job at a time, so overlapping jobs ran on
        // both), each projecting changes — else this test would prove nothing about two workers.
        const ran = (await Promise.all(projections.map((j) => Job.fromId(queue(QueueName.Stats), j.id!))))
          .filter((j): j is Job => !!j && ((j.returnvalue as { changes?: number } | null)?.changes ?? 0) > 0)
          .map((j) => ({ from: j.processedOn!, to: j.finishedOn! }));
        overlapped = ran.some((a, i) => ran.slice(i + 1).some((b) => a.from < b.to && b.from < a.to));
      }
      expect(overlapped).toBe(true);

      // The nightly reconciliation, run now on a worker: facts against source, cells against facts.
      const [job] = await runJobs(QueueName.Stats, JobName.StatsReconcile, 1);
      const report = job.returnvalue as ReconcileReport;
      expect(report.factsChecked).toBeGreaterThan(600);
      expect(report.cellsChecked).toBeGreaterThan(0);
      expect({ facts: report.factsDrifted, cells: report.cellsDrifted, sample: report.sample }).toEqual({
        facts: 0,
        cells: 0,
        sample: [],
      });

      // And independently of the reconciler: a rebuild from source (rolled back) gives the same facts and cells.
      const c = new Client({ connectionString: mp.db.url });
      await c.connect();
      try {
        await c.query('BEGIN');
        const tables = [...Object.values(FACT_TABLES).map((f) => f.table), ...ROLLUPS.map((r) => r.table)];
        for (const t of tables)
          await c.query(`CREATE TEMP TABLE projected_${t} ON COMMIT DROP AS SELECT * FROM ${t}`);
        await rebuildStatistics(c);
        const zero = `(${STATS_COUNTER_CODES.map((k) => `${k} = 0`).join(' AND ')}
                     AND 0 = ALL (handling_hist) AND 0 = ALL (fine_hist))`;
        const differences: Record<string, number> = {};
        for (const t of tables) {
          const rollup = ROLLUPS.some((r) => r.table === t);
          const projected = `SELECT * FROM projected_${t}${rollup ? ` WHERE NOT ${zero}` : ''}`;
          const rebuilt = `SELECT * FROM ${t}${rollup ? ` WHERE NOT ${zero}` : ''}`;
          const { rows } = await c.query(
            `SELECT (SELECT count(*) FROM (${projected} EXCEPT ALL ${rebuilt}) a)::int
                + (SELECT count(*) FROM (${rebuilt} EXCEPT ALL ${projected}) b)::int AS n`,
          );
          differences[t] = rows[0].n as number;
        }
        expect(differences).toEqual(Object.fromEntries(tables.map((t) => [t, 0])));
      } finally {
        await c.query('ROLLBACK').catch(() => undefined);
        await c.end();
      }
    },
  );
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
