import { shanghaiDate } from '@app/domain';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { createTestApp, type TestApp } from '../../support/test-app';
import { describeRequest, requestArb, type HostileRequest } from './hostile-requests';
import { deepJson, type KnownValues } from './hostile-values';
import { operationsOf, type OpenApiDocument, type Operation } from './openapi';
import { WriteProbe } from './write-probe';

/**
 * Hostile input (issue 9): requests generated with fast-check from the OpenAPI document against every operation —
 * wrong types, missing and extra fields, huge strings, deep JSON, unicode edge cases, SQL and script fragments,
 * path traversal, prototype-pollution keys, odd multipart parts. Every answer must be below 500, every 4xx a
 * problem+json with a title and detail, and a rejected request must leave the database exactly as it was.
 *
 * Deterministic: a fixed seed (FC_SEED overrides it) and FC_RUNS requests per operation.
 */
const SEED = Number(process.env.FC_SEED ?? 20_261_207);
const RUNS = Number(process.env.FC_RUNS ?? 24);

const NOW = '@now';
const SIGNATURE = '@signature';

/** Operations not fuzzed here, and why. */
const SKIPPED: Record<string, string> = {
  // A server-sent event stream never ends; test/e2e/inbox-stream.e2e-spec.ts covers it.
  'GET /api/v1/inbox/stream': 'an endless event stream',
};

/**
 * Rejections that write on purpose: the request fails, but remembering that it failed is the point. Any other
 * table written by a rejected request is a defect.
 */
const WRITES_ON_REJECTION: { key: string; statuses: number[]; tables: string[]; why: string }[] = [
  {
    key: 'POST /api/v1/auth/login',
    statuses: [401, 423],
    tables: ['users', 'audit_events', 'audit_stream_heads'],
    why: 'a wrong password for an existing account is counted (five lock it for 15 minutes) and audited',
  },
  {
    key: 'POST /api/v1/auth/refresh',
    statuses: [401],
    tables: ['refresh_tokens', 'audit_events', 'audit_stream_heads'],
    why: 'a refresh token presented a second time revokes its whole family (it was stolen or replayed) and is audited',
  },
];

/** Who is signed in for an operation, from its entry in route-permissions.json. */
const USER_OF_ROLE: Record<string, string> = {
  admin: 'admin',
  officer: 'officer.zj',
  supervisor: 'supervisor.zj',
  operator: 'operator.zj',
};
const PERMISSIONS = JSON.parse(readFileSync(join(__dirname, '../route-permissions.json'), 'utf8')) as Record<
  string,
  string
>;
function usersFor(op: Operation): (string | null)[] {
  const rule = PERMISSIONS[op.key];
  if (!rule || rule === 'any signed-in user') return Object.values(USER_OF_ROLE);
  if (rule === 'public') return [null, 'officer.zj'];
  return rule.split(',').map((r) => USER_OF_ROLE[r.trim()]);
}

