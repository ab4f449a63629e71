import { AuditWriter } from '@app/audit';
import { CalendarService } from '@app/calendar';
import { CaseHooks, CaseService, type CaseRef } from '@app/cases';
import type { Actor, Competence } from '@app/contracts';
import {
  commonSuperiorRegion,
  CRIMINAL_TEAM_MIN,
  boundedText,
  deadlineWithTolling,
  DomainError,
  failValidation,
  fieldViolation,
  INVALID_REQUEST,
  ipTypeDef,
  isUuid,
  isValidIsoDate,
  isWithin,
  JURISDICTION_BASES,
  jurisdictionRuleFor,
  OPEN_CASE_STATES,
  OPEN_REFERRAL_STATES,
  REFERRAL_ACTIONS,
  REFERRAL_KIND_CODES,
  REFERRAL_KINDS,
  REFERRAL_STATES,
  REFERRAL_TRANSITIONS,
  referralRule,
  referralStart,
  referralTransition,
  shanghaiDate,
  type CaseState,
  type FieldViolation,
  type ReferralClock,
  type ReferralKind,
  type ReferralState,
  type ReferralTransition,
  validateUscc,
  labelOf,
} from '@app/domain';
import { inOrder } from '@app/database';
import {
  ComplaintHooks,
  ComplaintNotifier,
  ComplaintService,
  ComplaintStore,
  type ComplaintRef,
} from '@app/intake';
import { OutboxWriter, type OutboxMessage } from '@app/outbox';
import { RoutingCatalog } from '@app/regions';
import { TransactionHost, Transactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type {
  AvailableReferralAction,
  CaseTravel,
  JurisdictionSuggestions,
  OfficeRef,
  ReferralDetail,
  ReferralSummary,
} from './referral-views';

export interface CreateReferralInput {
  kind: string;
  /** The receiving office; for a joint action, `toOfficeIds` lists every participant. */
  toOfficeId?: string;
  toOfficeIds?: string[];
  reason: string;
  legalBasis?: string;
  /** What the receiving office is asked to do (assistance, joint action). */
  request?: string;
  /** Evidence of the case the receiving office may see. */
  evidenceIds?: string[];
  /** Jurisdiction: the county the case will be handled in (default: the receiving office's region). */
  targetRegionCode?: string;
  /** Criminal transfer: the special team (two or more officers of the handling office). */
  teamUserIds?: string[];
  caseSummary?: string;
  suspicionBasis?: string;
  valueInvolvedFen?: number;
  caseHandling?: string;
}

export interface ReferralActInput {
  version: number;
  reason?: string;
  answer?: string;
  /** The date on the police's written notice (police steps recorded from paper). */
  documentDate?: string;
  designatedOfficeId?: string;
  /** Designation: the county the designated office handles the case in. */
  regionCode?: string;
}

export interface ReferralListQuery {
  direction?: 'incoming' | 'outgoing';
  state?: 'open' | 'closed';
  kind?: string;
  caseId?: string;
  complaintId?: string;
  page?: number;
  pageSize?: number;
}

interface Row {
  id: string;
  referral_no: string;
  kind: ReferralKind;
  state: ReferralState;
  case_id: string | null;
  complaint_id: string | null;
  external_case: Record<string, unknown> | null;
  group_id: string | null;
  from_office_id: string;
  from_office_name: string;
  from_region: string;
  to_office_id: string;
  to_office_name: string;
  to_region: string;
  reason: string;
  legal_basis: string | null;
  request: string | null;
  target_region_code: string | null;
  requester_told_at: Date | null;
  team_user_ids: string[];
  case_summary: string | null;
  suspicion_basis: string | null;
  value_involved_fen: string | null;
  case_handling: 'suspend' | 'continue' | null;
  case_suspended: boolean;
  approved_at: Date | null;
  sent_at: Date | null;
  answer: string | null;
  superior_region_code: string | null;
  designated_office_id: string | null;
  clock: ReferralClock | null;
  rule_id: string | null;
  due_at: Date | null;
  partner_id: string | null;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
  c_case_no: string | null;
  c_title: string | null;
  c_ip_type: string | null;
  c_region_code: string | null;
  c_status: string | null;
  c_office_id: string | null;
  p_tracking_no: string | null;
  p_respondent: string | null;
  p_ip_type: string | null;
  p_region_code: string | null;
  p_state: string | null;
  p_category: string | null;
  p_office_id: string | null;
}

interface EventRow {
  action: string;
  from_state: string | null;
  to_state: string;
  actor_name: string | null;
  office_name: string | null;
  reason: string | null;
  document_date: string | null;
  at: Date;
}

interface GroupRow {
  id: string;
  referral_no: string;
  state: ReferralState;
  to_id: string;
  to_name: string;
  to_region: string;
}

interface OfficeRow {
  id: string;
  name: string;
  region_code: string;
  competences: string[];
}

/** A new referral's number, e.g. YS2026000012: the year in Asia/Shanghai and the next value of referral_no_seq. */
export const REFERRAL_NO_SQL = `'YS' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY') || lpad(nextval('referral_no_seq')::text, 6, '0')`;

const SELECT = `
  SELECT r.*, r.value_involved_fen::text AS value_involved_fen,
         fo.name AS from_office_name, fo.region_code AS from_region,
         t.name AS to_office_name, t.region_code AS to_region,
         c.case_no AS c_case_no, c.title AS c_title, c.ip_type AS c_ip_type, c.region_code AS c_region_code,
         c.status AS c_status, c.office_id AS c_office_id,
         p.tracking_no AS p_tracking_no, coalesce(p.respondent_name, p.respondent_shop, p.respondent_url) AS p_respondent,
         p.ip_type AS p_ip_type, p.region_code AS p_region_code, p.state AS p_state, p.category AS p_category,
         p.office_id AS p_office_id
    FROM referrals r
    JOIN offices fo ON fo.id = r.from_office_id
    JOIN offices t ON t.id = r.to_office_id
    LEFT JOIN cases c ON c.id = r.case_id
    LEFT JOIN complaints p ON p.id = r.complaint_id`;

/** Kinds a complaint can be referred by; a joint action or a criminal transfer needs the case filed first. */
const COMPLAINT_REFERRAL_KINDS: ReferralKind[] = ['jurisdiction', 'assistance'];

/** What a referral is about, as the steps need it: a case or a complaint of ours (null: a partner's own case). */
interface Subject {
  type: 'case' | 'complaint';
  id: string;
  officeId: string;
  /** Where the infringement happened. */
  regionCode: string | null;
  ipType: string | null;
}

function subjectOf(r: Row): Subject | null {
  if (r.case_id) {
    return {
      type: 'case',
      id: r.case_id,
      officeId: r.c_office_id!,
      regionCode: r.c_region_code,
      ipType: r.c_ip_type,
    };
  }
  if (r.complaint_id) {
    return {
      type: 'complaint',
      id: r.complaint_id,
      officeId: r.p_office_id!,
      regionCode: r.p_region_code,
      ipType: r.p_ip_type,
    };
  }
  return null;
}

/** States in which the receiving office reads the referred case (and the evidence selected for it). */
const GRANTING_STATES: ReferralState[] = ['sent', 'received', 'accepted', 'answered'];

const fail = (violations: FieldViolation[]): never => failValidation(violations, INVALID_REQUEST);
const field = fieldViolation;
const text = (v: unknown, max = 2000) => boundedText(v, max);

/**
 * Referrals between offices (issue 6; domain.md §3 and §1.6): jurisdiction transfers, assistance requests, joint
 * actions and criminal transfers, each a state machine of libs/domain/src/referrals with its own clock. Every step
 * is one transaction with its history row, audit event and outbox notice — to the other side's office and, on the
 * `referral.changed` topic, to partner systems' webhooks.
 *
 * Access follows the referral through CaseHooks (registered here): the receiving office reads the referred case and
 * the evidence selected for it while the referral is with it; a case with an open criminal transfer cannot be
 * closed (以罚代移 is refused).
 */
@Injectable()
export class ReferralService implements OnModuleInit {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cases: CaseService,
    private readonly hooks: CaseHooks,
    private readonly calendar: CalendarService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly routing: RoutingCatalog,
    private readonly complaints: ComplaintService,
    private readonly complaintStore: ComplaintStore,
    private readonly complaintHooks: ComplaintHooks,
    private readonly complainants: ComplaintNotifier,
  ) {}

  onModuleInit(): void {
    this.hooks.registerGrant((actor, c) => this.grantFor(actor, c));
    this.hooks.registerGuard((c, action) => this.guard(c, action));
    this.complaintHooks.registerGrant((actor, c) => this.complaintGrant(actor, c));
    this.complaintHooks.registerGuard((c) => this.complaintGuard(c));
  }

  private q<T>(sql: string, params: unknown[] = []): Promise<T> {
    return this.txHost.tx.query(sql, params) as Promise<T>;
  }

  // —— access seams ——

  private async grantFor(actor: Actor, c: CaseRef) {
    if (!actor.officeId) return null;
    const rows = await this.q<{ referral_no: string; evidence: string[] }[]>(
      `SELECT r.referral_no, coalesce(array_agg(e.evidence_id) FILTER (WHERE e.evidence_id IS NOT NULL), '{}') AS evidence
         FROM referrals r LEFT JOIN referral_evidence e ON e.referral_id = r.id
        WHERE r.case_id = $1 AND r.to_office_id = $2 AND r.state = ANY($3::text[])
        GROUP BY r.id`,
      [c.id, actor.officeId, GRANTING_STATES],
    );
    if (!rows.length) return null;
    return {
      reason: `referral ${rows.map((r) => r.referral_no).join(', ')}`,
      evidenceIds: [...new Set(rows.flatMap((r) => r.evidence))],
    };
  }

  private async guard(c: CaseRef, action: string): Promise<void> {
    if (action !== 'close' && action !== 'archive') return;
    const open = await this.q<{ referral_no: string }[]>(
      `SELECT referral_no FROM referrals WHERE case_id = $1 AND kind = 'criminal' AND state = ANY($2::text[])`,
      [c.id, OPEN_REFERRAL_STATES],
    );
    if (open.length) {
      throw new DomainError(
        'CRIMINAL_TRANSFER_OPEN',
        `涉嫌犯罪案件移送 ${open[0].referral_no} 尚未办结，不得以罚代移、径行结案 / The criminal transfer ${open[0].referral_no} is still open: the case cannot be closed before it ends`,
        { referralNo: open[0].referral_no },
      );
    }
  }

  /** The receiving office reads a complaint referred to it while the referral is with it. */
  private async complaintGrant(actor: Actor, c: ComplaintRef) {
    if (!actor.officeId) return null;
    const rows = await this.q<{ referral_no: string }[]>(
      `SELECT referral_no FROM referrals WHERE complaint_id = $1 AND to_office_id = $2 AND state = ANY($3::text[])
        ORDER BY created_at`,
      [c.id, actor.officeId, GRANTING_STATES],
    );
    return rows.length ? { reason: `referral ${rows.map((r) => r.referral_no).join(', ')}` } : null;
  }

  /**
   * While a complaint's transfer is open the sending office takes no decision on it: the receiving office may
   * accept it, or the superior designate another office.
   */
  private async complaintGuard(c: ComplaintRef): Promise<void> {
    const open = await this.q<{ referral_no: string; state: string }[]>(
      `SELECT referral_no, state FROM referrals WHERE complaint_id = $1 AND kind = 'jurisdiction' AND state = ANY($2::text[])`,
      [c.id, OPEN_REFERRAL_STATES],
    );
    if (open.length) {
      const { referral_no: no, state } = open[0];
      throw new DomainError(
        'REFERRAL_OPEN',
        state === 'returned'
          ? `工单的移送 ${no} 已被退回：请先办结该移送（留在本机关办理）或报请共同上级指定管辖 / The transfer ${no} came back: close it to keep the complaint, or escalate it for designation, before acting on the complaint`
          : `工单正在移送 ${no}，接收机关答复前不能办理；如需自行办理请先撤回移送 / The complaint is being transferred (${no}): wait for the receiving office's answer, or withdraw the transfer first`,
        { referralNo: no, state },
      );
    }
  }

  // —— reads ——

  async list(
    actor: Actor,
    query: ReferralListQuery,
  ): Promise<{
    items: ReferralSummary[];
    total: number;
    page: number;
    pageSize: number;
    counts: { incoming: number; outgoing: number; incomingOverdue: number; outgoingOverdue: number };
  }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const mine = this.officeFilter(actor);
    const direction = query.direction ?? 'incoming';
    if (query.kind) {
      if (!REFERRAL_KIND_CODES.includes(query.kind as ReferralKind)) {
        fail([field('kind', `kind must be one of ${REFERRAL_KIND_CODES.join(', ')}`, '移送类型无效')]);
      }
      where.push(`r.kind = ${p(query.kind)}`);
    }
    if (query.caseId) {
      if (!isUuid(query.caseId)) fail([field('caseId', 'caseId must be a UUID', '案件编号无效')]);
      where.push(`r.case_id = ${p(query.caseId)}`);
    }
    if (query.complaintId) {
      if (!isUuid(query.complaintId))
        fail([field('complaintId', 'complaintId must be a UUID', '工单编号无效')]);
      where.push(`r.complaint_id = ${p(query.complaintId)}`);
    }
    if (query.state) {
      const closed = p(closedStates());
      where.push(
        query.state === 'open' ? `r.state <> ALL(${closed}::text[])` : `r.state = ANY(${closed}::text[])`,
      );
    }
    const side = direction === 'incoming' ? 't' : 'fo';
    where.push(mine(side, p));
    const whereSql = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.q<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM referrals r JOIN offices fo ON fo.id = r.from_office_id
         JOIN offices t ON t.id = r.to_office_id ${whereSql}`,
      [...params],
    );
    const rows = await this.q<Row[]>(
      `${SELECT} ${whereSql}
        ORDER BY (r.due_at IS NOT NULL AND r.due_at < now() AND r.state = ANY(${p(OPEN_REFERRAL_STATES)}::text[])) DESC,
                 r.due_at ASC NULLS LAST, r.created_at DESC
        LIMIT ${p(pageSize)} OFFSET ${p((page - 1) * pageSize)}`,
      params,
    );
    const countParams: unknown[] = [];
    const cp = (v: unknown) => (countParams.push(v), `$${countParams.length}`);
    const inSql = mine('t', cp);
    const outSql = mine('fo', cp);
    const openSql = cp(OPEN_REFERRAL_STATES);
    const [counts] = await this.q<
      { incoming: number; outgoing: number; incoming_overdue: number; outgoing_overdue: number }[]
    >(
      `SELECT count(*) FILTER (WHERE ${inSql} AND r.state = ANY(${openSql}::text[]))::int AS incoming,
              count(*) FILTER (WHERE ${outSql} AND r.state = ANY(${openSql}::text[]))::int AS outgoing,
              count(*) FILTER (WHERE ${inSql} AND r.state = ANY(${openSql}::text[]) AND r.due_at < now())::int AS incoming_overdue,
              count(*) FILTER (WHERE ${outSql} AND r.state = ANY(${openSql}::text[]) AND r.due_at < now())::int AS outgoing_overdue
         FROM referrals r JOIN offices fo ON fo.id = r.from_office_id JOIN offices t ON t.id = r.to_office_id`,
      countParams,
    );
    return {
      items: rows.map((r) => this.summary(r)),
      total,
      page,
      pageSize,
      counts: {
        incoming: counts.incoming,
        outgoing: counts.outgoing,
        incomingOverdue: counts.incoming_overdue,
        outgoingOverdue: counts.outgoing_overdue,
      },
    };
  }

  /**
   * The offices whose referrals the actor sees on one side: their own office; a supervisor also every office in
   * their region; an admin everything.
   */
  private officeFilter(actor: Actor) {
    return (alias: string, p: (v: unknown) => string): string => {
      if (actor.roles.includes('admin')) return 'true';
      const own = actor.officeId ? `${alias}.id = ${p(actor.officeId)}` : 'false';
      if (!actor.roles.includes('supervisor')) return own;
      return `(${own} OR left(${alias}.region_code, ${p(regionPrefixLength(actor.regionCode))}) = ${p(
        actor.regionCode.slice(0, regionPrefixLength(actor.regionCode)),
      )})`;
    };
  }

  async get(actor: Actor, id: string): Promise<ReferralDetail> {
    const r = await this.readable(actor, id);
    return this.detail(actor, r);
  }

  async forCase(actor: Actor, caseId: string): Promise<ReferralSummary[]> {
    const c = await this.cases.readable(actor, caseId);
    const rows = await this.q<Row[]>(`${SELECT} WHERE r.case_id = $1 ORDER BY r.created_at DESC`, [c.id]);
    return rows.filter((r) => this.mayRead(actor, r)).map((r) => this.summary(r));
  }

  async forComplaint(actor: Actor, complaintId: string): Promise<ReferralSummary[]> {
    const c = await this.complaintStore.detail(actor, complaintId);
    const rows = await this.q<Row[]>(`${SELECT} WHERE r.complaint_id = $1 ORDER BY r.created_at DESC`, [
      c.id,
    ]);
    return rows.filter((r) => this.mayRead(actor, r)).map((r) => this.summary(r));
  }

  /** Where the case has been handled, first office first. */
  async travel(actor: Actor, caseId: string): Promise<CaseTravel> {
    const c = await this.cases.readable(actor, caseId);
    const moves = await this.q<
      {
        referral_id: string | null;
        from_office_id: string;
        from_name: string;
        from_office_region: string;
        to_office_id: string;
        to_name: string;
        to_office_region: string;
        from_region_code: string;
        to_region_code: string;
        from_case_no: string | null;
        to_case_no: string | null;
        how: 'accepted' | 'designated';
        moved_at: Date;
      }[]
    >(
      `SELECT h.*, f.name AS from_name, f.region_code AS from_office_region, t.name AS to_name,
              t.region_code AS to_office_region
         FROM case_office_history h JOIN offices f ON f.id = h.from_office_id JOIN offices t ON t.id = h.to_office_id
        WHERE h.case_id = $1 ORDER BY h.id`,
      [c.id],
    );
    const [created] = await this.q<{ created_at: Date }[]>(`SELECT created_at FROM cases WHERE id = $1`, [
      c.id,
    ]);
    const stops: CaseTravel['stops'] = [];
    if (!moves.length) {
      stops.push({
        office: { id: c.office_id, name: c.office_name, regionCode: c.region_code },
        regionCode: c.region_code,
        caseNo: c.case_no,
        from: created.created_at.toISOString(),
        how: 'registered',
        referralId: null,
      });
    } else {
      const first = moves[0];
      stops.push({
        office: { id: first.from_office_id, name: first.from_name, regionCode: first.from_office_region },
        regionCode: first.from_region_code,
        caseNo: first.from_case_no,
        from: created.created_at.toISOString(),
        how: 'registered',
        referralId: null,
      });
      for (const m of moves) {
        stops.push({
          office: { id: m.to_office_id, name: m.to_name, regionCode: m.to_office_region },
          regionCode: m.to_region_code,
          caseNo: m.to_case_no ?? m.from_case_no,
          from: m.moved_at.toISOString(),
          how: m.how,
          referralId: m.referral_id,
        });
      }
    }
    return { caseId: c.id, stops };
  }

  /**
   * Offices that may have jurisdiction over the case by the rule of its IP type (domain.md §3,
   * JURISDICTION_RULES): the competent office of the place of infringement and of the respondent's domicile (from
   * its credit code or resident ID), each office once with every basis that leads to it; `current` marks the
   * handling office. Shown in the referral dialog before a jurisdiction transfer.
   */
  async suggestions(actor: Actor, caseId: string): Promise<JurisdictionSuggestions> {
    const c = await this.cases.readable(actor, caseId);
    const [flags] = await this.q<{ online: boolean }[]>(`SELECT online FROM cases WHERE id = $1`, [c.id]);
    const parties = await this.q<{ uscc: string | null; id_number: string | null }[]>(
      `SELECT uscc, id_number FROM case_parties WHERE case_id = $1 AND role = 'respondent' ORDER BY created_at`,
      [c.id],
    );
    return this.suggestFor({
      ipType: c.ip_type,
      online: flags.online,
      regionCode: c.region_code,
      officeId: c.office_id,
      domiciles: parties.flatMap((p) => domicileOf(p.uscc, p.id_number)),
    });
  }

  /** The same for a complaint: its place, and the respondent's domicile from the credit code on it. */
  async complaintSuggestions(actor: Actor, complaintId: string): Promise<JurisdictionSuggestions> {
    const c = await this.complaintStore.detail(actor, complaintId);
    return this.suggestFor({
      ipType: c.ipType,
      online: !!(c.respondentPlatform || c.respondentUrl),
      regionCode: c.regionCode,
      officeId: c.officeId,
      domiciles: domicileOf(c.respondentUscc, null),
    });
  }

  private async suggestFor(c: {
    ipType: string | null;
    online: boolean;
    regionCode: string | null;
    officeId: string | null;
    domiciles: string[];
  }): Promise<JurisdictionSuggestions> {
    const rule = c.ipType ? jurisdictionRuleFor(c.ipType, c.online) : undefined;
    const competence = c.ipType ? ipTypeDef(c.ipType)?.competence : undefined;
    if (!rule || !competence) return { rule: null, offices: [] };
    const domiciles = c.domiciles;
    const routing = await this.routing.current();
    const known = (code: string) =>
      [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`].find(
        (x) => routing.regionName(x) !== null,
      ) ?? null;
    const byOffice = new Map<string, JurisdictionSuggestions['offices'][number]>();
    for (const basis of rule.bases) {
      const regions = basis === 'place_of_infringement' ? (c.regionCode ? [c.regionCode] : []) : domiciles;
      for (const raw of regions) {
        const region = known(raw);
        if (!region) continue;
        // The handling office already has jurisdiction where its region holds the place and it has the competence;
        // elsewhere the competent office is the nearest one up the place's region chain.
        const own = c.officeId ? routing.office(c.officeId) : null;
        const office =
          own && isWithin(region, own.regionCode) && own.competences.includes(competence as Competence)
            ? own
            : routing.competentOffice(region, competence as Competence);
        if (!office) continue;
        const entry = byOffice.get(office.id) ?? {
          office: { id: office.id, name: office.name, regionCode: office.regionCode },
          regionCode: region,
          regionName: routing.regionName(region),
          bases: [],
          current: office.id === c.officeId,
        };
        if (!entry.bases.some((b) => b.code === basis)) {
          entry.bases.push({ code: basis, ...labelOf(JURISDICTION_BASES, basis) });
        }
        byOffice.set(office.id, entry);
      }
    }
    return {
      rule: {
        id: rule.id,
        source: `${rule.source.law} ${rule.source.article}`,
        confidence: rule.source.confidence,
      },
      offices: [...byOffice.values()],
    };
  }

  private async readable(actor: Actor, id: string, lock = false): Promise<Row> {
    const rows = isUuid(id)
      ? await this.q<Row[]>(`${SELECT} WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`, [id])
      : [];
    const r = rows[0];
    if (!r) throw new DomainError('NOT_FOUND', `Referral ${id} not found`, { id });
    if (!this.mayRead(actor, r)) {
      throw new DomainError(
        'OUT_OF_SCOPE',
        '该移送不涉及您的机关或辖区 / This referral concerns neither your office nor your region',
      );
    }
    return r;
  }

  /** Both offices' staff, supervisors over either office (or over the common superior), and admins. */
  private mayRead(actor: Actor, r: Row): boolean {
    if (actor.roles.includes('admin')) return true;
    if (actor.officeId === r.from_office_id || actor.officeId === r.to_office_id) return true;
    if (!actor.roles.includes('supervisor')) return false;
    return [r.from_region, r.to_region].some((code) => isWithin(code, actor.regionCode));
  }

  private summary(r: Row): ReferralSummary {
    const open = OPEN_REFERRAL_STATES.includes(r.state);
    return {
      id: r.id,
      referralNo: r.referral_no,
      kind: r.kind,
      kindLabel: labelOf(REFERRAL_KINDS, r.kind),
      state: r.state,
      stateLabel: labelOf(REFERRAL_STATES, r.state),
      open,
      groupId: r.group_id,
      from: { id: r.from_office_id, name: r.from_office_name, regionCode: r.from_region },
      to: { id: r.to_office_id, name: r.to_office_name, regionCode: r.to_region },
      case: r.case_id
        ? {
            id: r.case_id,
            caseNo: r.c_case_no,
            title: r.c_title ?? '',
            ipType: r.c_ip_type,
            regionCode: r.c_region_code,
            status: r.c_status,
          }
        : r.complaint_id
          ? {
              id: null,
              caseNo: null,
              title: `${r.p_tracking_no} ${r.p_respondent ?? ''}`.trim(),
              ipType: r.p_ip_type,
              regionCode: r.p_region_code,
              status: null,
            }
          : {
              id: null,
              caseNo: (r.external_case?.caseNo as string) ?? null,
              title: (r.external_case?.title as string) ?? '',
              ipType: (r.external_case?.ipType as string) ?? null,
              regionCode: (r.external_case?.regionCode as string) ?? null,
              status: null,
              external: r.external_case ?? undefined,
            },
      complaint: r.complaint_id
        ? { id: r.complaint_id, trackingNo: r.p_tracking_no!, category: r.p_category!, state: r.p_state! }
        : null,
      reason: r.reason,
      clock: r.clock,
      dueAt: r.due_at ? new Date(r.due_at).toISOString() : null,
      overdue: open && r.due_at !== null && new Date(r.due_at).getTime() < Date.now(),
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
      version: r.version,
    };
  }

  private async detail(actor: Actor, r: Row): Promise<ReferralDetail> {
    const [evidence, events, team, group, designated, partner] = await inOrder(
      () =>
        this.q<{ id: string; title: string; kind: string; sha256: string }[]>(
          `SELECT e.id, e.title, e.kind, e.sha256 FROM referral_evidence re JOIN case_evidence e ON e.id = re.evidence_id
            WHERE re.referral_id = $1 ORDER BY e.created_at, e.id`,
          [r.id],
        ),
      () =>
        this.q<EventRow[]>(
          `SELECT ev.action, ev.from_state, ev.to_state, u.display_name AS actor_name, o.name AS office_name, ev.reason,
                  ev.document_date::text AS document_date, ev.at
             FROM referral_events ev LEFT JOIN users u ON u.id = ev.actor_id LEFT JOIN offices o ON o.id = ev.office_id
            WHERE ev.referral_id = $1 ORDER BY ev.id`,
          [r.id],
        ),
      () =>
        this.q<{ id: string; display_name: string }[]>(
          `SELECT id, display_name FROM users WHERE id = ANY($1::uuid[]) ORDER BY display_name`,
          [r.team_user_ids],
        ),
      () =>
        r.group_id
          ? this.q<GroupRow[]>(
              `SELECT r.id, r.referral_no, r.state, o.id AS to_id, o.name AS to_name, o.region_code AS to_region
                 FROM referrals r JOIN offices o ON o.id = r.to_office_id WHERE r.group_id = $1 AND r.id <> $2
                ORDER BY r.referral_no`,
              [r.group_id, r.id],
            )
          : Promise.resolve([] as GroupRow[]),
      () => (r.designated_office_id ? this.office(r.designated_office_id, false) : Promise.resolve(null)),
      () =>
        r.partner_id
          ? this.q<{ id: string; name: string }[]>(`SELECT id, name FROM partner_systems WHERE id = $1`, [
              r.partner_id,
            ])
          : Promise.resolve([] as { id: string; name: string }[]),
    );
    return {
      ...this.summary(r),
      legalBasis: r.legal_basis,
      request: r.request,
      targetRegionCode: r.target_region_code,
      requesterToldAt: r.requester_told_at ? new Date(r.requester_told_at).toISOString() : null,
      team: team.map((u) => ({ id: u.id, displayName: u.display_name })),
      caseSummary: r.case_summary,
      suspicionBasis: r.suspicion_basis,
      valueInvolvedFen: r.value_involved_fen === null ? null : Number(r.value_involved_fen),
      caseHandling: r.case_handling,
      approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
      sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
      answer: r.answer,
      superiorRegionCode: r.superior_region_code,
      designatedOffice: designated ? toRef(designated) : null,
      ruleId: r.rule_id,
      evidence,
      group: group.map((g) => ({
        id: g.id,
        referralNo: g.referral_no,
        state: g.state,
        to: { id: g.to_id, name: g.to_name, regionCode: g.to_region },
      })),
      events: events.map((e) => ({
        action: e.action,
        fromState: e.from_state,
        toState: e.to_state,
        actorName: e.actor_name,
        officeName: e.office_name,
        reason: e.reason,
        documentDate: e.document_date,
        at: new Date(e.at).toISOString(),
      })),
      partner: partner[0] ? { id: partner[0].id, name: partner[0].name, externalId: r.external_id } : null,
      actions: this.available(actor, r),
    };
  }

  private available(actor: Actor, r: Row): AvailableReferralAction[] {
    return REFERRAL_TRANSITIONS.filter(
      (t) => t.kinds.includes(r.kind) && t.from.includes(r.state) && this.mayTake(actor, r, t),
    ).map((t) => ({
      action: t.action,
      label: labelOf(REFERRAL_ACTIONS, t.action),
      to: t.to,
      requires: [...t.requires],
    }));
  }

  /** Whether the actor stands on the step's side with one of its roles. */
  private mayTake(actor: Actor, r: Row, t: ReferralTransition): boolean {
    if (t.side === 'superior' && r.superior_region_code === null) return actor.roles.includes('admin');
    if (!t.roles.some((role) => actor.roles.includes(role))) return false;
    const staffOf = (officeId: string, region: string) =>
      actor.officeId === officeId ||
      (actor.roles.includes('supervisor') && isWithin(region, actor.regionCode));
    switch (t.side) {
      case 'sender':
      case 'police': // recorded by the sending office from the police's written notice
        return staffOf(r.from_office_id, r.from_region);
      case 'receiver':
        return staffOf(r.to_office_id, r.to_region);
      case 'superior':
        return r.superior_region_code === null
          ? actor.roles.includes('admin')
          : actor.roles.includes('supervisor') && isWithin(r.superior_region_code, actor.regionCode);
    }
  }

  // —— commands ——

  /** Refers a case: one referral, or one per participant of a joint action. Returns the first. */
  @Transactional()
  async create(actor: Actor, caseId: string, input: CreateReferralInput): Promise<ReferralDetail> {
    const c = await this.cases.readable(actor, caseId, true);
    if (!this.cases.canAct(actor, c)) {
      throw new DomainError(
        'FORBIDDEN',
        '只有承办机关的执法人员或辖区负责人可以移送该案件 / Only officers of the handling office or supervisors over its region may refer this case',
      );
    }
    if (!OPEN_CASE_STATES.includes(c.status as CaseState)) {
      throw new DomainError(
        'INVALID_TRANSITION',
        `案件已${c.status}，不能移送 / The case is no longer open (${c.status})`,
      );
    }
    const kind = input.kind as ReferralKind;
    if (!REFERRAL_KIND_CODES.includes(kind)) {
      fail([field('kind', `kind must be one of ${REFERRAL_KIND_CODES.join(', ')}`, '请选择移送类型')]);
    }
    return this.refer(
      actor,
      {
        type: 'case',
        id: c.id,
        officeId: c.office_id,
        regionCode: c.region_code,
        ipType: c.ip_type,
        number: c.case_no,
        title: c.title,
      },
      kind,
      input,
    );
  }

  /**
   * Refers a complaint: a transfer to the competent office (before the acceptance decision; the complainant is told
   * first) or an assistance request (e.g. verify the respondent's address before deciding). A joint action or a
   * criminal transfer needs the case filed first. The receiving office reads the complaint (not its confidential
   * complainant's identity) while the referral is with it; accepting a transfer moves the complaint to it.
   */
  @Transactional()
  async createForComplaint(
    actor: Actor,
    complaintId: string,
    input: CreateReferralInput,
  ): Promise<ReferralDetail> {
    const c = await this.complaintStore.lockVisible(actor, complaintId);
    const trackingNo = c.tracking_no as string;
    const isSupervisorOver = actor.roles.includes('supervisor');
    if (c.office_id !== actor.officeId && !isSupervisorOver) {
      throw new DomainError(
        'FORBIDDEN',
        '只有承办机关的执法人员或辖区负责人可以移送该工单 / Only officers of the handling office or supervisors over its region may refer this complaint',
      );
    }
    if (!c.office_id) {
      throw new DomainError(
        'INVALID_TRANSITION',
        `工单 ${trackingNo} 尚未分办，请先分办 / Complaint ${trackingNo} has no handling office yet: triage it first`,
      );
    }
    const kind = input.kind as ReferralKind;
    if (!COMPLAINT_REFERRAL_KINDS.includes(kind)) {
      fail([
        field(
          'kind',
          `A complaint is referred by ${COMPLAINT_REFERRAL_KINDS.join(' or ')}; file it as a case for a joint action or a criminal transfer`,
          '工单只能移送管辖或请求协助；联合执法、涉嫌犯罪移送须先立案',
        ),
      ]);
    }
    const states = kind === 'jurisdiction' ? ['received', 'triaged'] : ['received', 'triaged', 'accepted'];
    if (!states.includes(c.state as string)) {
      throw new DomainError(
        'INVALID_TRANSITION',
        c.case_id
          ? `工单 ${trackingNo} 已立案，请在案件中移送 / Complaint ${trackingNo} has been filed as a case: refer the case`
          : kind === 'jurisdiction'
            ? `工单 ${trackingNo} 已作出受理决定，不能再移送管辖 / Complaint ${trackingNo} has been decided (${String(c.state)}): only an undecided complaint is transferred`
            : `工单 ${trackingNo} 已办结，不能请求协助 / Complaint ${trackingNo} is no longer open (${String(c.state)})`,
        { state: c.state },
      );
    }
    return this.refer(
      actor,
      {
        type: 'complaint',
        id: c.id as string,
        officeId: c.office_id as string,
        regionCode: c.region_code as string | null,
        ipType: c.ip_type as string | null,
        number: trackingNo,
        title: (c.respondent_name ?? c.respondent_shop ?? c.respondent_url ?? trackingNo) as string,
        complaint: c,
      },
      kind,
      input,
    );
  }

  private async refer(
    actor: Actor,
    c: Subject & { number: string | null; title: string; complaint?: Record<string, unknown> },
    kind: ReferralKind,
    input: CreateReferralInput,
  ): Promise<ReferralDetail> {
    const v: FieldViolation[] = [];
    const reason = text(input.reason);
    if (!reason)
      v.push(
        field('reason', 'Give the reason (1–2000 characters)', '请填写移送理由（1–2000字）', 'REQUIRED'),
      );
    const legalBasis = input.legalBasis === undefined ? null : text(input.legalBasis);
    if (input.legalBasis !== undefined && !legalBasis) {
      v.push(field('legalBasis', 'The legal basis is 1–2000 characters', '法律依据为1–2000字'));
    }
    if (kind === 'jurisdiction' && !legalBasis) {
      v.push(
        field(
          'legalBasis',
          'A jurisdiction transfer needs its legal basis',
          '移送管辖须写明法律依据',
          'REQUIRED',
        ),
      );
    }
    const request = input.request === undefined ? null : text(input.request);
    if ((kind === 'assistance' || kind === 'joint') && !request) {
      v.push(
        field(
          'request',
          'Say what the other office is asked to do',
          '请写明请求协助/联合执法的事项',
          'REQUIRED',
        ),
      );
    }
    // Receiving offices.
    const targetIds =
      kind === 'joint'
        ? [...new Set(input.toOfficeIds ?? (input.toOfficeId ? [input.toOfficeId] : []))]
        : [input.toOfficeId];
    if (!targetIds.length || targetIds.some((id) => !isUuid(id))) {
      v.push(
        field(
          kind === 'joint' ? 'toOfficeIds' : 'toOfficeId',
          'Choose the receiving office',
          '请选择接收机关',
          'REQUIRED',
        ),
      );
    }
    if (v.length) fail(v);
    const needed =
      kind === 'criminal' ? 'public_security' : c.ipType ? ipTypeDef(c.ipType)?.competence : undefined;
    const targets: OfficeRow[] = [];
    for (const id of targetIds as string[]) {
      const office = await this.office(id);
      const at = kind === 'joint' ? 'toOfficeIds' : 'toOfficeId';
      if (!office) {
        v.push(field(at, `Office ${id} is unknown or inactive`, '接收机关不存在或已停用'));
        continue;
      }
      if (office.id === c.officeId) {
        v.push(
          field(at, `A ${c.type} cannot be referred to its own office`, '不能移送给本机关', 'SAME_OFFICE'),
        );
        continue;
      }
      if (needed && !office.competences.includes(needed)) {
        v.push(
          field(
            at,
            kind === 'criminal'
              ? `${office.name} is not a public-security office`
              : `${office.name} has no ${needed} competence`,
            kind === 'criminal' ? `${office.name}不是公安机关` : `${office.name}无该类案件管辖职能`,
            'NOT_COMPETENT',
          ),
        );
        continue;
      }
      targets.push(office);
    }
    // Evidence shared with the receiving office.
    const evidenceIds = [...new Set(input.evidenceIds ?? [])];
    if (evidenceIds.length && c.type === 'complaint') {
      v.push(
        field(
          'evidenceIds',
          'A complaint has no case evidence to select: the receiving office reads the complaint itself',
          '工单移送不选择证据，接收机关可查阅工单本身',
        ),
      );
    } else if (evidenceIds.some((id) => !isUuid(id))) {
      v.push(field('evidenceIds', 'Evidence ids are UUIDs', '证据编号无效'));
    } else if (evidenceIds.length) {
      const found = await this.q<{ id: string }[]>(
        `SELECT id FROM case_evidence WHERE case_id = $1 AND id = ANY($2::uuid[])`,
        [c.id, evidenceIds],
      );
      const missing = evidenceIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) {
        v.push(
          field('evidenceIds', `Not evidence of this case: ${missing.join(', ')}`, '所选证据不属于本案'),
        );
      }
    }
    // Kind-specific facts.
    let targetRegion: string | null = null;
    let team: string[] = [];
    let caseSummary: string | null = null;
    let suspicionBasis: string | null = null;
    let valueFen: number | null = null;
    let handling: 'suspend' | 'continue' | null = null;
    if (kind === 'jurisdiction') {
      const history = await this.q<{ n: number }[]>(
        c.type === 'case'
          ? `SELECT count(*)::int AS n FROM case_office_history WHERE case_id = $1 AND to_office_id = $2 AND how = 'accepted'`
          : `SELECT count(*)::int AS n FROM referrals r
              WHERE r.complaint_id = $1 AND r.to_office_id = $2 AND r.kind = 'jurisdiction'
                AND EXISTS (SELECT 1 FROM referral_events e WHERE e.referral_id = r.id AND e.action = 'accept')`,
        [c.id, c.officeId],
      );
      if (history[0].n > 0) {
        throw new DomainError(
          'ONWARD_TRANSFER_FORBIDDEN',
          c.type === 'case'
            ? '受移送的案件不得再自行移送；如认为无管辖权，应报请共同上级指定管辖 / A case received by a jurisdiction transfer cannot be transferred on; ask the common superior to designate jurisdiction'
            : '受移送的工单不得再自行移送 / A complaint received by a transfer cannot be transferred on',
        );
      }
      const target = targets[0];
      if (c.type === 'complaint') {
        if (input.targetRegionCode !== undefined) {
          v.push(
            field(
              'targetRegionCode',
              'A complaint keeps its place; targetRegionCode is for cases',
              '工单移送不改变发生地，无需填写管辖地区',
            ),
          );
        }
      } else if (target) {
        targetRegion = input.targetRegionCode ?? target.region_code;
        const exists = /^\d{6}$/.test(targetRegion)
          ? await this.q<{ code: string }[]>(`SELECT code FROM regions WHERE code = $1`, [targetRegion])
          : [];
        if (!exists.length || !isWithin(targetRegion, target.region_code)) {
          v.push(
            field(
              'targetRegionCode',
              `Region ${targetRegion} is not within ${target.name}'s region ${target.region_code}`,
              '管辖地区须在接收机关辖区内',
            ),
          );
        }
      }
    }
    if (kind === 'criminal') {
      team = [...new Set(input.teamUserIds ?? [])];
      const members = team.every(isUuid)
        ? await this.q<{ id: string }[]>(
            `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND office_id = $2 AND active AND 'officer' = ANY(roles)`,
            [team, c.officeId],
          )
        : [];
      if (members.length < CRIMINAL_TEAM_MIN || members.length !== team.length) {
        v.push(
          field(
            'teamUserIds',
            `A special team of at least ${CRIMINAL_TEAM_MIN} officers of the handling office reports a criminal transfer`,
            `涉嫌犯罪案件移送须由本机关${CRIMINAL_TEAM_MIN}名以上执法人员组成专案组报告`,
          ),
        );
      }
      caseSummary = text(input.caseSummary, 5000);
      if (!caseSummary)
        v.push(
          field('caseSummary', 'Summarise the case', '请填写涉嫌犯罪案件情况的调查报告摘要', 'REQUIRED'),
        );
      suspicionBasis = text(input.suspicionBasis);
      if (!suspicionBasis) {
        v.push(
          field(
            'suspicionBasis',
            'State why a crime is reasonably suspected',
            '请写明涉嫌犯罪的依据',
            'REQUIRED',
          ),
        );
      }
      if (input.valueInvolvedFen !== undefined) {
        if (!Number.isSafeInteger(input.valueInvolvedFen) || input.valueInvolvedFen < 0) {
          v.push(
            field(
              'valueInvolvedFen',
              'The value involved is whole fen, 0 or more',
              '涉案金额以分为单位，应为非负整数',
            ),
          );
        } else valueFen = input.valueInvolvedFen;
      }
      if (input.caseHandling !== 'suspend' && input.caseHandling !== 'continue') {
        v.push(
          field(
            'caseHandling',
            'Say whether the administrative case is suspended or continues meanwhile (suspend | continue)',
            '请选择移送期间行政案件中止或继续办理',
            'REQUIRED',
          ),
        );
      } else handling = input.caseHandling;
    }
    if (v.length) fail(v);
    const open = await this.q<{ referral_no: string }[]>(
      `SELECT referral_no FROM referrals WHERE ${c.type === 'case' ? 'case_id' : 'complaint_id'} = $1 AND kind = $2
          AND state = ANY($3::text[])
          AND (kind <> 'joint' AND kind <> 'assistance' OR to_office_id = ANY($4::uuid[]))`,
      [c.id, kind, OPEN_REFERRAL_STATES, targets.map((t) => t.id)],
    );
    if (open.length) {
      throw new DomainError(
        'REFERRAL_OPEN',
        `该${c.type === 'case' ? '案' : '工单'}已有未办结的同类移送 ${open[0].referral_no} / The ${c.type} already has an open ${kind} referral ${open[0].referral_no}`,
        { referralNo: open[0].referral_no },
      );
    }

    const start = referralStart(kind);
    const now = new Date();
    const due = await this.clockDue(kind, start.clock, now);
    const groupId =
      kind === 'joint' ? (await this.q<{ id: string }[]>(`SELECT gen_random_uuid() AS id`))[0].id : null;
    // The requesters are told before a jurisdiction transfer (domain.md §3): a case's claimants by SMS to the phones
    // on it, a complaint's complainants (and those merged into it) by SMS or e-mail.
    const requesterPhones =
      kind === 'jurisdiction' && c.type === 'case' ? await this.claimantPhones(c.id) : [];
    const complainantsTold =
      kind === 'jurisdiction' && c.complaint && targets[0]
        ? await this.complainants.announceTransfer(c.complaint, targets[0], reason!)
        : false;
    let firstId: string | null = null;
    for (const target of targets) {
      const [{ id, referral_no }] = await this.q<{ id: string; referral_no: string }[]>(
        `INSERT INTO referrals (referral_no, kind, state, case_id, complaint_id, group_id, from_office_id, to_office_id,
                                reason, legal_basis, request, target_region_code, requester_told_at, team_user_ids,
                                case_summary, suspicion_basis, value_involved_fen, case_handling, sent_at, clock, rule_id,
                                due_at, created_by)
         VALUES (${REFERRAL_NO_SQL},
                 $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
         RETURNING id, referral_no`,
        [
          kind,
          start.state,
          c.type === 'case' ? c.id : null,
          c.type === 'complaint' ? c.id : null,
          groupId,
          c.officeId,
          target.id,
          reason,
          legalBasis,
          request,
          targetRegion,
          requesterPhones.length || complainantsTold ? now : null,
          team,
          caseSummary,
          suspicionBasis,
          valueFen,
          handling,
          start.state === 'sent' ? now : null,
          due ? start.clock : null,
          due?.ruleId ?? null,
          due?.dueAt ?? null,
          actor.id,
        ],
      );
      firstId ??= id;
      if (evidenceIds.length) {
        await this.q(
          `INSERT INTO referral_evidence (referral_id, evidence_id) SELECT $1, unnest($2::uuid[])`,
          [id, evidenceIds],
        );
      }
      await this.recordStep(id, 'create', null, start.state, byActor(actor), reason);
      await this.audit.record(actor, {
        action: 'referral.created',
        entityType: 'referral',
        entityId: id,
        data: {
          referralNo: referral_no,
          kind,
          ...(c.type === 'case'
            ? { caseId: c.id, caseNo: c.number }
            : { complaintId: c.id, trackingNo: c.number }),
          fromOfficeId: c.officeId,
          toOfficeId: target.id,
          state: start.state,
          reason,
          legalBasis,
          request,
          evidenceIds,
          targetRegionCode: targetRegion,
          teamUserIds: team,
          caseHandling: handling,
          dueAt: due?.dueAt.toISOString() ?? null,
        },
      });
    }
    const created = await this.readable(actor, firstId!);
    const messages: OutboxMessage[] = [];
    for (const target of targets) {
      const row =
        target.id === created.to_office_id
          ? created
          : await this.readable(actor, await this.idOf(created, target.id));
      messages.push(...this.notices(row, 'create', actor));
    }
    if (requesterPhones.length) {
      const target = targets[0];
      messages.push({
        topic: 'complaint.decided',
        payload: {
          to: { phones: requesterPhones },
          title: {
            zh: `您的案件将移送${target.name}管辖`,
            en: `Your case is being transferred to ${target.name}`,
          },
          body: {
            zh: `「${c.title}」拟移送${target.name}处理，理由：${reason}。`,
            en: `"${c.title}" is being transferred to ${target.name}. Reason: ${reason}.`,
          },
          data: { caseId: c.id, referralNo: created.referral_no, toOfficeId: target.id },
        },
      });
    }
    await this.outbox.add(...messages);
    return this.detail(actor, created);
  }

  private async idOf(first: Row, toOfficeId: string): Promise<string> {
    const [{ id }] = await this.q<{ id: string }[]>(
      `SELECT id FROM referrals WHERE group_id = $1 AND to_office_id = $2`,
      [first.group_id, toOfficeId],
    );
    return id;
  }

  /** The claimants' phones on the case: told before a jurisdiction transfer (domain.md §3). */
  private async claimantPhones(caseId: string): Promise<string[]> {
    const rows = await this.q<{ phone: string }[]>(
      `SELECT DISTINCT phone FROM case_parties WHERE case_id = $1 AND role = 'claimant' AND phone IS NOT NULL`,
      [caseId],
    );
    return rows.map((r) => r.phone);
  }

  /** One step of a referral (the transition table decides what, who and which clock). */
  @Transactional()
  async act(actor: Actor, id: string, action: string, input: ReferralActInput): Promise<ReferralDetail> {
    const r = await this.readable(actor, id, true);
    if (!Number.isInteger(input.version)) {
      fail([
        field(
          'version',
          'Send the version of the referral you read',
          '请提交所读取移送记录的版本号 version',
          'REQUIRED',
        ),
      ]);
    }
    if (r.version !== input.version) {
      throw new DomainError(
        'STALE_VERSION',
        `该移送已被他人更新（当前版本 ${r.version}），请刷新后重试 / The referral changed since you read it (version ${r.version} now): reload and try again`,
        { currentVersion: r.version },
      );
    }
    const t = referralTransition(r.kind, r.state, action);
    if (!t) {
      const allowed = REFERRAL_TRANSITIONS.filter(
        (x) => x.kinds.includes(r.kind) && x.from.includes(r.state),
      ).map((x) => x.action);
      throw new DomainError(
        'INVALID_TRANSITION',
        `当前状态（${labelOf(REFERRAL_STATES, r.state).zh}）不能办理「${labelOf(REFERRAL_ACTIONS, action).zh}」 / "${action}" is not possible while the referral is ${r.state}; possible now: ${allowed.join(', ') || 'none'}`,
        { state: r.state, allowed },
      );
    }
    if (!this.mayTake(actor, r, t)) {
      throw new DomainError(
        'FORBIDDEN',
        t.side === 'superior'
          ? '只有共同上级的负责人可以指定管辖 / Only supervisors of the lowest common superior region may designate jurisdiction'
          : t.side === 'receiver'
            ? '只有接收机关可以办理此步骤 / Only the receiving office may take this step'
            : t.roles.length === 1 && t.roles[0] === 'supervisor'
              ? '须由移送机关负责人审批 / The head of the sending office decides this step'
              : '只有移送机关可以办理此步骤 / Only the sending office may take this step',
      );
    }
    // A case or complaint that has since moved to another office is no longer the sender's to refer (assistance,
    // joint action, criminal transfer): the step would answer a request for something that office no longer handles.
    const subject = subjectOf(r);
    if (subject && r.kind !== 'jurisdiction' && subject.officeId !== r.from_office_id) {
      throw new DomainError(
        'CASE_MOVED',
        subject.type === 'case'
          ? '案件已移送其他机关管辖，此移送不能再办理 / The case has moved to another office since this referral was sent: it can no longer be handled'
          : '工单已移送其他机关办理，此移送不能再办理 / The complaint has moved to another office since this referral was sent: it can no longer be handled',
      );
    }
    const v: FieldViolation[] = [];
    const reason = input.reason === undefined ? null : text(input.reason);
    if (t.requires.includes('reason') && !reason) {
      v.push(field('reason', 'Give the reason (1–2000 characters)', '请填写理由（1–2000字）', 'REQUIRED'));
    }
    const answer = input.answer === undefined ? null : text(input.answer, 5000);
    if (t.requires.includes('answer') && !answer) {
      v.push(
        field(
          'answer',
          'Write the answer (1–5000 characters)',
          '请填写协作事项办理结果（1–5000字）',
          'REQUIRED',
        ),
      );
    }
    const today = shanghaiDate(new Date());
    let documentDate: string | null = null;
    if (t.requires.includes('document_date')) {
      documentDate = input.documentDate ?? null;
      if (!documentDate || !isValidIsoDate(documentDate) || documentDate > today) {
        v.push(
          field(
            'documentDate',
            'Give the date on the police notice (YYYY-MM-DD, not in the future)',
            '请填写公安机关书面通知的日期（不晚于今天）',
            'REQUIRED',
          ),
        );
      }
    }
    let designated: OfficeRow | null = null;
    let designatedRegion: string | null = null;
    if (t.requires.includes('designated_office')) {
      designated = isUuid(input.designatedOfficeId) ? await this.office(input.designatedOfficeId!) : null;
      const needed = subject?.ipType ? ipTypeDef(subject.ipType)?.competence : undefined;
      if (!designated) {
        v.push(
          field(
            'designatedOfficeId',
            'Choose the office that will handle the case',
            '请选择指定管辖的机关',
            'REQUIRED',
          ),
        );
      } else if (needed && !designated.competences.includes(needed)) {
        v.push(
          field(
            'designatedOfficeId',
            `${designated.name} has no ${needed} competence`,
            `${designated.name}无该类案件管辖职能`,
            'NOT_COMPETENT',
          ),
        );
      } else if (r.superior_region_code && !isWithin(designated.region_code, r.superior_region_code)) {
        v.push(
          field(
            'designatedOfficeId',
            'Designate an office within the common superior region',
            '指定的机关须在共同上级辖区内',
          ),
        );
      } else if (r.case_id) {
        designatedRegion =
          designated.id === r.c_office_id
            ? r.c_region_code
            : designated.id === r.to_office_id && r.target_region_code
              ? r.target_region_code
              : (input.regionCode ?? designated.region_code);
        if (!designatedRegion || !isWithin(designatedRegion, designated.region_code)) {
          v.push(
            field(
              'regionCode',
              `Region ${designatedRegion} is not within ${designated.name}'s region`,
              '管辖地区须在指定机关辖区内',
            ),
          );
        }
      }
    }
    if (v.length) fail(v);

    const from = r.state;
    const set: Record<string, unknown> = { state: t.to };
    const now = new Date();
    if (action === 'approve') Object.assign(set, { approved_by: actor.id, approved_at: now });
    if (action === 'send') set.sent_at = now;
    if (action === 'answer') set.answer = answer;
    if (action === 'escalate')
      set.superior_region_code = commonSuperiorRegion(r.c_region_code ?? r.from_region, r.to_region);
    if (designated) set.designated_office_id = designated.id;
    const due = t.starts ? await this.clockDue(r.kind, t.starts, now) : null;
    Object.assign(set, {
      clock: due ? t.starts : null,
      rule_id: due?.ruleId ?? null,
      due_at: due?.dueAt ?? null,
    });
    if (!OPEN_REFERRAL_STATES.includes(t.to)) set.closed_at = now;

    // What the step does to the case.
    let moved: Record<string, unknown> | null = null;
    if (r.complaint_id) {
      const to =
        r.kind === 'jurisdiction' && action === 'accept'
          ? { officeId: r.to_office_id, how: 'accepted' as const }
          : designated && designated.id !== r.p_office_id
            ? { officeId: designated.id, how: 'designated' as const }
            : null;
      if (to) {
        await this.complaints.moveToOffice(actor, r.complaint_id, {
          ...to,
          referralId: r.id,
          referralNo: r.referral_no,
        });
        moved = { complaintToOfficeId: to.officeId, how: to.how };
      }
    }
    if (r.case_id) {
      if (r.kind === 'jurisdiction' && action === 'accept') {
        moved = await this.cases.moveToOffice(actor, r.case_id, {
          officeId: r.to_office_id,
          regionCode: r.target_region_code ?? r.to_region,
          referralId: r.id,
          how: 'accepted',
        });
      }
      if (designated && designated.id !== r.c_office_id) {
        moved = await this.cases.moveToOffice(actor, r.case_id, {
          officeId: designated.id,
          regionCode: designatedRegion!,
          referralId: r.id,
          how: 'designated',
        });
      }
      if (
        r.kind === 'criminal' &&
        action === 'send' &&
        r.case_handling === 'suspend' &&
        r.c_status !== 'suspended'
      ) {
        const c = await this.cases.readable(actor, r.case_id);
        await this.cases.act(actor, r.case_id, 'suspend', {
          version: c.version,
          pauseKind: 'suspension',
          reason: `涉嫌犯罪移送公安机关（${r.referral_no}）`,
        });
        set.case_suspended = true;
      }
      if (r.kind === 'criminal' && action === 'police_file') {
        await this.cases.concludeByCriminalTransfer(actor, r.case_id, r.referral_no);
      }
      if (r.kind === 'criminal' && (action === 'return' || action === 'close') && r.case_suspended) {
        const c = await this.cases.readable(actor, r.case_id);
        if (c.status === 'suspended') {
          await this.cases.act(actor, r.case_id, 'resume', { version: c.version });
        }
        set.case_suspended = false;
      }
    }

    const keys = Object.keys(set);
    await this.q(
      `UPDATE referrals SET ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')}, version = version + 1, updated_at = now()
        WHERE id = $1`,
      [r.id, ...keys.map((k) => set[k])],
    );
    await this.recordStep(r.id, action, from, t.to, byActor(actor), reason ?? answer, documentDate);
    await this.audit.record(actor, {
      action: `referral.${action}`,
      entityType: 'referral',
      entityId: r.id,
      data: {
        referralNo: r.referral_no,
        kind: r.kind,
        ...(r.complaint_id ? { complaintId: r.complaint_id } : { caseId: r.case_id }),
        from,
        to: t.to,
        ...(reason ? { reason } : {}),
        ...(answer ? { answer } : {}),
        ...(documentDate ? { documentDate } : {}),
        ...(designated ? { designatedOfficeId: designated.id, regionCode: designatedRegion } : {}),
        ...(moved ? { moved } : {}),
        dueAt: due?.dueAt.toISOString() ?? null,
      },
    });
    const updated = await this.readable(actor, r.id);
    await this.outbox.add(...this.notices(updated, action, actor));
    return this.detail(actor, updated);
  }

  // —— helpers ——

  /** When `clock` of a `kind` referral started at `from` runs out, by its rule (null when no rule sets one). */
  async clockDue(kind: ReferralKind, clock: ReferralClock, from: Date) {
    const rule = referralRule(kind, clock);
    if (!rule) return null;
    const calendar = await this.calendar.snapshot();
    const result = deadlineWithTolling(
      { start: shanghaiDate(from), startAt: from, amount: rule.amount, unit: rule.unit },
      calendar,
    );
    return result.dueAt ? { ruleId: rule.id, dueAt: result.dueAt } : null;
  }

  private async office(id: string, activeOnly = true): Promise<OfficeRow | null> {
    if (!isUuid(id)) return null;
    const rows = await this.q<OfficeRow[]>(
      `SELECT id, name, region_code, competences FROM offices WHERE id = $1 ${activeOnly ? 'AND active' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Appends a step to the referral's history: by a user, or by an office alone (a partner system's). */
  async recordStep(
    referralId: string,
    action: string,
    from: string | null,
    to: string,
    by: { userId: string | null; officeId: string | null },
    reason: string | null,
    documentDate: string | null = null,
  ): Promise<void> {
    await this.q(
      `INSERT INTO referral_events (referral_id, action, from_state, to_state, actor_id, office_id, reason, document_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [referralId, action, from, to, by.userId, by.officeId, reason, documentDate],
    );
  }

  /**
   * The notices of a step: the other side's office in its inbox, and the `referral.changed` JSON (README
   * "Referrals") for partner systems subscribed to that topic. A new referral also goes out as `case.referred`
   * (inbox and e-mail) to the receiving office, or to the sending office's heads when it awaits their approval.
   */
  private notices(r: Row, action: string, actor: Actor): OutboxMessage[] {
    const s = this.summary(r);
    const a =
      action === 'create' ? { zh: '发起移送', en: 'Referral created' } : labelOf(REFERRAL_ACTIONS, action);
    const name = r.c_case_no ?? s.case.title;
    const actorIsSender = actor.officeId === r.from_office_id;
    const other = actorIsSender ? r.to_office_id : r.from_office_id;
    const data = referralWebhookData(s, action, r);
    const messages: OutboxMessage[] = [];
    if (action === 'create' && r.state === 'proposed') {
      messages.push({
        topic: 'case.referred',
        payload: {
          to: { office: { id: r.from_office_id, roles: ['supervisor'] } },
          title: {
            zh: `待审批：涉嫌犯罪案件移送 ${r.referral_no}`,
            en: `For approval: criminal transfer ${r.referral_no}`,
          },
          body: {
            zh: `「${s.case.title}」专案组报告移送${r.to_office_name}。`,
            en: `"${s.case.title}": the team reports a transfer to ${r.to_office_name}.`,
          },
          link: `/referrals/${r.id}`,
          data,
        },
      });
    } else if (action === 'create' || action === 'send') {
      messages.push({
        topic: 'case.referred',
        payload: {
          to: { office: { id: r.to_office_id, roles: ['officer', 'supervisor'] } },
          title: {
            zh: `${r.from_office_name}${s.kindLabel.zh}：${name}`,
            en: `${s.kindLabel.en} from ${r.from_office_name}: ${name}`,
          },
          body: {
            zh: `移送编号 ${r.referral_no}。理由：${r.reason}`,
            en: `Referral ${r.referral_no}. Reason: ${r.reason}`,
          },
          link: `/referrals/${r.id}`,
          data,
        },
      });
    }
    messages.push({
      topic: 'referral.changed',
      payload: {
        to:
          action === 'escalate' || r.state === 'escalated'
            ? { supervisorsOf: r.superior_region_code ?? r.from_region.slice(0, 2) + '0000' }
            : { office: { id: other, roles: ['officer', 'supervisor'] } },
        title: { zh: `${r.referral_no}：${a.zh}`, en: `${r.referral_no}: ${a.en}` },
        body: {
          zh: `${actor.displayName}办理「${a.zh}」，状态：${s.stateLabel.zh}。`,
          en: `${actor.displayName}: ${a.en}; now ${s.stateLabel.en}.`,
        },
        link: `/referrals/${r.id}`,
        data,
      },
    });
    return messages;
  }
}

