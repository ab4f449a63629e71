/**
 * Who may call what (issue 9): every operation of the OpenAPI document, for every caller, against a resource in the
 * caller's own region and in another province — one reviewed table, checked by access-matrix.e2e-spec.ts against the
 * running API. A new endpoint fails the test until it has a line here; a line whose route is gone fails it too.
 *
 * Callers: `public` sends no token; `admin`; and the 浙江 staff `supervisor` (supervisor.zj, 浙江省局, region 330000),
 * `officer` (officer.zj, 杭州市局, region 330100) and `operator` (operator.zj, 12330 centre, region 330000).
 * Each region-scoped route is sent against three resources of the same kind: `own` — 杭州市西湖区 (330106, inside
 * every one of those regions), handled by officer.zj's office; `city` — 宁波 (330203, handled by 宁波市局: the same
 * province, outside officer.zj's 杭州); `other` — 南京 (320102, handled by 南京市局: another province). A plain
 * value holds for all three. Collection routes with a region filter (`?regionCode=` / `?region=`) are matrixed the
 * same way on the filter.
 *
 * Outcomes: 'allow' — the request got past authentication, the role gate and the region scope (any status but 401,
 * 403 and 404: a 400 or 409 for the deliberately stale `version` the test sends is an allow that changed nothing);
 * 401 — no (valid) credentials; 403 — role or region refused; 404 — the resource is hidden from this caller
 * (someone else's inbox message).
 *
 * The policy (what a Chinese IP-enforcement office expects): the public reaches only the public routes; an operator
 * (12330 hotline) registers and follows up complaints and reads reference data, never cases, referrals or credit;
 * officers and supervisors are confined to their region subtree (officers additionally act only on their own
 * office's cases, supervisors on any case under their region); the admin reads everything everywhere and runs the
 * system (users, offices, calendar, webhooks, partners, dead letters, audit), but takes no enforcement decision —
 * case, complaint and credit commands are for officers and supervisors only.
 */
export type Outcome = 'allow' | 401 | 403 | 404;
export type Side = 'own' | 'city' | 'other';
export type Cell = Outcome | Record<Side, Outcome>;
export const CALLERS = ['public', 'admin', 'supervisor', 'officer', 'operator'] as const;
export type Caller = (typeof CALLERS)[number];
export type Row = Record<Caller, Cell>;

const A = 'allow';
/** An officer: allowed in their office's region (杭州), refused elsewhere in the province and beyond. */
const OFFICE = { own: A, city: 403, other: 403 } as const;
/** A supervisor or operator of the province: allowed anywhere in 浙江, refused in 江苏. */
const PROVINCE = { own: A, city: A, other: 403 } as const;
/** The caller's own item allowed; another user's is not found. */
const MINE = { own: A, city: 404, other: 404 } as const;

/** Reference data every signed-in user reads. */
const SIGNED_IN: Row = { public: 401, admin: A, supervisor: A, officer: A, operator: A };
/** System administration. */
const ADMIN_ONLY: Row = { public: 401, admin: A, supervisor: 403, officer: 403, operator: 403 };
/** Open to everyone, token or not. */
const PUBLIC: Row = { public: A, admin: A, supervisor: A, officer: A, operator: A };
/** Reading enforcement records: region-scoped staff, the admin everywhere, never the hotline. */
const READ_SCOPED: Row = { public: 401, admin: A, supervisor: PROVINCE, officer: OFFICE, operator: 403 };
/** An enforcement command on a record: officers and supervisors of its region, not the admin or the hotline. */
const ACT_SCOPED: Row = { public: 401, admin: 403, supervisor: PROVINCE, officer: OFFICE, operator: 403 };
/** A complaint command: the hotline as well as officers and supervisors, each in their region. */
const INTAKE_ACT: Row = {
  public: 401,
  admin: 403,
  supervisor: PROVINCE,
  officer: OFFICE,
  operator: PROVINCE,
};
/** Reading complaints: the hotline too. */
const INTAKE_READ: Row = { public: 401, admin: A, supervisor: PROVINCE, officer: OFFICE, operator: PROVINCE };

