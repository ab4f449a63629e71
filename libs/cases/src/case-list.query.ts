import { levelOf } from '@app/domain';

/** The case list's filters, after validation and scope narrowing (the service builds this). */
export interface CaseListFilter {
  /** Region subtree root the list is limited to (scope ∩ requested region); null = everywhere (admin). */
  regionRoot: string | null;
  officeId?: string;
  ipType?: string;
  procedure?: string;
  statuses?: string[];
  officerId?: string;
  /** true: an office deadline is already past `now`; false: none is (the due-soon view without the overdue). */
  overdue?: boolean;
  /** Cases with an office deadline before this instant (due soon). */
  dueBefore?: Date;
  receivedFrom?: string;
  receivedTo?: string;
  source?: string;
  /** Filed (立案) or closed (结案) within these dates: the statistics' drill-down. */
  filedFrom?: string;
  filedTo?: string;
  closedFrom?: string;
  closedTo?: string;
  /** Free text over case number, title, party names, credit codes and right numbers (trigram index). */
  q?: string;
  major?: boolean;
  sort: CaseListSort;
  page: number;
  pageSize: number;
  now: Date;
}

export const CASE_LIST_SORTS = ['received_desc', 'received_asc', 'due_asc', 'updated_desc'] as const;
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];

/** Exact totals are counted up to this many rows; beyond it the list reports "more than". */
export const COUNT_CAP = 10_000;
/**
 * Free text that matches most cases (a fragment like 有限公) makes the count a scan of everything it matches;
 * such totals stop earlier (measured by bench:cases: 250 ms p95 at the 10,000 cap).
 */
export const SEARCH_COUNT_CAP = 1_000;

const ORDER: Record<CaseListSort, string> = {
  received_desc: 'c.received_on DESC, c.id DESC',
  received_asc: 'c.received_on ASC, c.id ASC',
  due_asc: 'c.next_due_at ASC NULLS LAST, c.id ASC',
  updated_desc: 'c.updated_at DESC, c.id DESC',
};

export const LIST_COLUMNS = `c.id, c.reg_no::text AS reg_no, c.case_no, c.title, c.ip_type, c.procedure, c.source,
  c.status, c.outcome, c.office_id, o.name AS office_name, c.region_code, r.name AS region_name, c.received_on::text,
  c.filed_on::text, c.closed_on::text, c.next_due_at, c.next_due_key, c.major, c.supervised, c.repeat_infringer, c.online,
  c.fine_fen::text, c.version, c.updated_at`;

/** A complete case number, e.g. 杭知执〔2026〕12号. */
const CASE_NUMBER = /^\S+〔\d{4}〕\d+号$/;

/**
 * An identifier typed whole or in part — a right number (10675049, 201912345678.X), a credit code: six digits or more
 * and nothing but letters, digits, `.`, `-` and `/`. Such a term matches a handful of cases, but the trigram
 * statistics cannot tell: an 8-digit right number was estimated at 2,000–10,000 rows, and the planner walked the
 * received-date index through all 1,000,000 cases for 2–7 s (bench:cases). Its matches are therefore taken from the
 * trigram index first (an InitPlan array), and the page is read by primary key and sorted.
 */
const IDENTIFIER_LIKE = /^(?=(?:\D*\d){6})[0-9A-Za-z./-]+$/;

/** `%`, `_` and `\` taken literally in an ILIKE pattern. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * The list and count SQL for a filter. The scope predicate uses the column of the root's level (province_code,
 * city_code or region_code), so "newest first in my province" is one ordered index range; free text uses the
 * trigram index. The count stops at {@link COUNT_CAP} so a province-wide total never scans the whole province.
 */
export function buildCaseListSql(f: CaseListFilter): {
  listSql: string;
  listParams: unknown[];
  countSql: string;
  countParams: unknown[];
  /** Totals above this are reported as "more than". */
  countCap: number;
} {
  const { where, params, p } = caseWhere(f);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const countParams = [...params];
  const countCap = f.q && !CASE_NUMBER.test(f.q) ? SEARCH_COUNT_CAP : COUNT_CAP;
  const countSql = `SELECT count(*)::int AS n FROM (SELECT 1 FROM cases c ${whereSql} LIMIT ${countCap + 1}) s`;
  const limit = p(f.pageSize);
  const offset = p((f.page - 1) * f.pageSize);
  const listSql = `SELECT ${LIST_COLUMNS}
      FROM cases c JOIN offices o ON o.id = c.office_id JOIN regions r ON r.code = c.region_code
      ${whereSql} ORDER BY ${ORDER[f.sort]} LIMIT ${limit} OFFSET ${offset}`;
  return { listSql, listParams: params, countSql, countParams, countCap };
}

