import { signWebhook } from '@app/notifications';
import { shanghaiDate, usccCheckCharacter } from '@app/domain';
import { createTestApp, DEMO_PASSWORD, TestApp } from '../../support/test-app';
import { ACCESS_MATRIX, CALLERS, type Caller, type Cell, type Outcome, type Side } from './access-matrix';

/**
 * The access matrix (issue 9, design.md rule 4): every operation of the live OpenAPI document is sent by every
 * caller — no token, admin, and the 浙江 supervisor, officer and operator — and, where the route names a record or a
 * region, against one of 杭州市西湖区 (`own`: the officer's office), one of 宁波 (`city`: the same province, outside
 * the officer's 杭州) and one of 南京 (`other`: another province). The answer's class is compared with the reviewed
 * table in access-matrix.ts. The test fails on an operation without a line, a line without an operation, an
 * operation without a request recipe here, every observed outcome that differs, and every allowed answer that shows
 * a record of a region outside the caller's — all listed at once.
 *
 * Guards (token, role) run before validation in Nest, but the region scope is decided in the services, after the
 * body is validated: so every request carries a body that passes validation (a 400 fails the test unless the
 * recipe says the route is not region-scoped), and every command carries a stale `version` (999999) — the service
 * checks scope, then refuses the stale version with 409, and nothing changes. Where the version is checked before
 * who may take the step (referral actions) the row gets a fresh referral with its real version; the commands
 * without a version only add things (a note, an evidence file, a referral), and the rows that remove what they name
 * (DELETE a calendar day, discard a dead letter) run after the rest; each webhook DELETE gets its own webhook.
 * `ACCESS_MATRIX_VERBOSE=1` prints every request's status.
 */

const SIDES: readonly Side[] = ['own', 'city', 'other'];
const STALE = 999_999;
/** Which demo account plays each caller (public: no token). */
const ACCOUNT: Record<Exclude<Caller, 'public'>, string> = {
  admin: 'admin',
  supervisor: 'supervisor.zj',
  officer: 'officer.zj',
  operator: 'operator.zj',
};

/** One province's fixtures: a case with party, right, evidence and documents; complaints; a referral; credit. */
interface World {
  /** The open case most routes act on. */
  caseId: string;
  /** A decided case: its generated documents. */
  decidedCaseId: string;
  partyId: string;
  rightId: string;
  evidenceId: string;
  documentId: string;
  complaintId: string;
  duplicateId: string;
  referralId: string;
  listingId: string;
  attachmentId: string;
  publicationId: string;
  officeId: string;
  /** An office of the same province a referral may go to. */
  peerOfficeId: string;
  officerIds: string[];
  userId: string;
  /** The province's officer, who refers its cases. */
  officer: string;
  regionCode: string;
  /** The region filter of statistics: the province (宁波: the city). */
  provinceCode: string;
  /** Written into the fixtures' titles and texts: a response showing it shows this province's data. */
  marker: string;
}

interface Ctx {
  side: Side;
  caller: Caller;
  world: World;
}

/** What to send; `params` fill the route's `:name`s not filled generically. */
interface Req {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  json?: unknown;
  form?: { fields: Record<string, string>; file: { name: string; type: string; content: string } };
  raw?: { body: string; headers: Record<string, string> };
  headers?: Record<string, string>;
}

interface Recipe {
  /** Sent against the own, the other city's and the other province's resource (or region filter). */
  scoped?: boolean;
  /** Run after every other row (it removes what it names). */
  last?: boolean;
  /**
   * A 400 is an allow here: the route is not region-scoped and the role gate runs before validation. Everywhere else
   * a 400 fails the test, as a request that does not validate never reaches the scope check in the service.
   */
  badRequestProvesGate?: boolean;
  build?: (ctx: Ctx) => Req | Promise<Req>;
}