/** A stable per-operation seed, so adding an operation does not change what the others are sent. */
function seedOf(key: string): number {
  let h = SEED | 0;
  for (const ch of key) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

interface Failure {
  operation: string;
  request: string;
  status: number;
  problem: string;
  body: string;
}

describe('hostile input (e2e)', () => {
  let t: TestApp;
  let probe: WriteProbe;
  let doc: OpenApiDocument;
  const tokens = new Map<string, string>();
  const known: KnownValues = {};
  const known404: Record<string, KnownValues> = {};
  /** Bodies these operations accept; mutations of them carry hostile values past the DTO into the services. */
  const goodBodies: Record<string, object> = {};

  let partnerSecret = '';
  const as = (user: string) => ({ authorization: `Bearer ${tokens.get(user)}` });

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_COMPLAINT_RATE_PER_MINUTE: '100000', EVIDENCE_MAX_BYTES: '4096' });
    for (const u of Object.values(USER_OF_ROLE)) tokens.set(u, (await t.login(u)).token);
    doc = (await t.http().get('/api/docs-json').expect(200)).body as OpenApiDocument;

    // Fixtures, so generated requests also reach the services behind the 404s: a case with a party, a right and
    // evidence, a complaint, and a user and an office of their own to change (the demo accounts must keep working).
    const ids = Object.fromEntries(
      (await t.db.sql(`SELECT username, id::text AS id FROM users`)).map((r) => [r.username, r.id]),
    ) as Record<string, string>;
    const hz = String(
      (await t.db.sql(`SELECT id::text AS id FROM offices WHERE name LIKE '杭州市市场监督管理局%'`))[0].id,
    );
    const caseBody = {
      title: '关于杭州某某贸易有限公司涉嫌侵犯“西湖龙井”注册商标专用权案',
      ipType: 'trademark',
      procedure: 'penalty_trademark',
      source: 'ex_officio',
      regionCode: '330106',
      officerIds: [ids['officer.zj'], ids['officer2.zj']],
      parties: [
        { role: 'respondent', kind: 'enterprise', name: '杭州某某贸易有限公司', uscc: '91330106MA2CFXX47J' },
      ],
      rights: [{ number: '1234567', title: '西湖龙井', holder: '杭州西湖龙井茶协会' }],
    };
    const created = await t.http().post('/api/v1/cases').set(as('officer.zj')).send(caseBody).expect(201);
    const caseId = created.body.id as string;
    const evidence = await t
      .http()
      .post(`/api/v1/cases/${caseId}/evidence`)
      .set(as('officer.zj'))
      .field('kind', 'photo')
      .field('title', '现场照片')
      .field('collectedBy', '李执法')
      .field('collectedAt', '2026-11-20T09:30:00+08:00')
      .attach('file', Buffer.from('%PDF-1.4'), 'a.pdf')
      .expect(201);
    const publicComplaint = {
      category: 'complaint',
      complainantName: '张三',
      complainantPhone: '13800138000',
      respondentName: '杭州某某贸易有限公司',
      ipType: 'trademark',
      regionCode: '330106',
      description: '在西湖区某茶叶店发现假冒“西湖龙井”商标的茶叶',
    };
    const complaintBody = { ...publicComplaint, channel: 'phone' };
    const complaint = await t
      .http()
      .post('/api/v1/complaints')
      .set(as('operator.zj'))
      .send(complaintBody)
      .expect(201);
    const officeBody = {
      name: '模糊测试市场监督管理局',
      shortName: '模测',
      regionCode: '330100',
      competences: ['trademark'],
    };
    const office = await t.http().post('/api/v1/offices').set(as('admin')).send(officeBody).expect(201);
    const user = await t
      .http()
      .post('/api/v1/users')
      .set(as('admin'))
      .send({
        username: 'fuzz.target',
        displayName: '模糊测试',
        password: 'Fuzz@2026x',
        roles: ['officer'],
        officeId: office.body.id,
      })
      .expect(201);
    const session = await t.login('fuzz.target', 'Fuzz@2026x');
    // A partner system, so its signed inbound referrals get past the signature check to the body's validation.
    const partner = await t
      .http()
      .post('/api/v1/partners')
      .set(as('admin'))
      .send({ name: '模糊测试对接系统', officeId: hz })
      .expect(201);
    partnerSecret = partner.body.secret as string;

    Object.assign(known, {
      caseId: [caseId],
      complaintId: [complaint.body.id],
      leadId: [complaint.body.id],
      partyId: created.body.parties.map((p: { id: string }) => p.id),
      rightId: created.body.rights.map((r: { id: string }) => r.id),
      evidenceId: [evidence.body.id],
      officerIds: [ids['officer.zj'], ids['officer2.zj']],
      officerId: [ids['officer.zj']],
      teamUserIds: [ids['officer.zj']],
      userId: [ids['officer.zj']],
      officeId: [hz],
      toOfficeId: [hz],
      toOfficeIds: [hz],
      designatedOfficeId: [hz],
      regionCode: ['330106', '330100', '330000', '320100'],
      region: ['330000', '330100'],
      parent: ['330000'],
      within: ['330000'],
      code: ['330106'],
      procedure: ['penalty_trademark', 'patent_adjudication'],
      action: [
        'file',
        'not_file',
        'close',
        'pause',
        'resume',
        'decide',
        'accept',
        'refuse',
        'withdraw',
        'approve',
      ],
      trackingNo: [complaint.body.trackingNo],
      date: ['2027-01-04', '2027-01-09'],
      year: ['2027'],
      // Sign-in is fuzzed against an account of its own: failures lock the account they name.
      username: ['fuzz.target', 'FUZZ.TARGET ', 'nobody'],
      refreshToken: [session.body.refreshToken as string],
      'idempotency-key': ['hostile-key-0001'],
      partnerId: [partner.body.id],
      // Filled in when sent: the current time, and the body's signature with the partner's secret.
      'x-ipe-timestamp': [NOW],
      'x-ipe-signature': [SIGNATURE],
    });
    Object.assign(goodBodies, {
      'POST /api/v1/cases': caseBody,
      'PATCH /api/v1/cases/:id': { version: 1, title: '新标题', summary: '摘要' },
      'POST /api/v1/cases/:id/notes': { body: '电话联系当事人' },
      'POST /api/v1/cases/:id/parties': { role: 'third_party', kind: 'individual', name: '李四', version: 1 },
      'POST /api/v1/cases/:id/rights': { number: '7654321', title: '龙井', holder: '协会', version: 1 },
      'POST /api/v1/complaints': complaintBody,
      'POST /api/v1/public/complaints': publicComplaint,
      'POST /api/v1/complaints/:id/callback': { version: 1, reached: true, satisfaction: 5, comment: '满意' },
      'POST /api/v1/complaints/:id/convert': { version: 1, procedure: 'penalty_trademark', title: '立案' },
      'POST /api/v1/complaints/:id/referrals': {
        kind: 'assistance',
        toOfficeId: hz,
        reason: '协助',
        request: '调查',
      },
      'POST /api/v1/cases/:id/referrals': {
        kind: 'assistance',
        toOfficeId: hz,
        reason: '协助',
        request: '调查',
      },
      'POST /api/v1/cases/:id/supervision': { reason: '督办', reportEveryDays: 7 },
      'POST /api/v1/offices': officeBody,
      'POST /api/v1/cases/:id/evidence': {
        kind: 'photo',
        title: '现场照片',
        description: '门店货架',
        collectedBy: '李执法',
        collectedAt: '2026-11-20T09:30:00+08:00',
        collectedPlace: '西湖区',
      },
      'POST /api/v1/complaints/import': { sourceSystem: 'zj12345', dryRun: 'true' },
      'POST /api/v1/credit/listings/:id/attachments': { kind: 'statement' },
      'PATCH /api/v1/offices/:id': { version: 1, name: '模糊测试局' },
      'PATCH /api/v1/users/:id': { version: 1, displayName: '模糊' },
      'POST /api/v1/identifiers/validate': { kind: 'uscc', value: '91330106MA2CFXX47J' },
      'POST /api/v1/partners': { name: '外省系统', officeId: hz },
      'POST /api/v1/public/partners/:partnerId/referrals': {
        externalId: 'EXT-0001',
        kind: 'assistance',
        toOfficeId: hz,
        reason: '协助调查',
        request: '请协助核查当事人',
        case: { title: '外省商标侵权案', ipType: 'trademark', regionCode: '330106' },
      },
      'POST /api/v1/webhooks': {
        name: '平台',
        url: 'https://partner.example.cn/hook',
        topics: ['deadline.overdue'],
      },
      'POST /api/v1/credit/listings': {
        ground: 'heavy_fine',
        legalBasis: '《严重违法失信名单管理办法》',
        facts: '事实',
        subjectKind: 'enterprise',
        subjectName: '杭州某某贸易有限公司',
        subjectUscc: '91330106MA2CFXX47J',
      },
    });
    // `:id` means a different thing under each path.
    const idUnder = (prefix: string, id: string) => (known404[prefix] = { id: [id] });
    idUnder('/api/v1/cases/', caseId);
    idUnder('/api/v1/complaints/', complaint.body.id);
    idUnder('/api/v1/users/', user.body.id);
    idUnder('/api/v1/offices/', office.body.id);

    // Nothing else writes to this database: the API runs no background writers and no worker is started.
    probe = await WriteProbe.install(t.db);
  }, 120_000);
  afterAll(() => t?.close());

  const send = async (r: HostileRequest): Promise<Response> => {
    const method = r.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const req = t.http()[method](r.url);
    if (r.user) req.set('authorization', `Bearer ${tokens.get(r.user)}`);
    const now = String(Math.floor(Date.now() / 1000));
    const timestamp = r.headers['x-ipe-timestamp'] === NOW ? now : (r.headers['x-ipe-timestamp'] ?? '');
    const signature = () =>
      'sha256=' +
      createHmac('sha256', partnerSecret)
        .update(`${timestamp}.`)
        .update(r.body?.type === 'json' ? r.body.text : '')
        .digest('hex');
    for (const [k, v] of Object.entries(r.headers))
      req.set(k, v === NOW ? now : v === SIGNATURE ? signature() : v);
    if (r.body?.type === 'json') return req.set('content-type', 'application/json').send(r.body.text);
    if (r.body?.type === 'multipart')
      return req.set('content-type', `multipart/form-data; boundary=${r.body.boundary}`).send(r.body.raw);
    return req;
  };

  /** What is wrong with the answer to a request, or null. */
  const judge = (op: Operation, res: Response, writes: Record<string, number>): string | null => {
    if (res.status >= 500) return 'server error';
    if (res.status < 400) return null;
    const problems: string[] = [];
    if (!/^application\/problem\+json/.test(String(res.headers['content-type'])))
      problems.push(`content-type ${res.headers['content-type']}`);
    const body = res.body as { title?: unknown; detail?: unknown };
    if (typeof body?.title !== 'string' || !body.title) problems.push('no title');
    if (typeof body?.detail !== 'string') problems.push('no detail');
    const tables = Object.keys(writes).map((w) => w.split(':')[0]);
    if (tables.length) {
      const allowed = WRITES_ON_REJECTION.find((e) => e.key === op.key && e.statuses.includes(res.status));
      const unexpected = Object.entries(writes).filter(([w]) => !allowed?.tables.includes(w.split(':')[0]));
      if (unexpected.length)
        problems.push(`wrote on rejection: ${JSON.stringify(Object.fromEntries(unexpected))}`);
    }
    return problems.length ? problems.join('; ') : null;
  };

  it('sees what a request commits (the write probe works)', async () => {
    await t
      .http()
      .post('/api/v1/cases/' + known.caseId[0] + '/notes')
      .set(as('officer.zj'))
      .send({ body: '探针' })
      .expect(201);
    expect(await probe.drain()).toEqual(expect.objectContaining({ 'case_notes:INSERT': 1 }));
    expect(await probe.drain()).toEqual({});
  });

  it('answers a JSON body nested 10,000 deep (within the 1 MB limit) with 400, not 500', async () => {
    for (const [url, user] of [
      ['/api/v1/complaints', 'operator.zj'],
      ['/api/v1/identifiers/validate', 'officer.zj'],
    ] as const) {
      for (const text of [
        deepJson(),
        `{"description":${deepJson()}}`,
        '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
      ]) {
        const res = await t.http().post(url).set(as(user)).set('content-type', 'application/json').send(text);
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
    expect(await probe.drain()).toEqual({});
  });

  it('refuses U+0000 and lone surrogates in JSON text, query strings and upload fields with 400', async () => {
    const caseId = known.caseId[0];
    // A case under supervision: ending it records the reason in jsonb (audit, outbox), which refused "\udfff".
    await t
      .http()
      .post(`/api/v1/cases/${caseId}/supervision`)
      .set(as('supervisor.zj'))
      .send({ reason: '督办', reportEveryDays: 7 })
      .expect(201);
    await probe.drain();
    const answers = [
      await t
        .http()
        .post(`/api/v1/cases/${caseId}/supervision/end`)
        .set(as('supervisor.zj'))
        .send({ reason: 'a\udfffb' }),
      await t
        .http()
        .post('/api/v1/complaints')
        .set(as('operator.zj'))
        .send({ ...goodBodies['POST /api/v1/complaints'], description: '\ud800' }),
      await t.http().post(`/api/v1/cases/${caseId}/notes`).set(as('officer.zj')).send({ body: 'a\u0000b' }),
      await t
        .http()
        .post('/api/v1/complaints')
        .set(as('operator.zj'))
        .send({ ...goodBodies['POST /api/v1/complaints'], complainantName: '张\u0000三' }),
      await t.http().get('/api/v1/cases?q=a%00b').set(as('officer.zj')),
      await t.http().get('/api/v1/users?q=%00').set(as('admin')),
      await t.http().get('/api/v1/audit-events?action=%00').set(as('admin')),
      await t.http().get('/api/v1/complaints/duplicates?respondentName=%00').set(as('officer.zj')),
      await t
        .http()
        .post(`/api/v1/cases/${caseId}/evidence`)
        .set(as('officer.zj'))
        .field('kind', 'photo')
        .field('title', '现场\u0000照片')
        .field('collectedBy', '李执法')
        .field('collectedAt', '2026-11-20T09:30:00+08:00')
        .attach('file', Buffer.from('%PDF-1.4'), 'a.pdf'),
    ];
    expect(answers.map((r) => [r.status, r.body.code])).toEqual(
      answers.map(() => [400, 'VALIDATION_FAILED']),
    );
    expect(await probe.drain()).toEqual({});
  });

  it('refuses a sign-in whose username or password is not text with 400 (the guard runs before the DTO)', async () => {
    for (const body of [
      { username: 42, password: 'x' },
      { username: ['admin'], password: 'x' },
      { username: 'admin', password: { $ne: '' } },
      { username: 'a\u0000', password: 'x' },
    ]) {
      const res = await t.http().post('/api/v1/auth/login').send(body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect(await probe.drain()).toEqual({});
  });

  it('answers URLs Fastify or Node refuse before routing with problem+json', async () => {
    const answers = [
      await t.http().get('/api/v1/regions/%ED%A0%80').set(as('admin')), // invalid UTF-8: 400
      await t
        .http()
        .get(`/api/v1/cases/${'a'.repeat(200)}`)
        .set(as('officer.zj')), // parameter over 100 characters: 414
      await t
        .http()
        .get(`/api/v1/cases?q=${'a'.repeat(20_000)}`)
        .set(as('officer.zj')), // headers over 16 KB: 431
    ];
    expect(answers.map((r) => r.status)).toEqual([400, 414, 431]);
    expect(answers.map((r) => r.body.code)).toEqual(['URL_INVALID', 'URL_INVALID', 'HEADERS_TOO_LARGE']);
    for (const r of answers) {
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.body).toMatchObject({
        status: r.status,
        title: expect.any(String),
        detail: expect.any(String),
      });
    }
  });

  it('refuses a credit-listing attachment over the size limit with 413, writing nothing', async () => {
    // (Evidence and complaint imports over their limits: evidence.e2e-spec.ts and complaint-import.e2e-spec.ts.)
    const listing = await t
      .http()
      .post('/api/v1/credit/listings')
      .set(as('officer.zj'))
      .send({
        ground: 'refusing_execution',
        legalBasis: '《专利纠纷行政裁决和调解办法》第三十四条',
        facts: '当事人有履行能力但拒不履行行政裁决。',
        decisionNo: '杭知执裁〔2026〕7号',
        decisionDate: '2026-10-10',
        subjectKind: 'enterprise',
        subjectName: '杭州某某贸易有限公司',
        subjectUscc: '91330106MA2CFXX47J',
      })
      .expect(201);
    const served = await t
      .http()
      .post(`/api/v1/credit/listings/${listing.body.id}/actions/notify`)
      .set(as('officer.zj'))
      .send({ version: listing.body.version, servedOn: shanghaiDate(new Date()), noticeMethod: 'electronic' })
      .expect(200);
    expect(served.body.version).toBeGreaterThan(listing.body.version);
    await probe.drain();
    const attach = (content: Buffer) =>
      t
        .http()
        .post(`/api/v1/credit/listings/${listing.body.id}/attachments`)
        .set(as('officer.zj'))
        .field('kind', 'statement')
        .attach('file', content, '申辩书.pdf');
    const big = await attach(Buffer.alloc(5000, 0x41)); // EVIDENCE_MAX_BYTES is 4096 here
    expect([big.status, big.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await probe.drain()).toEqual({});
    // The same upload within the limit is taken: the 413 was the size, nothing else.
    await attach(Buffer.from('%PDF-1.4 statement')).expect(201);
    expect(await probe.drain()).toEqual(expect.objectContaining({ 'credit_attachments:INSERT': 1 }));
  });

  it('refuses repeated keys and arrays where a query parameter is a single value, with 400', async () => {
    for (const url of [
      '/api/v1/cases?page=1&page=2',
      '/api/v1/cases?q=a&q=b',
      '/api/v1/cases?ipType=trademark&ipType=patent_design',
      '/api/v1/complaints?trackingNo[]=x',
      '/api/v1/users?role=admin&role=officer',
      '/api/v1/calendar/working-days?from=2027-01-04&from=2027-01-05&days=3',
      '/api/v1/cases/assignable-officers?officeId=a&officeId=b',
    ]) {
      const res = await t
        .http()
        .get(url)
        .set(as(url.startsWith('/api/v1/users') ? 'admin' : 'officer.zj'));
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('never answers 5xx, always answers 4xx with problem+json, and writes nothing on rejection', async () => {
    const failures: Failure[] = [];
    const statuses: Record<string, number> = {};
    /** Rejections that wrote (allowed or not), by operation and status: shows which exceptions were exercised. */
    const allowedWrites: Record<string, number> = {};
    const operations = operationsOf(doc).filter((op) => !SKIPPED[op.key]);
    expect(operations.length).toBeGreaterThan(100);
    // Printed so a failing run can be repeated exactly.
    process.stdout.write(`hostile input: FC_SEED=${SEED} FC_RUNS=${RUNS}, ${operations.length} operations\n`);
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    await probe.drain(); // whatever the tests before wrote
    for (const op of operations) {
      const prefix = Object.keys(known404).find(
        (p) => op.path.startsWith(p) && op.path.slice(p.length).startsWith('{id}'),
      );
      const values = { ...known, ...(prefix ? known404[prefix] : {}) };
      const arb = requestArb(doc, op, usersFor(op), values, goodBodies[op.key]);
      const requests = fc.sample(arb, { seed: seedOf(op.key), numRuns: RUNS });
      for (const r of requests) {
        let res: Response;
        try {
          res = await send(r);
        } catch (e) {
          failures.push({
            operation: op.key,
            request: describeRequest(r),
            status: 0,
            problem: String(e),
            body: '',
          });
          continue;
        }
        const writes = await probe.drain();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 400 && Object.keys(writes).length)
          allowedWrites[`${op.key} ${res.status}`] = (allowedWrites[`${op.key} ${res.status}`] ?? 0) + 1;
        const problem = judge(op, res, writes);
        if (problem)
          failures.push({
            operation: op.key,
            request: describeRequest(r),
            status: res.status,
            problem,
            body: res.text.slice(0, 400),
          });
      }
    }
    process.stdout.write(
      `hostile input: answers by status ${JSON.stringify(statuses)}; ` +
        `rejections that wrote ${JSON.stringify(allowedWrites)}\n`,
    );
    // No request may have changed Object.prototype (or anything else global) in the API process.
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // HOSTILE_REPORT=file.json keeps every failure in full, for working through them.
    if (process.env.HOSTILE_REPORT)
      writeFileSync(process.env.HOSTILE_REPORT, JSON.stringify(failures, null, 1));
    // One line per operation, status and kind of failure, with its first example.
    const groups = new Map<string, Failure[]>();
    for (const f of failures) {
      const key = `${f.operation} → ${f.status} (${f.problem.replace(/: .*/, '')})`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    const report = [...groups].map(
      ([key, [first, ...more]]) =>
        `${key}${more.length ? ` ×${more.length + 1}` : ''}\n    ${first.request}\n    ${first.problem}\n    ${first.body}`,
    );
    expect(report).toEqual([]);
  }, 900_000);
});