/**
 * One batch of an export in list order (newest received first), after the keyset `after` (the last row of the
 * previous batch): every batch is an index range read, however deep the export goes — no OFFSET.
 */
export function buildCaseExportSql(
  f: CaseListFilter,
  after: { receivedOn: string; id: string } | null,
  limit: number,
): { sql: string; params: unknown[] } {
  const { where, params, p } = caseWhere(f);
  if (after) where.push(`(c.received_on, c.id) < (${p(after.receivedOn)}::date, ${p(after.id)}::uuid)`);
  const sql = `SELECT ${LIST_COLUMNS}
      FROM cases c JOIN offices o ON o.id = c.office_id JOIN regions r ON r.code = c.region_code
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.received_on DESC, c.id DESC LIMIT ${p(limit)}`;
  return { sql, params };
}

/** The filter's predicates over `cases c`, with their parameters. */
function caseWhere(f: CaseListFilter): { where: string[]; params: unknown[]; p: (v: unknown) => string } {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.regionRoot) {
    const column = { province: 'province_code', city: 'city_code', county: 'region_code' }[
      levelOf(f.regionRoot)
    ];
    where.push(`c.${column} = ${p(f.regionRoot)}`);
  }
  if (f.officeId) where.push(`c.office_id = ${p(f.officeId)}`);
  if (f.ipType) where.push(`c.ip_type = ${p(f.ipType)}`);
  if (f.procedure) where.push(`c.procedure = ${p(f.procedure)}`);
  if (f.statuses?.length) where.push(`c.status = ANY(${p(f.statuses)}::text[])`);
  if (f.officerId) {
    where.push(
      `EXISTS (SELECT 1 FROM case_officers co WHERE co.case_id = c.id AND co.user_id = ${p(f.officerId)})`,
    );
  }
  if (f.overdue === true) where.push(`c.next_due_at < ${p(f.now.toISOString())}::timestamptz`);
  if (f.overdue === false) {
    where.push(`(c.next_due_at IS NULL OR c.next_due_at >= ${p(f.now.toISOString())}::timestamptz)`);
  }
  if (f.dueBefore) where.push(`c.next_due_at < ${p(f.dueBefore.toISOString())}::timestamptz`);
  if (f.receivedFrom) where.push(`c.received_on >= ${p(f.receivedFrom)}::date`);
  if (f.receivedTo) where.push(`c.received_on <= ${p(f.receivedTo)}::date`);
  if (f.source) where.push(`c.source = ${p(f.source)}`);
  if (f.filedFrom) where.push(`c.filed_on >= ${p(f.filedFrom)}::date`);
  if (f.filedTo) where.push(`c.filed_on <= ${p(f.filedTo)}::date`);
  if (f.closedFrom) where.push(`c.closed_on >= ${p(f.closedFrom)}::date`);
  if (f.closedTo) where.push(`c.closed_on <= ${p(f.closedTo)}::date`);
  if (f.major !== undefined) where.push(`c.major = ${p(f.major)}`);
  if (f.q && CASE_NUMBER.test(f.q)) {
    // A whole case number: its trigrams (〔20, 知执〔 …) are in every row, the unique b-tree finds it at once.
    where.push(`c.case_no = ${p(f.q)}`);
  } else if (f.q && IDENTIFIER_LIKE.test(f.q)) {
    where.push(
      `c.id = ANY(ARRAY(SELECT s.id FROM cases s WHERE s.search_text ILIKE ${p(`%${likeEscape(f.q)}%`)}))`,
    );
  } else if (f.q) where.push(`c.search_text ILIKE ${p(`%${likeEscape(f.q)}%`)}`);
  return { where, params, p };
}
