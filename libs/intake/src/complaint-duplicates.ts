import { ScopePolicy } from '@app/auth';
import type { Actor } from '@app/contracts';
import { isWithin, isUuid, looksMasked, maskPhone } from '@app/domain';
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
  /** Trigram similarity of the two names' cores (0–1); null when the name is not a reason. */
  similarity: number | null;
}

type Row = Record<string, unknown>;
const DUPLICATE_WINDOW_DAYS = 90;

const SINCE = `now() - interval '${DUPLICATE_WINDOW_DAYS} days'`;
/**
 * $1 credit code, $2 right number, $3 phone, $4 name, $5 the complaint to leave out.
 *
 * Names are compared by their core, ipe_name_core (migration 1764300000007): without case, spaces, punctuation and
 * the legal form at the end (有限公司, 股份有限公司, 经营部, Co. Ltd. …), which in Chinese enterprise names is a large
 * share of the trigrams and made every …有限公司 look alike. They are searched in complaint_names, the narrow copy
 * of each complaint's name core kept by a trigger, whose window stays in PostgreSQL's cache. `%` is similarity at
 * least pg_trgm.similarity_threshold, which every connection sets to DUPLICATE_NAME_SIMILARITY (data-source-options).
 * received_on (the Asia/Shanghai day of received_at) bounds the name branch too: it is implied by the window and is
 * the first key of complaint_names_trgm_idx, which thereby matches only the window's candidates.
 *
 * The ten best are chosen from the hits before complaints is read, so only their ten rows are fetched.
 */
const DUPLICATES_SQL = `
  WITH hits AS (
    SELECT id, received_at, 'respondent_uscc' AS reason, NULL::real AS sim FROM complaints
     WHERE $1::text IS NOT NULL AND respondent_uscc = $1 AND received_at >= ${SINCE}
    UNION ALL
    SELECT id, received_at, 'right_number', NULL FROM complaints
     WHERE $2::text IS NOT NULL AND right_number = $2 AND received_at >= ${SINCE}
    UNION ALL
    SELECT id, received_at, 'phone', NULL FROM complaints
     WHERE $3::text IS NOT NULL AND complainant_phone = $3 AND received_at >= ${SINCE}
    UNION ALL
    SELECT complaint_id, received_at, 'respondent_name', similarity(name_core, ipe_name_core($4)) FROM complaint_names
     WHERE $4::text IS NOT NULL AND char_length(ipe_name_core($4)) >= 2 AND name_core % ipe_name_core($4)
       AND received_at >= ${SINCE} AND received_on >= ((${SINCE}) AT TIME ZONE 'Asia/Shanghai')::date
  ),
  top AS (
    SELECT id, array_agg(DISTINCT reason) AS reasons, max(sim) AS similarity, count(DISTINCT reason) AS n,
           max(received_at) AS received_at
      FROM hits WHERE $5::uuid IS NULL OR id <> $5::uuid
     GROUP BY id ORDER BY n DESC, similarity DESC NULLS LAST, received_at DESC
     LIMIT 10
  )
  SELECT c.id, c.tracking_no, c.received_at, c.state, c.respondent_name, c.region_code, c.office_id, t.reasons,
         t.similarity
    FROM top t JOIN complaints c ON c.id = t.id
   ORDER BY t.n DESC, t.similarity DESC NULLS LAST, t.received_at DESC`;

/** The console's live duplicate check (issue 5), read while the operator types. */
@Injectable()
export class ComplaintDuplicateFinder {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly scope: ScopePolicy,
  ) {}

  /**
   * Possible duplicates of what the operator is typing: the same respondent credit code, right number or caller
   * phone within 90 days, or a respondent name whose core (the name without its legal form) is similar by trigrams
   * (at least DUPLICATE_NAME_SIMILARITY, 0.4 by default) within 90 days. Each hit says why; the 10 with the most
   * reasons come first, then the most similar names, then the most recent. One statement.
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
    const phone = await this.phoneOf(q.phone, q.excludeId);
    const name = text(q.respondentName) ?? null;
    if (!uscc && !right && !phone && !(name && name.length >= 3)) return [];
    const params = [uscc, right, phone, name, isUuid(q.excludeId) ? q.excludeId : null];
    const rows = (await this.txHost.tx.query(DUPLICATES_SQL, params)) as Row[];
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

  /**
   * The phone to look for. A saved complaint's detail shows its phone masked (issue 9), so the merge dialog sends
   * that back with the complaint's id: the stored phone of that complaint stands in for it when it has that mask.
   * Any other masked value matches nothing.
   */
  private async phoneOf(phone: string | undefined, complaintId: string | undefined): Promise<string | null> {
    const typed = text(phone) ?? null;
    if (!typed || !looksMasked(typed)) return typed;
    if (!isUuid(complaintId)) return null;
    const [row] = (await this.txHost.tx.query(`SELECT complainant_phone FROM complaints WHERE id = $1`, [
      complaintId,
    ])) as { complainant_phone: string | null }[];
    const stored = row?.complainant_phone ?? null;
    return stored && maskPhone(stored) === typed ? stored : null;
  }
}

/** A complaint is visible to its handling office and to staff whose region contains where it happens. */
export function visibleTo(scope: ScopePolicy, actor: Actor, r: Row): boolean {
  const region = r.region_code as string | null;
  const root = scope.rootOf(actor);
  return root === null || r.office_id === actor.officeId || (region !== null && isWithin(region, root));
}