export const ACCESS_MATRIX: Record<string, Row> = {
  // —— health, auth, public ——
  'GET /health': PUBLIC,
  'POST /api/v1/auth/login': PUBLIC,
  'POST /api/v1/auth/refresh': PUBLIC,
  'POST /api/v1/auth/logout': PUBLIC,
  'GET /api/v1/auth/me': SIGNED_IN,
  'POST /api/v1/public/complaints': PUBLIC,
  'GET /api/v1/public/complaints/:trackingNo': PUBLIC,
  'GET /api/v1/public/credit-listings': PUBLIC,
  'GET /api/v1/public/credit-listings/feed': PUBLIC,
  'GET /api/v1/public/decisions': PUBLIC,
  'GET /api/v1/public/regions': PUBLIC,
  // A partner system's signed request: its HMAC signature is its credential, a user's token is irrelevant.
  'POST /api/v1/public/partners/:partnerId/referrals': PUBLIC,

  // —— reference data ——
  'GET /api/v1/regions': SIGNED_IN,
  'GET /api/v1/regions/:code': SIGNED_IN,
  'GET /api/v1/offices': SIGNED_IN,
  'GET /api/v1/offices/:id': SIGNED_IN,
  'POST /api/v1/offices': ADMIN_ONLY,
  'PATCH /api/v1/offices/:id': ADMIN_ONLY,
  'GET /api/v1/calendar/days': SIGNED_IN,
  'GET /api/v1/calendar/working-days': SIGNED_IN,
  'PUT /api/v1/calendar/days/:date': ADMIN_ONLY,
  'DELETE /api/v1/calendar/days/:date': ADMIN_ONLY,
  'POST /api/v1/calendar/years/:year/covered': ADMIN_ONLY,
  'POST /api/v1/identifiers/validate': SIGNED_IN,
  'GET /api/v1/workflows': { public: 401, admin: A, supervisor: A, officer: A, operator: A },
  'GET /api/v1/workflows/:procedure': { public: 401, admin: A, supervisor: A, officer: A, operator: A },

  // —— users: supervisors see the accounts of their region; only the admin changes them ——
  // The list is narrowed to the supervisor's region (a filter on another region's office is simply empty).
  'GET /api/v1/users': { public: 401, admin: A, supervisor: A, officer: 403, operator: 403 },
  'GET /api/v1/users/:id': { public: 401, admin: A, supervisor: PROVINCE, officer: 403, operator: 403 },
  'POST /api/v1/users': ADMIN_ONLY,
  'PATCH /api/v1/users/:id': ADMIN_ONLY,
  'POST /api/v1/users/:id/unlock': ADMIN_ONLY,

  // —— complaints (12330 intake) ——
  'GET /api/v1/complaints': { public: 401, admin: A, supervisor: A, officer: A, operator: A },
  'POST /api/v1/complaints': { public: 401, admin: 403, supervisor: A, officer: A, operator: A },
  'GET /api/v1/complaints/catalog': SIGNED_IN,
  'GET /api/v1/complaints/duplicates': SIGNED_IN,
  'GET /api/v1/complaints/suggested-office': SIGNED_IN,
  'GET /api/v1/complaints/import/template': {
    public: 401,
    admin: 403,
    supervisor: A,
    officer: A,
    operator: A,
  },
  'POST /api/v1/complaints/import': { public: 401, admin: 403, supervisor: A, officer: A, operator: A },
  'GET /api/v1/complaints/:id': INTAKE_READ,
  // The complainant's contact data in full (issue 8's reveal, audited): the hotline to call back, the handling
  // office's officers; not supervisors or the admin.
  'GET /api/v1/complaints/:id/personal-data': {
    public: 401,
    admin: 403,
    supervisor: 403,
    officer: OFFICE,
    operator: PROVINCE,
  },
  'POST /api/v1/complaints/:id/actions/:action': INTAKE_ACT,
  'POST /api/v1/complaints/:id/callback': INTAKE_ACT,
  'POST /api/v1/complaints/:id/notice': INTAKE_ACT,
  'POST /api/v1/complaints/:id/merge': INTAKE_ACT,
  'POST /api/v1/complaints/:id/convert': ACT_SCOPED,
  'GET /api/v1/complaints/:id/referrals': READ_SCOPED,
  'GET /api/v1/complaints/:id/referrals/suggestions': READ_SCOPED,
  'POST /api/v1/complaints/:id/referrals': ACT_SCOPED,

  // —— cases ——
  // Lists are narrowed to the caller's region; a region filter outside it is refused.
  'GET /api/v1/cases': READ_SCOPED,
  'GET /api/v1/cases/export': READ_SCOPED,
  'GET /api/v1/cases/assignable-officers': {
    public: 401,
    admin: 403,
    supervisor: PROVINCE,
    officer: OFFICE,
    operator: 403,
  },
  'POST /api/v1/cases': ACT_SCOPED,
  'GET /api/v1/cases/:id': READ_SCOPED,
  'PATCH /api/v1/cases/:id': ACT_SCOPED,
  'POST /api/v1/cases/:id/actions/:action': ACT_SCOPED,
  'PUT /api/v1/cases/:id/officers': ACT_SCOPED,
  'POST /api/v1/cases/:id/parties': ACT_SCOPED,
  'DELETE /api/v1/cases/:id/parties/:partyId': ACT_SCOPED,
  'POST /api/v1/cases/:id/rights': ACT_SCOPED,
  'DELETE /api/v1/cases/:id/rights/:rightId': ACT_SCOPED,
  'POST /api/v1/cases/:id/notes': ACT_SCOPED,
  'GET /api/v1/cases/:id/timeline': READ_SCOPED,
  // A party's ID number and phone in full: the handling office's officers only.
  'GET /api/v1/cases/:id/parties/:partyId/personal-data': {
    public: 401,
    admin: 403,
    supervisor: 403,
    officer: OFFICE,
    operator: 403,
  },
  'GET /api/v1/cases/:id/documents/:documentId/content': READ_SCOPED,
  'GET /api/v1/cases/:id/evidence': READ_SCOPED,
  'POST /api/v1/cases/:id/evidence': ACT_SCOPED,
  'GET /api/v1/cases/:id/evidence/:evidenceId/content': READ_SCOPED,
  // Recomputing a file's hash changes nothing but the audit log: any reader may check integrity.
  'POST /api/v1/cases/:id/evidence/:evidenceId/verify': READ_SCOPED,
  'GET /api/v1/cases/:id/referrals': READ_SCOPED,
  'GET /api/v1/cases/:id/referrals/suggestions': READ_SCOPED,
  'POST /api/v1/cases/:id/referrals': ACT_SCOPED,
  'GET /api/v1/cases/:id/travel': READ_SCOPED,
  // 督办: started and ended by a supervisor over the case's region; the handling officers report progress.
  'GET /api/v1/cases/:id/supervision': READ_SCOPED,
  'POST /api/v1/cases/:id/supervision': {
    public: 401,
    admin: 403,
    supervisor: PROVINCE,
    officer: 403,
    operator: 403,
  },
  'POST /api/v1/cases/:id/supervision/end': {
    public: 401,
    admin: 403,
    supervisor: PROVINCE,
    officer: 403,
    operator: 403,
  },
  'POST /api/v1/cases/:id/supervision/reports': ACT_SCOPED,

  // —— referrals (移送) ——
  // Narrowed to the referrals of the caller's office (officers) or region (supervisors).
  'GET /api/v1/referrals': { public: 401, admin: A, supervisor: A, officer: A, operator: 403 },
  'GET /api/v1/referrals/catalog': { public: 401, admin: A, supervisor: A, officer: A, operator: 403 },
  'GET /api/v1/referrals/:id': READ_SCOPED,
  'POST /api/v1/referrals/:id/actions/:action': ACT_SCOPED,
  'GET /api/v1/partners': ADMIN_ONLY,
  'POST /api/v1/partners': ADMIN_ONLY,
  'POST /api/v1/partners/:id/active': ADMIN_ONLY,

  // —— credit (信用) ——
  'GET /api/v1/credit/catalog': { public: 401, admin: A, supervisor: A, officer: A, operator: 403 },
  // Narrowed to the caller's region.
  'GET /api/v1/credit/listings': { public: 401, admin: A, supervisor: A, officer: A, operator: 403 },
  'POST /api/v1/credit/listings': ACT_SCOPED,
  'GET /api/v1/credit/listings/:id': READ_SCOPED,
  'POST /api/v1/credit/listings/:id/actions/:action': ACT_SCOPED,
  'POST /api/v1/credit/listings/:id/repairs': ACT_SCOPED,
  'POST /api/v1/credit/listings/:id/attachments': ACT_SCOPED,
  'GET /api/v1/credit/listings/:id/attachments/:attachmentId/content': READ_SCOPED,
  'GET /api/v1/credit/publications': { public: 401, admin: A, supervisor: A, officer: A, operator: 403 },
  'GET /api/v1/credit/publications/:id': READ_SCOPED,
  'POST /api/v1/credit/publications/:id/actions/:action': ACT_SCOPED,

  // —— statistics: supervisors over their region, the admin everywhere ——
  'GET /api/v1/stats/summary': { public: 401, admin: A, supervisor: PROVINCE, officer: 403, operator: 403 },
  'GET /api/v1/stats/breakdown': { public: 401, admin: A, supervisor: PROVINCE, officer: 403, operator: 403 },
  'GET /api/v1/stats/workload': { public: 401, admin: A, supervisor: PROVINCE, officer: 403, operator: 403 },
  'GET /api/v1/stats/reconciliations': ADMIN_ONLY,
  'POST /api/v1/stats/reconciliations': ADMIN_ONLY,

  // —— notifications: everyone's own inbox and preferences; the delivery machinery is the admin's ——
  'GET /api/v1/inbox': SIGNED_IN,
  'GET /api/v1/inbox/unread-count': SIGNED_IN,
  'GET /api/v1/inbox/stream': SIGNED_IN,
  'POST /api/v1/inbox/read-all': SIGNED_IN,
  'POST /api/v1/inbox/:id/read': {
    public: 401,
    admin: MINE,
    supervisor: MINE,
    officer: MINE,
    operator: MINE,
  },
  'GET /api/v1/notification-preferences': SIGNED_IN,
  'PUT /api/v1/notification-preferences/:topic': SIGNED_IN,
  'POST /api/v1/notifications/test': ADMIN_ONLY,
  'GET /api/v1/webhooks': ADMIN_ONLY,
  'POST /api/v1/webhooks': ADMIN_ONLY,
  'GET /api/v1/webhooks/:id': ADMIN_ONLY,
  'PATCH /api/v1/webhooks/:id': ADMIN_ONLY,
  'DELETE /api/v1/webhooks/:id': ADMIN_ONLY,
  'POST /api/v1/webhooks/:id/rotate-secret': ADMIN_ONLY,
  'POST /api/v1/webhooks/:id/test': ADMIN_ONLY,
  'GET /api/v1/dead-letters': ADMIN_ONLY,
  'GET /api/v1/dead-letters/:id': ADMIN_ONLY,
  'POST /api/v1/dead-letters/:id/retry': ADMIN_ONLY,
  'POST /api/v1/dead-letters/:id/discard': ADMIN_ONLY,
  'GET /api/v1/queues': ADMIN_ONLY,
  'GET /api/v1/audit-events': ADMIN_ONLY,
  'GET /api/v1/audit-events/export': ADMIN_ONLY,
};
