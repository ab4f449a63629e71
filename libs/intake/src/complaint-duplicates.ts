import { ScopePolicy } from '@app/auth';
import type { Actor } from '@app/contracts';
import { isWithin, isUuid } from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { textOrNull as text } from './complaint-input';

export interface DuplicateHit {
  id: string;
  trackingNo: string;
  receivedAt: string;
  state: string;
  respondentName: string | null;
  /** Why it may be the same matter: credit code, right number, phone, or a similar respondent name. */
  reasons: ('respondent_uscc' | 'right_number' | 'phone' | 'respondent_name')[];
  similarity: number | null;
}

type Row = Record<string, unknown>;
const DUPLICATE_WINDOW_DAYS = 90;
/**
 * Similarity thresholds tried, highest first, before the configured one (pg_trgm.similarity_threshold, 0.3 by
 * default) when a name is given — see {@link ComplaintDuplicateFinder.find}.
 */
export const NAME_LEVELS = [0.5, 0.4];

const SINCE = `now() - interval '${DUPLICATE_WINDOW_DAYS} days'`;
/**
 * $1 credit code, $2 right number, $3 phone, $4 name, $5 the complaint to leave out, $6 the configured similarity
 * threshold. The name branch uses `%`, i.e. the threshold set for the statement (a level of NAME_LEVELS or $6); the
 * names of the equality hits are always compared at $6, so their 'respondent_name' reason never depends on the level.
 * received_on (the Asia/Shanghai day of received_at) bounds the name branch too: it is implied by the window and is
 * the second key of complaints_recent_name_trgm_idx, which thereby matches only the window's candidates.
 */
const DUPLICATES_SQL = `
  WITH eq AS (
    SELECT id, 'respondent_uscc' AS reason FROM complaints
     WHERE $1::text IS NOT NULL AND respondent_uscc = $1 AND received_at >= ${SINCE}
    UNION ALL
    SELECT id, 'right_number' FROM complaints
     WHERE $2::text IS NOT NULL AND right_number = $2 AND received_at >= ${SINCE}
    UNION ALL
    SELECT id, 'phone' FROM complaints
     WHERE $3::text IS NOT NULL AND complainant_phone = $3 AND received_at >= ${SINCE}
  ),
  hits AS (
    SELECT id, reason, NULL::real AS sim FROM eq
    UNION ALL
    SELECT c.id, 'respondent_name', similarity(c.respondent_name, $4) FROM complaints c
     WHERE $4::text IS NOT NULL AND c.id IN (SELECT id FROM eq) AND similarity(c.respondent_name, $4) >= $6::float8
    UNION ALL
    SELECT id, 'respondent_name', similarity(respondent_name, $4) FROM complaints
     WHERE $4::text IS NOT NULL AND respondent_name % $4 AND received_at >= ${SINCE}
       AND received_on >= ((${SINCE}) AT TIME ZONE 'Asia/Shanghai')::date
  )
  SELECT c.id, c.tracking_no, c.received_at, c.state, c.respondent_name, c.region_code, c.office_id,
         array_agg(DISTINCT h.reason) AS reasons, max(h.sim) AS similarity, count(DISTINCT h.reason)::int AS n
    FROM hits h JOIN complaints c ON c.id = h.id
   WHERE ($5::uuid IS NULL OR c.id <> $5::uuid)
   GROUP BY c.id ORDER BY count(DISTINCT h.reason) DESC, max(h.sim) DESC NULLS LAST, c.received_at DESC
   LIMIT 10`;

/** The console's live duplicate check (issue 5), read while the operator types. */
@Injectable()
export class ComplaintDuplicateFinder {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly scope: ScopePolicy,
  ) {}

  /**
   * Possible duplicates of what the operator is typing: the same respondent credit code, right number or caller
   * phone within 90 days, or a respondent name similar by trigrams (pg_trgm `%`: similarity at least
   * pg_trgm.similarity_threshold, 0.3 by default) within 90 days. Each hit says why; the 10 with the most reasons
   * come first, then the most similar names, then the most recent.
   *
   * Speed: at the default threshold a common company name (…服装有限公司, …科技股份有限公司) is "similar" to hundreds
   * or thousands of complaints in 90 days — every one must be found and rechecked before the top 10 are known. So a
   * name is searched at the stricter NAME_LEVELS first, in one transaction (SET LOCAL), and the search stops at the
   * first level whose top 10 are all multi-reason hits or name hits: every name missed at that level is less similar
   * than all of them, and with a single reason ranks below them, so the 10 are exactly those of the configured
   * threshold. Otherwise the next level runs, ending at the configured threshold itself.
   */
  async find(
    actor: Actor,
    q: {
      respondentUscc?: string;
      rightNumber?: string;
      phone?: string;
      respondentName?: string;
      excludeId?: string;
    },
  ): Promise<DuplicateHit[]> {
    const uscc = text(q.respondentUscc)?.toUpperCase() ?? null;
    const right = text(q.rightNumber) ?? null;
    const phone = text(q.phone) ?? null;
    const name = text(q.respondentName) ?? null;
    if (!uscc && !right && !phone && !(name && name.length >= 3)) return [];
    const params = [uscc, right, phone, name, isUuid(q.excludeId) ? q.excludeId : null];
    const rows = name
      ? await this.byLevels(params)
      : ((await this.txHost.tx.query(DUPLICATES_SQL, [...params, null])) as Row[]);
    return rows
      .filter((r) => visibleTo(this.scope, actor, r))
      .map((r) => ({
        id: r.id as string,
        trackingNo: r.tracking_no as string,
        receivedAt: new Date(r.received_at as Date).toISOString(),
        state: r.state as string,
        respondentName: (r.respondent_name as string) ?? null,
        reasons: r.reasons as DuplicateHit['reasons'],
        similarity: r.similarity === null ? null : Number(r.similarity),
      }));
  }

  private byLevels(params: unknown[]): Promise<Row[]> {
    const outer = this.txHost.isTransactionActive();
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const setThreshold = (t: number) =>
        tx.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(t)]);
      // As a double, like the `%` operator compares it (show_limit() only loads pg_trgm, whose GUC this is).
      const [{ base }] = (await tx.query(
        `SELECT show_limit(), current_setting('pg_trgm.similarity_threshold')::float8 AS base`,
      )) as { base: number }[];
      const levels = [...NAME_LEVELS.filter((t) => t > base), base];
      try {
        for (const level of levels) {
          if (level !== base || levels.length > 1) await setThreshold(level);
          const rows = (await tx.query(DUPLICATES_SQL, [...params, base])) as Row[];
          const complete =
            rows.length === 10 && rows.every((r) => (r.n as number) >= 2 || r.similarity !== null);
          if (complete || level === base) return rows;
        }
        return []; // not reached: the last level is the configured threshold
      } finally {
        // Joined a caller's transaction: SET LOCAL would outlive this call, so put the threshold back.
        if (outer && levels.length > 1) await setThreshold(base);
      }
    });
  }
}

/** A complaint is visible to its handling office and to staff whose region contains where it happens. */
export function visibleTo(scope: ScopePolicy, actor: Actor, r: Row): boolean {
  const region = r.region_code as string | null;
  const root = scope.rootOf(actor);
  return root === null || r.office_id === actor.officeId || (region !== null && isWithin(region, root));
}