describe('access matrix: every endpoint × caller × own / other city / other province', () => {
  let t: TestApp;
  let base: string;
  const tokens: Partial<Record<Caller, string>> = {};
  const ids: Record<string, string> = {};
  const worlds = {} as Record<Side, World>;
  const inboxOf: Record<string, string> = {};
  let foreignInbox = '';
  let partner: { id: string; secret: string };
  let webhookId = '';
  let deadLetterId = '';
  let trackingNo = '';
  let seq = 0;

  const send = async (
    method: string,
    path: string,
    req: Req & { token?: string },
  ): Promise<{ status: number; body: unknown; text: string }> => {
    const url = new URL(base + path);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, String(v));
    // One connection per request, closed after it: nothing stays open to hold up the app's close.
    const headers: Record<string, string> = { connection: 'close', ...req.headers };
    if (req.token) headers.authorization = `Bearer ${req.token}`;
    let body: NonNullable<Parameters<typeof fetch>[1]>['body'];
    if (req.raw) {
      Object.assign(headers, req.raw.headers);
      body = req.raw.body;
    } else if (req.form) {
      const fd = new FormData();
      for (const [k, v] of Object.entries(req.form.fields)) fd.append(k, v);
      fd.append('file', new Blob([req.form.file.content], { type: req.form.file.type }), req.form.file.name);
      body = fd;
    } else if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 20_000);
    try {
      const res = await fetch(url, { method, headers, body, signal: abort.signal });
      // Read JSON answers (errors carry the problem's code) and CSV exports (searched for leaks); other streams
      // (files, server-sent events) are cut off.
      const type = res.headers.get('content-type') ?? '';
      if (/json/.test(type)) {
        const text = await res.text();
        return { status: res.status, body: parseJson(text), text };
      }
      if (/text\/csv/.test(type)) return { status: res.status, body: null, text: await res.text() };
      abort.abort();
      return { status: res.status, body: null, text: '' };
    } finally {
      clearTimeout(timer);
    }
  };

  const api = async (user: string, method: string, path: string, req: Req = {}, expected?: number) => {
    const res = await send(method, `/api/v1${path}`, { ...req, token: await tokenOf(user) });
    if (expected !== undefined && res.status !== expected) {
      throw new Error(`${user} ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body as Record<string, unknown> & { id: string; version: number };
  };
  const userTokens: Record<string, string> = {};
  const tokenOf = async (user: string) => (userTokens[user] ??= (await t.login(user)).token);

  const uscc = (prefix: string) => {
    const body = `${prefix}${String(100000 + ++seq).slice(1)}`;
    return `${body}${usccCheckCharacter(body)}`;
  };

  /** Builds one province's fixtures through the API, as its own officer, operator and supervisor. */
  const buildWorld = async (p: {
    officer: string;
    officer2: string;
    operator: string;
    supervisor: string;
    office: string;
    peerOffice: string;
    region: string;
    province: string;
    usccPrefix: string;
  }): Promise<World> => {
    const marker = `矩阵标记${p.region}`;
    const officerIds = [ids[p.officer], ids[p.officer2]];
    const penalty = {
      outcome: 'penalty',
      facts: '当事人销售侵犯注册商标专用权的商品。',
      legalBasis: '《中华人民共和国商标法》第六十条第二款',
      fineFen: 5_000_000,
    };
    const newCase = () =>
      api(
        p.officer,
        'POST',
        '/cases',
        {
          json: {
            title: `关于某某贸易有限公司涉嫌侵犯注册商标专用权案（${marker}）`,
            ipType: 'trademark',
            procedure: 'penalty_trademark',
            source: 'ex_officio',
            regionCode: p.region,
            officeId: ids[p.office],
            officerIds,
            parties: [
              { role: 'respondent', kind: 'enterprise', name: '某某贸易有限公司', uscc: uscc(p.usccPrefix) },
              { role: 'claimant', kind: 'individual', name: '张三', idNumber: '11010519491231002X' },
            ],
            rights: [{ number: '1234567', title: '西湖龙井' }],
          },
        },
        201,
      );
    // The decided case: its documents and its decision publication.
    let c = await newCase();
    for (const [action, extra] of [
      ['file', {}],
      ['notify', penalty],
      ['decide', { ...penalty, defenceHeard: true }],
    ] as const) {
      c = await api(
        p.officer,
        'POST',
        `/cases/${c.id}/actions/${action}`,
        { json: { version: c.version, ...extra } },
        200,
      );
    }
    const decided = c as unknown as { id: string; documents: { id: string }[] };
    const [publication] = await t.db.sql(`SELECT id FROM decision_publications WHERE case_id = $1`, [c.id]);
    // The open case everything else happens on.
    c = await newCase();
    c = await api(p.officer, 'POST', `/cases/${c.id}/actions/file`, { json: { version: c.version } }, 200);
    const detail = c as unknown as { parties: { id: string }[]; rights: { id: string }[] };
    const evidence = await api(
      p.officer,
      'POST',
      `/cases/${c.id}/evidence`,
      {
        form: {
          fields: {
            kind: 'photo',
            title: '现场照片',
            collectedBy: '执法人员',
            collectedAt: new Date().toISOString(),
          },
          file: { name: 'photo.jpg', type: 'image/jpeg', content: 'photo bytes' },
        },
      },
      201,
    );
    const referral = await api(
      p.officer,
      'POST',
      `/cases/${c.id}/referrals`,
      {
        json: {
          kind: 'assistance',
          toOfficeId: ids[p.peerOffice],
          reason: '被请求人在外地设有仓库',
          request: '请协助核实仓库的实际经营者及库存情况',
        },
      },
      201,
    );
    await api(p.supervisor, 'POST', `/cases/${c.id}/supervision`, { json: supervise }, 201);
    const complaint = (extra: object = {}) =>
      api(
        p.operator,
        'POST',
        '/complaints',
        {
          json: {
            channel: 'phone',
            category: 'complaint',
            complainantName: '张三',
            complainantPhone: '13800138000',
            respondentName: '某某贸易有限公司',
            ipType: 'trademark',
            rightNumber: '1234567',
            regionCode: p.region,
            officeId: ids[p.office],
            description: `在某茶叶店发现销售假冒注册商标的茶叶（${marker}）。`,
            ...extra,
          },
        },
        201,
      );
    const complaintA = await complaint();
    const complaintB = await complaint({ complainantName: '李四' });
    const listing = await api(
      p.officer,
      'POST',
      '/credit/listings',
      {
        json: {
          ...listingBody(p.region),
          facts: `当事人拒不履行行政裁决（${marker}）。`,
          subjectUscc: uscc(p.usccPrefix),
        },
      },
      201,
    );
    // Notified: the defence window is open, so the subject's statement papers can be attached.
    await api(
      p.officer,
      'POST',
      `/credit/listings/${listing.id}/actions/notify`,
      { json: { version: listing.version, servedOn: shanghaiDate(new Date()), noticeMethod: 'mail' } },
      200,
    );
    const attachment = await api(
      p.officer,
      'POST',
      `/credit/listings/${listing.id}/attachments`,
      { form: statementFile },
      201,
    );
    return {
      caseId: c.id,
      partyId: detail.parties[0].id,
      rightId: detail.rights[0].id,
      evidenceId: evidence.id,
      documentId: decided.documents[0].id,
      complaintId: complaintA.id,
      duplicateId: complaintB.id,
      referralId: referral.id,
      listingId: listing.id,
      attachmentId: attachment.id,
      publicationId: publication.id as string,
      officeId: ids[p.office],
      peerOfficeId: ids[p.peerOffice],
      officerIds,
      userId: ids[p.officer2],
      officer: p.officer,
      regionCode: p.region,
      provinceCode: p.province,
      marker,
      decidedCaseId: decided.id,
    };
  };

  const supervise = { reason: '涉案金额较大，挂牌督办', reportEveryDays: 15 };
  const statementFile = {
    fields: { kind: 'statement' },
    file: { name: 'statement.pdf', type: 'application/pdf', content: '%PDF-1.4 statement' },
  };
  const listingBody = (regionCode: string) => ({
    ground: 'refusing_execution',
    legalBasis: '《专利纠纷行政裁决和调解办法》第三十四条',
    facts: '当事人有履行能力而拒不履行专利侵权纠纷行政裁决。',
    decisionNo: `知执裁〔2026〕${++seq}号`,
    decisionDate: '2026-09-15',
    subjectKind: 'enterprise',
    subjectName: `某某科技有限公司${seq}`,
    regionCode,
  });

  /** How to call each operation: bodies that pass validation, so the scope check is really reached. */
  const RECIPES: Record<string, Recipe> = {
    'GET /health': {},
    'POST /api/v1/auth/login': {
      build: () => ({ json: { username: 'officer3.zj', password: DEMO_PASSWORD } }),
    },
    'POST /api/v1/auth/refresh': {
      build: async () => ({ json: { refreshToken: (await t.login('officer3.zj')).body.refreshToken } }),
    },
    'POST /api/v1/auth/logout': {
      build: async () => ({ json: { refreshToken: (await t.login('officer3.zj')).body.refreshToken } }),
    },
    'GET /api/v1/auth/me': {},
    'POST /api/v1/public/complaints': {
      build: () => ({
        headers: { 'idempotency-key': `matrix-complaint-${++seq}` },
        json: {
          category: 'report',
          complainantName: '王五',
          complainantPhone: '13700137000',
          regionCode: '330106',
          respondentName: '某某日用品商行',
          ipType: 'trademark',
          description: '某商行批发假冒知名品牌的洗发水。',
        },
      }),
    },
    'GET /api/v1/public/complaints/:trackingNo': {
      build: () => ({ params: { trackingNo }, query: { phoneLast4: '8000' } }),
    },
    'GET /api/v1/public/credit-listings': {},
    'GET /api/v1/public/credit-listings/feed': {},
    'GET /api/v1/public/decisions': {},
    'GET /api/v1/public/regions': {},
    'POST /api/v1/public/partners/:partnerId/referrals': {
      build: () => {
        const body = JSON.stringify({
          externalId: `SH-${++seq}`,
          kind: 'assistance',
          toOfficeId: ids['南京市市场监督管理局（南京市知识产权局）'],
          reason: '被请求人在南京设有仓库',
          request: '请协助核实南京仓库库存',
          case: { title: '上海某某公司侵犯注册商标专用权案', ipType: 'trademark' },
        });
        const ts = Math.floor(Date.now() / 1000);
        return {
          params: { partnerId: partner.id },
          raw: {
            body,
            headers: {
              'content-type': 'application/json',
              'x-ipe-timestamp': String(ts),
              'x-ipe-signature': signWebhook(partner.secret, ts, body),
              'idempotency-key': `matrix-${seq}`,
            },
          },
        };
      },
    },

    'GET /api/v1/regions': {},
    'GET /api/v1/regions/:code': { build: () => ({ params: { code: '330100' } }) },
    'GET /api/v1/offices': {},
    'GET /api/v1/offices/:id': { build: ({ world }) => ({ params: { id: world.officeId } }) },
    'POST /api/v1/offices': {
      build: () => ({
        json: {
          name: `访问矩阵测试局${++seq}`,
          shortName: `矩${seq}`,
          regionCode: '330106',
          competences: ['trademark'],
        },
      }),
    },
    'PATCH /api/v1/offices/:id': {
      build: ({ world }) => ({ params: { id: world.officeId }, json: { version: STALE, active: true } }),
    },
    'GET /api/v1/calendar/days': { build: () => ({ query: { year: 2026 } }) },
    'GET /api/v1/calendar/working-days': { build: () => ({ query: { from: '2026-03-02', days: 5 } }) },
    'PUT /api/v1/calendar/days/:date': {
      build: () => ({ params: { date: '2031-03-03' }, json: { kind: 'holiday', name: '访问矩阵' } }),
    },
    'DELETE /api/v1/calendar/days/:date': { last: true, build: () => ({ params: { date: '2031-03-03' } }) },
    'POST /api/v1/calendar/years/:year/covered': {
      build: () => ({ params: { year: '2031' }, json: { note: '访问矩阵' } }),
    },
    'POST /api/v1/identifiers/validate': {
      build: () => ({ json: { kind: 'uscc', value: '91330106MA2CFXX47J' } }),
    },
    'GET /api/v1/workflows': {},
    'GET /api/v1/workflows/:procedure': { build: () => ({ params: { procedure: 'penalty_trademark' } }) },

    'GET /api/v1/users': {},
    'GET /api/v1/users/:id': { scoped: true, build: ({ world }) => ({ params: { id: world.userId } }) },
    'POST /api/v1/users': {
      build: ({ world }) => ({
        json: {
          username: `matrix.${++seq}`,
          displayName: '访问矩阵',
          password: 'Matrix@2026-long',
          roles: ['officer'],
          officeId: world.officeId,
        },
      }),
    },
    'PATCH /api/v1/users/:id': {
      scoped: true,
      build: ({ world }) => ({
        params: { id: world.userId },
        json: { version: STALE, displayName: '周办案' },
      }),
    },
    'POST /api/v1/users/:id/unlock': {
      scoped: true,
      build: ({ world }) => ({ params: { id: world.userId } }),
    },

    'GET /api/v1/complaints': {},
    'POST /api/v1/complaints': {
      build: () => ({
        json: {
          channel: 'phone',
          category: 'consultation',
          anonymous: true,
          description: '请问外观设计专利被侵权应当向哪个部门投诉？',
        },
      }),
    },
    'GET /api/v1/complaints/catalog': {},
    'GET /api/v1/complaints/duplicates': { build: () => ({ query: { phone: '13800138000' } }) },
    'GET /api/v1/complaints/suggested-office': {
      build: () => ({ query: { ipType: 'trademark', regionCode: '330106' } }),
    },
    'GET /api/v1/complaints/import/template': {},
    // Not region-scoped: the role gate runs before the file is read, so an empty import's 400 proves it passed.
    'POST /api/v1/complaints/import': {
      badRequestProvesGate: true,
      build: () => ({
        form: {
          fields: { sourceSystem: 'matrix' },
          file: { name: 'empty.csv', type: 'text/csv', content: '' },
        },
      }),
    },
    'GET /api/v1/complaints/:id': complaint(),
    'GET /api/v1/complaints/:id/personal-data': complaint(),
    'POST /api/v1/complaints/:id/actions/:action': complaint(() => ({
      params: { action: 'accept' },
      json: { version: STALE },
    })),
    'POST /api/v1/complaints/:id/callback': complaint(() => ({ json: { version: STALE, reached: true } })),
    'POST /api/v1/complaints/:id/notice': complaint(() => ({ json: { version: STALE, channel: 'phone' } })),
    'POST /api/v1/complaints/:id/merge': complaint(({ world }) => ({
      json: {
        version: STALE,
        reason: '同一来电重复登记',
        duplicates: [{ id: world.duplicateId, version: STALE }],
      },
    })),
    'POST /api/v1/complaints/:id/convert': complaint(() => ({
      json: { version: STALE, procedure: 'penalty_trademark' },
    })),
    'GET /api/v1/complaints/:id/referrals': complaint(),
    'GET /api/v1/complaints/:id/referrals/suggestions': complaint(),
    'POST /api/v1/complaints/:id/referrals': complaint(({ world }) => ({
      json: {
        kind: 'jurisdiction',
        toOfficeId: world.peerOfficeId,
        reason: '被投诉人住所地在外地',
        legalBasis: '《市场监督管理投诉举报处理暂行办法》第十二条',
      },
    })),

    // The region filter: the case's district (inside officer.zj's 杭州) or 南京's.
    'GET /api/v1/cases': {
      scoped: true,
      build: ({ world }) => ({ query: { regionCode: world.regionCode } }),
    },
    'GET /api/v1/cases/export': {
      scoped: true,
      build: ({ world }) => ({ query: { format: 'csv', regionCode: world.regionCode } }),
    },
    'GET /api/v1/cases/assignable-officers': {
      scoped: true,
      build: ({ world }) => ({ query: { officeId: world.officeId } }),
    },
    'POST /api/v1/cases': { scoped: true, build: ({ world }) => ({ json: caseBody(world) }) },
    'GET /api/v1/cases/:id': kase(),
    'PATCH /api/v1/cases/:id': kase(() => ({ json: { version: STALE, title: '访问矩阵' } })),
    'POST /api/v1/cases/:id/actions/:action': kase(() => ({
      params: { action: 'suspend' },
      json: { version: STALE, pauseKind: 'appraisal', reason: '涉案商品送检鉴定' },
    })),
    'PUT /api/v1/cases/:id/officers': kase(({ world }) => ({
      json: { version: STALE, officerIds: world.officerIds },
    })),
    'POST /api/v1/cases/:id/parties': kase(() => ({
      json: { version: STALE, role: 'third_party', kind: 'individual', name: '王五' },
    })),
    'DELETE /api/v1/cases/:id/parties/:partyId': kase(({ world }) => ({
      params: { partyId: world.partyId },
      query: { version: STALE },
    })),
    'POST /api/v1/cases/:id/rights': kase(() => ({ json: { version: STALE, number: '7654321' } })),
    'DELETE /api/v1/cases/:id/rights/:rightId': kase(({ world }) => ({
      params: { rightId: world.rightId },
      query: { version: STALE },
    })),
    'POST /api/v1/cases/:id/notes': kase(() => ({ json: { body: '访问矩阵：备注' } })),
    'GET /api/v1/cases/:id/timeline': kase(),
    'GET /api/v1/cases/:id/parties/:partyId/personal-data': kase(({ world }) => ({
      params: { partyId: world.partyId },
    })),
    'GET /api/v1/cases/:id/documents/:documentId/content': {
      scoped: true,
      build: ({ world }) => ({
        params: { id: world.decidedCaseId, documentId: world.documentId },
      }),
    },
    'GET /api/v1/cases/:id/evidence': kase(),
    'POST /api/v1/cases/:id/evidence': kase(() => ({
      form: {
        fields: {
          kind: 'photo',
          title: '访问矩阵',
          collectedBy: '执法人员',
          collectedAt: new Date().toISOString(),
        },
        file: { name: 'matrix.jpg', type: 'image/jpeg', content: 'matrix' },
      },
    })),
    'GET /api/v1/cases/:id/evidence/:evidenceId/content': kase(({ world }) => ({
      params: { evidenceId: world.evidenceId },
    })),
    'POST /api/v1/cases/:id/evidence/:evidenceId/verify': kase(({ world }) => ({
      params: { evidenceId: world.evidenceId },
    })),
    'GET /api/v1/cases/:id/referrals': kase(),
    'GET /api/v1/cases/:id/referrals/suggestions': kase(),
    'POST /api/v1/cases/:id/referrals': kase(({ world }) => ({
      json: {
        kind: 'assistance',
        toOfficeId: world.peerOfficeId,
        reason: '访问矩阵：协查',
        request: '请协助核实',
      },
    })),
    'GET /api/v1/cases/:id/travel': kase(),
    'GET /api/v1/cases/:id/supervision': kase(),
    // Supervision is already running on the case: a second start is a 409 after the scope check.
    'POST /api/v1/cases/:id/supervision': kase(() => ({ json: supervise })),
    'POST /api/v1/cases/:id/supervision/reports': kase(() => ({ json: { body: '访问矩阵：进展' } })),
    'POST /api/v1/cases/:id/supervision/end': kase(() => ({ json: { reason: '访问矩阵：办结' } }), true),

    'GET /api/v1/referrals': {},
    'GET /api/v1/referrals/catalog': {},
    'GET /api/v1/referrals/:id': {
      scoped: true,
      build: ({ world }) => ({ params: { id: world.referralId } }),
    },
    // The sender's step on a fresh referral with its real version (the service checks the version before who
    // may take the step): the sending office's officer or supervisor withdraws it.
    'POST /api/v1/referrals/:id/actions/:action': {
      scoped: true,
      build: async ({ world }) => {
        // A case has one open referral of a kind at a time: a fresh case for each.
        const c = await api(world.officer, 'POST', '/cases', { json: caseBody(world) }, 201);
        const r = await api(
          world.officer,
          'POST',
          `/cases/${c.id}/referrals`,
          {
            json: {
              kind: 'assistance',
              toOfficeId: world.peerOfficeId,
              reason: '访问矩阵',
              request: '请协助核实',
            },
          },
          201,
        );
        return {
          params: { id: r.id, action: 'withdraw' },
          json: { version: r.version, reason: '访问矩阵：撤回' },
        };
      },
    },
    'GET /api/v1/partners': {},
    'POST /api/v1/partners': {
      build: ({ world }) => ({ json: { name: `访问矩阵伙伴${++seq}`, officeId: world.officeId } }),
    },
    'POST /api/v1/partners/:id/active': {
      build: () => ({ params: { id: partner.id }, json: { active: true } }),
    },

    'GET /api/v1/credit/catalog': {},
    'GET /api/v1/credit/listings': {},
    'POST /api/v1/credit/listings': {
      scoped: true,
      build: ({ world }) => ({
        json: {
          ...listingBody(world.regionCode),
          subjectUscc: uscc('91330106MA2E'),
          caseId: world.decidedCaseId,
        },
      }),
    },
    'GET /api/v1/credit/listings/:id': listing(),
    'POST /api/v1/credit/listings/:id/actions/:action': listing(() => ({
      params: { action: 'notify' },
      json: { version: STALE, servedOn: shanghaiDate(new Date()), noticeMethod: 'mail' },
    })),
    'POST /api/v1/credit/listings/:id/repairs': listing(() => ({
      json: {
        version: STALE,
        applicant: '张三丰',
        conditions: ['complied'],
        explanation: '已缴纳全部罚款并消除影响。',
      },
    })),
    'POST /api/v1/credit/listings/:id/attachments': listing(() => ({ form: statementFile })),
    'GET /api/v1/credit/listings/:id/attachments/:attachmentId/content': listing(({ world }) => ({
      params: { attachmentId: world.attachmentId },
    })),
    'GET /api/v1/credit/publications': {},
    'GET /api/v1/credit/publications/:id': {
      scoped: true,
      build: ({ world }) => ({ params: { id: world.publicationId } }),
    },
    'POST /api/v1/credit/publications/:id/actions/:action': {
      scoped: true,
      build: ({ world }) => ({
        params: { id: world.publicationId, action: 'publish' },
        json: { version: STALE },
      }),
    },

    'GET /api/v1/stats/summary': {
      scoped: true,
      build: ({ world }) => ({ query: { region: world.provinceCode } }),
    },
    'GET /api/v1/stats/breakdown': {
      scoped: true,
      build: ({ world }) => ({ query: { region: world.provinceCode, by: 'month' } }),
    },
    'GET /api/v1/stats/workload': {
      scoped: true,
      build: ({ world }) => ({ query: { region: world.provinceCode, officeId: world.officeId } }),
    },
    'GET /api/v1/stats/reconciliations': {},
    'POST /api/v1/stats/reconciliations': {},

    'GET /api/v1/inbox': {},
    'GET /api/v1/inbox/unread-count': {},
    'GET /api/v1/inbox/stream': {},
    'POST /api/v1/inbox/read-all': {},
    // own: a message of the caller; city and other: a message of another user.
    'POST /api/v1/inbox/:id/read': {
      scoped: true,
      build: ({ side, caller }) => ({
        params: { id: side === 'own' ? (inboxOf[caller] ?? foreignInbox) : foreignInbox },
      }),
    },
    'GET /api/v1/notification-preferences': {},
    'PUT /api/v1/notification-preferences/:topic': {
      build: () => ({ params: { topic: 'deadline.due_soon' }, json: { channels: ['inbox'] } }),
    },
    'POST /api/v1/notifications/test': { build: () => ({ json: { users: [ids.admin], note: '访问矩阵' } }) },
    'GET /api/v1/webhooks': {},
    'POST /api/v1/webhooks': { build: () => ({ json: webhookBody() }) },
    'GET /api/v1/webhooks/:id': { build: () => ({ params: { id: webhookId } }) },
    'PATCH /api/v1/webhooks/:id': { build: () => ({ params: { id: webhookId }, json: { version: STALE } }) },
    'POST /api/v1/webhooks/:id/rotate-secret': { build: () => ({ params: { id: webhookId } }) },
    'POST /api/v1/webhooks/:id/test': { build: () => ({ params: { id: webhookId } }) },
    // A throwaway endpoint per request.
    'DELETE /api/v1/webhooks/:id': {
      build: async () => ({
        params: { id: (await api('admin', 'POST', '/webhooks', { json: webhookBody() }, 201)).id },
      }),
    },
    'GET /api/v1/dead-letters': {},
    'GET /api/v1/dead-letters/:id': { build: () => ({ params: { id: deadLetterId } }) },
    'POST /api/v1/dead-letters/:id/retry': { build: () => ({ params: { id: deadLetterId } }) },
    'POST /api/v1/dead-letters/:id/discard': { last: true, build: () => ({ params: { id: deadLetterId } }) },
    'GET /api/v1/queues': {},
    'GET /api/v1/audit-events': {},
    'GET /api/v1/audit-events/export': {},
  };

  function caseBody(world: World) {
    return {
      title: '关于某商行涉嫌销售侵权商品案',
      ipType: 'trademark',
      procedure: 'penalty_trademark',
      source: 'ex_officio',
      regionCode: world.regionCode,
      officeId: world.officeId,
      officerIds: world.officerIds,
    };
  }
  function webhookBody() {
    return {
      name: `访问矩阵${++seq}`,
      // A closed local port: the webhook test answers at once, without the network.
      url: 'http://127.0.0.1:9/hooks/ipe',
      topics: ['case.transitioned'],
    };
  }
  /** A route on the case `:id`, own or other. */
  function kase(build: (ctx: Ctx) => Req = () => ({}), last = false): Recipe {
    return scopedOn('caseId', build, last);
  }
  function complaint(build: (ctx: Ctx) => Req = () => ({})): Recipe {
    return scopedOn('complaintId', build);
  }
  function listing(build: (ctx: Ctx) => Req = () => ({})): Recipe {
    return scopedOn('listingId', build);
  }
  function scopedOn(key: keyof World, build: (ctx: Ctx) => Req, last = false): Recipe {
    return {
      scoped: true,
      last,
      build: (ctx) => {
        const req = build(ctx);
        return { ...req, params: { id: String(ctx.world[key]), ...req.params } };
      },
    };
  }

  /**
   * What of a world outside the caller's region an allowed answer shows (ids of its records, or its marker text),
   * or null. An officer's region is 杭州 (宁波 and 南京 are outside it); a supervisor's or operator's is 浙江; the
   * admin's everything. A public route (`everywhere`) shows published data only, and none of the fixtures is
   * published (the listings are in their defence window, the decisions' publications pending): it shows none of them.
   */
  const leakIn = (caller: Caller, text: string, everywhere = false): string | null => {
    const outside: Side[] = everywhere
      ? [...SIDES]
      : caller === 'officer'
        ? ['city', 'other']
        : caller === 'supervisor' || caller === 'operator'
          ? ['other']
          : [];
    for (const side of outside) {
      const w = worlds[side];
      const keys = [
        'caseId',
        'decidedCaseId',
        'complaintId',
        'duplicateId',
        'referralId',
        'listingId',
        'attachmentId',
        'publicationId',
        'evidenceId',
        'documentId',
        'partyId',
        'rightId',
        'userId',
        'marker',
      ] as const;
      const found = keys.filter((k) => text.includes(w[k]));
      if (found.length) return `${side} (${w.regionCode}): ${found.join(', ')}`;
    }
    return null;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    for (const r of await t.db.sql(`SELECT id, username FROM users`))
      ids[r.username as string] = r.id as string;
    for (const r of await t.db.sql(`SELECT id, name FROM offices`)) ids[r.name as string] = r.id as string;
    for (const [caller, user] of Object.entries(ACCOUNT)) tokens[caller as Caller] = await tokenOf(user);

    worlds.own = await buildWorld({
      officer: 'officer.zj',
      officer2: 'officer2.zj',
      operator: 'operator.zj',
      supervisor: 'supervisor.zj',
      office: '杭州市市场监督管理局（杭州市知识产权局）',
      peerOffice: '宁波市市场监督管理局（宁波市知识产权局）',
      region: '330106',
      province: '330000',
      usccPrefix: '91330106MA2F',
    });
    // 宁波 has no demo accounts: its two officers are made here.
    for (const username of ['officer.nb', 'officer2.nb']) {
      const u = await api(
        'admin',
        'POST',
        '/users',
        {
          json: {
            username,
            displayName: '宁波执法',
            password: DEMO_PASSWORD,
            roles: ['officer'],
            officeId: ids['宁波市市场监督管理局（宁波市知识产权局）'],
          },
        },
        201,
      );
      ids[username] = u.id;
    }
    worlds.city = await buildWorld({
      officer: 'officer.nb',
      officer2: 'officer2.nb',
      operator: 'operator.zj',
      supervisor: 'supervisor.zj',
      office: '宁波市市场监督管理局（宁波市知识产权局）',
      peerOffice: '义乌市市场监督管理局',
      region: '330203',
      province: '330200',
      usccPrefix: '91330203MA2F',
    });
    worlds.other = await buildWorld({
      officer: 'officer.js',
      officer2: 'officer2.js',
      operator: 'operator.js',
      supervisor: 'supervisor.js',
      office: '南京市市场监督管理局（南京市知识产权局）',
      peerOffice: '苏州市市场监督管理局（苏州市知识产权局）',
      region: '320102',
      province: '320000',
      usccPrefix: '91320102MA1F',
    });
    const [tracked] = await t.db.sql(`SELECT tracking_no FROM complaints WHERE id = $1`, [
      worlds.own.complaintId,
    ]);
    trackingNo = tracked.tracking_no as string;

    partner = (await api(
      'admin',
      'POST',
      '/partners',
      { json: { name: '上海市知识产权执法系统', officeId: ids['苏州市市场监督管理局（苏州市知识产权局）'] } },
      201,
    )) as unknown as { id: string; secret: string };
    webhookId = (await api('admin', 'POST', '/webhooks', { json: webhookBody() }, 201)).id;

    // An inbox message for each signed-in caller and one for 南京's officer (nobody here may mark it read).
    const message = async (userId: string) =>
      (
        await t.db.sql(
          `INSERT INTO inbox_messages (user_id, topic, title_zh, title_en) VALUES ($1, 'notification.test', '矩阵', 'Matrix')
           RETURNING id::text`,
          [userId],
        )
      )[0].id as string;
    for (const [caller, user] of Object.entries(ACCOUNT)) inboxOf[caller] = await message(ids[user]);
    foreignInbox = await message(ids['officer.js']);
    // A dead letter for the admin's dead-letter routes.
    const [{ id: outboxId }] = await t.db.sql(
      `INSERT INTO outbox (topic, payload, dispatched_at) VALUES ('notification.test', '{}', now()) RETURNING id::text`,
    );
    const [{ id: dead }] = await t.db.sql(
      `INSERT INTO notification_deliveries (outbox_id, topic, channel, recipient, status, attempts, last_error)
       VALUES ($1, 'notification.test', 'email', 'email:nobody@example.com', 'dead', 5, 'matrix') RETURNING id::text`,
      [outboxId],
    );
    deadLetterId = dead as string;
  }, 120_000);
  afterAll(() => t.close(), 60_000);

  it('every OpenAPI operation has a line in the table and a request recipe, and every line an operation', async () => {
    const doc = (await send('GET', '/api/docs-json', {})).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = operationsOf(doc);
    const problems = [
      ...operations.filter((o) => !ACCESS_MATRIX[o]).map((o) => `no line in access-matrix.ts for ${o}`),
      ...operations.filter((o) => !RECIPES[o]).map((o) => `no request recipe in the spec for ${o}`),
      ...Object.keys(ACCESS_MATRIX)
        .filter((k) => !operations.includes(k))
        .map((k) => `access-matrix.ts has ${k}, which the API no longer has`),
      ...Object.keys(RECIPES)
        .filter((k) => !operations.includes(k))
        .map((k) => `a request recipe for ${k}, which the API no longer has`),
      ...operations
        .filter((o) => ACCESS_MATRIX[o] && RECIPES[o] && !RECIPES[o].scoped)
        .flatMap((o) =>
          CALLERS.filter((c) => typeof ACCESS_MATRIX[o][c] === 'object').map(
            (c) => `${o}: ${c} has own/city/other outcomes but the recipe sends no own/city/other resource`,
          ),
        ),
    ];
    expect(problems).toEqual([]);
  });

  it('sees what the leak check looks for: the fixtures show in answers inside the region (so a leak would too)', async () => {
    const own = await send('GET', '/api/v1/cases', {
      token: tokens.officer,
      query: { regionCode: '330106' },
    });
    expect(own.text).toContain(worlds.own.marker);
    expect(leakIn('officer', own.text)).toBeNull();
    const nanjing = await send('GET', '/api/v1/cases', {
      token: tokens.admin,
      query: { regionCode: '320102' },
    });
    expect(leakIn('supervisor', nanjing.text)).toMatch(/^other \(320102\): .*marker/);
    const complaints = await send('GET', '/api/v1/complaints', { token: tokens.operator });
    expect(complaints.text).toContain(worlds.own.complaintId);
    expect(complaints.text).toContain(worlds.city.complaintId);
  });

  it('every caller gets the outcome the table expects, in its own region, another city and another province', async () => {
    const doc = (await send('GET', '/api/docs-json', {})).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = operationsOf(doc).filter((o) => ACCESS_MATRIX[o] && RECIPES[o]);
    interface Probe {
      op: string;
      caller: Caller;
      side: Side;
      expected: Outcome;
    }
    const probes: Probe[] = [];
    for (const op of operations) {
      for (const caller of CALLERS) {
        for (const side of RECIPES[op].scoped ? SIDES : (['own'] as const)) {
          probes.push({ op, caller, side, expected: outcomeOf(ACCESS_MATRIX[op][caller], side) });
        }
      }
    }
    const run = async (p: Probe) => {
      const [method, route] = p.op.split(' ');
      const req =
        (await RECIPES[p.op].build?.({ side: p.side, caller: p.caller, world: worlds[p.side] })) ?? {};
      const path = route.replace(/:(\w+)/g, (_, name: string) => {
        const value = req.params?.[name];
        if (!value) throw new Error(`${p.op}: the recipe gives no :${name}`);
        return encodeURIComponent(value);
      });
      const res = await send(method, path, { ...req, token: tokens[p.caller] });
      const problem = res.body as { code?: string; detail?: string } | null;
      return {
        ...p,
        status: res.status,
        code: problem?.code,
        detail: problem?.detail,
        // The complaint tracked by its number and phone is shown to its complainant.
        leak:
          classOf(res.status) !== 'allow' || route === '/api/v1/public/complaints/:trackingNo'
            ? null
            : leakIn(p.caller, res.text, route.startsWith('/api/v1/public/')),
      };
    };
    // Modest concurrency; the rows that remove what they name run after the rest.
    const first = probes.filter((p) => !RECIPES[p.op].last);
    const results = [...(await pool(first, 4, run))];
    for (const p of probes.filter((x) => RECIPES[x.op].last)) results.push(await run(p));

    const observed = (r: (typeof results)[number]): Outcome | 'invalid request' =>
      r.status === 400 && !RECIPES[r.op].badRequestProvesGate ? 'invalid request' : classOf(r.status);
    const mismatches = [
      ...results
        .filter((r) => observed(r) !== r.expected)
        .map(
          (r) =>
            `${r.op.padEnd(62)} ${r.caller.padEnd(10)} ${r.side.padEnd(5)} expected ${String(r.expected).padEnd(5)} ` +
            `got ${r.status}${r.code ? ` ${r.code}` : ''}${observed(r) === 'invalid request' ? ` (fix the recipe: ${r.detail})` : ''}`,
        ),
      ...results
        .filter((r) => r.leak)
        .map((r) => `${r.op.padEnd(62)} ${r.caller.padEnd(10)} ${r.side.padEnd(5)} LEAKS ${r.leak}`),
    ];
    if (process.env.ACCESS_MATRIX_VERBOSE) {
      process.stdout.write(
        results.map((r) => `${r.op} ${r.caller} ${r.side} ${r.status} ${r.code ?? ''}`).join('\n') + '\n',
      );
    }
    expect(mismatches.length ? `\n${mismatches.join('\n')}\n` : 'no mismatches').toBe('no mismatches');
  }, 180_000);
});

/** `METHOD /path/:param` of every operation in the document. */
function operationsOf(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  const methods = ['get', 'put', 'post', 'patch', 'delete'];
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => methods.includes(m))
        .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    )
    .sort();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function outcomeOf(cell: Cell, side: Side): Outcome {
  return typeof cell === 'object' ? cell[side] : cell;
}

function classOf(status: number): Outcome {
  return status === 401 || status === 403 || status === 404 ? status : 'allow';
}

async function pool<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}