const byActor = (actor: Actor) => ({ userId: actor.id, officeId: actor.officeId ?? null });

/** Terminal states (not open). */
function closedStates(): string[] {
  return REFERRAL_STATES.filter((s) => !s.open).map((s) => s.code);
}

/** Significant digits of a region code: 2 for a province, 4 for a city, 6 for a county. */
function regionPrefixLength(code: string): number {
  if (code.endsWith('0000')) return 2;
  if (code.endsWith('00')) return 4;
  return 6;
}

/** A respondent's domicile county: from its unified social credit code, else from a resident ID number. */
function domicileOf(uscc: string | null, idNumber: string | null): string[] {
  const checked = uscc ? validateUscc(uscc) : null;
  if (checked?.ok) return [checked.info.regionCode];
  return idNumber && /^\d{6}/.test(idNumber) ? [idNumber.slice(0, 6)] : [];
}

function toRef(o: OfficeRow): OfficeRef {
  return { id: o.id, name: o.name, regionCode: o.region_code };
}

/**
 * The `referral.changed` webhook JSON (documented in README "Referrals"): stable field names, no personal data.
 */
export function referralWebhookData(s: ReferralSummary, action: string, r: { external_id: string | null }) {
  return {
    schema: 'ipe.referral.v1',
    action,
    // Top level as on every case notice, so the case's timeline lists the referral's steps.
    caseId: s.case.id,
    complaintId: s.complaint?.id ?? null,
    referral: {
      id: s.id,
      referralNo: s.referralNo,
      kind: s.kind,
      state: s.state,
      groupId: s.groupId,
      reason: s.reason,
      clock: s.clock,
      dueAt: s.dueAt,
      externalId: r.external_id,
    },
    from: s.from,
    to: s.to,
    case: {
      id: s.case.id,
      caseNo: s.case.caseNo,
      title: s.case.title,
      ipType: s.case.ipType,
      regionCode: s.case.regionCode,
    },
    // A complaint referral: the complaint (no personal data; `case` then describes the complaint, id null).
    complaint: s.complaint
      ? { id: s.complaint.id, trackingNo: s.complaint.trackingNo, category: s.complaint.category }
      : null,
    at: s.updatedAt,
  };
}
