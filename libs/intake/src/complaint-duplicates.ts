import { ScopePolicy } from '@app/auth';
import type { Actor } from '@app/contracts';
import { isWithin } from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';

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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DUPLICATE_WINDOW_DAYS = 90;
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The console's live duplicate check (issue 5), read while the operator types. */
@Injectable()
export class ComplaintDuplicateFinder {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly scope: ScopePolicy,
  ) {}

  /**
   * Possible duplicates of what the operator is typing: the same respondent credit code, right number or caller
   * phone within 90 days, or a respondent name similar by trigrams. Each hit says why.
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
    const rows = (await this.txHost.tx.query(
      `WITH since AS (SELECT now() - interval '${DUPLICATE_WINDOW_DAYS} days' AS t),
       hits AS (
         SELECT id, 'respondent_uscc' AS reason, NULL::real AS sim FROM complaints, since
          WHERE $1::text IS NOT NULL AND respondent_uscc = $1 AND received_at >= since.t
         UNION ALL
         SELECT id, 'right_number', NULL FROM complaints, since
          WHERE $2::text IS NOT NULL AND right_number = $2 AND received_at >= since.t
         UNION ALL
         SELECT id, 'phone', NULL FROM complaints, since
          WHERE $3::text IS NOT NULL AND complainant_phone = $3 AND received_at >= since.t
         UNION ALL
         SELECT id, 'respondent_name', similarity(respondent_name, $4) FROM complaints, since
          WHERE $4::text IS NOT NULL AND respondent_name % $4 AND received_at >= since.t
       )
       SELECT c.id, c.tracking_no, c.received_at, c.state, c.respondent_name, c.region_code, c.office_id,
              array_agg(DISTINCT h.reason) AS reasons, max(h.sim) AS similarity
         FROM hits h JOIN complaints c ON c.id = h.id
        WHERE ($5::uuid IS NULL OR c.id <> $5::uuid)
        GROUP BY c.id ORDER BY count(DISTINCT h.reason) DESC, max(h.sim) DESC NULLS LAST, c.received_at DESC
        LIMIT 10`,
      [uscc, right, phone, name, q.excludeId && UUID.test(q.excludeId) ? q.excludeId : null],
    )) as Row[];
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
}

/** A complaint is visible to its handling office and to staff whose region contains where it happens. */
export function visibleTo(scope: ScopePolicy, actor: Actor, r: Row): boolean {
  const region = r.region_code as string | null;
  const root = scope.rootOf(actor);
  return root === null || r.office_id === actor.officeId || (region !== null && isWithin(region, root));
}
