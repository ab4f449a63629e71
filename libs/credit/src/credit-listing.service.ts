import { AuditWriter } from '@app/audit';
import { ScopePolicy } from '@app/auth';
import { CalendarService } from '@app/calendar';
import { AppConfig } from '@app/config';
import type { Actor } from '@app/contracts';
import {
  maskedOrNull,
  boundedText,
  deadlineWithTolling,
  DomainError,
  failValidation,
  fieldViolation,
  INVALID_REQUEST,
  isUuid,
  isValidIsoDate,
  isWithin,
  LISTING_ACTIONS,
  LISTING_GROUNDS,
  LISTING_STATES,
  LISTING_SUBJECT_KINDS,
  LISTING_TRANSITIONS,
  listingGround,
  listingRegime,
  listingTransition,
  maskIdNumber,
  qualifyingGrounds,
  regionRange,
  REPAIR_CONDITION_CODES,
  REPAIR_MATERIALS,
  shanghaiDate,
  validateRegionCode,
  validateResidentId,
  validateUscc,
  type FieldViolation,
  type ListingAction,
  type ListingState,
  type ListingSubjectKind,
  type ListingTransition,
  type PeriodUnit,
  labelOf,
} from '@app/domain';
import { inOrder } from '@app/database';
import { OutboxWriter, type OutboxMessage } from '@app/outbox';
import { TransactionHost, Transactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { publicListingOf, type ListingRow } from './credit-public-view';
import { REGISTRY_CHANNEL, RegistryCache } from './registry-cache';
import type { AvailableListingAction, ListingDetail, ListingSummary, RepairView } from './credit-views';

export interface ProposeListingInput {
  ground: string;
  legalBasis: string;
  facts: string;
  /** The case whose decision it rests on (its office proposes); without one, the decision is named by hand. */
  caseId?: string;
  decisionNo?: string;
  decisionDate?: string;
  subjectKind: string;
  subjectName: string;
  subjectUscc?: string;
  subjectIdNumber?: string;
  /** Where the subject is (default: the case's place, else the credit code's region, else the office's). */
  regionCode?: string;
  ipType?: string;
}

export interface ListingActInput {
  version: number;
  reason?: string;
  statement?: string;
  servedOn?: string;
  noticeMethod?: string;
}

export interface RepairInput {
  version: number;
  applicant: string;
  conditions: string[];
  explanation: string;
}

export type ListingQueue = 'proposals' | 'defence' | 'review' | 'published' | 'expiring' | 'closed';

export interface ListingQuery {
  /** A work queue of the 信用公示 page. */
  queue?: ListingQueue;
  state?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export const NOTICE_METHODS = [
  { code: 'direct', zh: '直接送达', en: 'Handed over' },
  { code: 'mail', zh: '邮寄送达', en: 'By post' },
  { code: 'electronic', zh: '电子送达', en: 'Electronically' },
  { code: 'announcement', zh: '公告送达', en: 'By public announcement' },
] as const;
const NOTICE_METHOD_CODES: string[] = NOTICE_METHODS.map((m) => m.code);

/** Listings expiring within this many days are in the "expiring soon" queue. */
const EXPIRING_DAYS = 30;

const fail = (v: FieldViolation[]): never => failValidation(v, INVALID_REQUEST);
const field = fieldViolation;
const text = (v: unknown, max = 2000) => boundedText(v, max);
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const SELECT = `
  SELECT l.*, l.decision_date::text AS decision_date, l.notice_served_on::text AS notice_served_on,
         l.publish_from::text AS publish_from, l.publish_until::text AS publish_until,
         o.name AS office_name, o.region_code AS office_region, rg.name AS region_name,
         pu.display_name AS proposed_by_name, ru.display_name AS reviewed_by_name
    FROM credit_listings l
    JOIN offices o ON o.id = l.office_id
    JOIN users pu ON pu.id = l.proposed_by
    LEFT JOIN regions rg ON rg.code = l.region_code
    LEFT JOIN users ru ON ru.id = l.reviewed_by`;

/** A date `amount` `unit`s after `from` (YYYY-MM-DD), on the working-day calendar for WD. */
type Period = { amount: number; unit: PeriodUnit };

/**
 * Credit listings (issue 7; domain.md §2): proposals — offered automatically when a case closes with a qualifying
 * decision (the grounds table in libs/domain/src/credit) or made by an officer with the legal basis — then the
 * notice and the statement-and-defence window, the review by a head who did not propose it, publication for the
 * regime's period, and removal: on expiry (the credit sweep), early after credit repair, or on revocation. Every
 * step is one transaction with its history row, audit event and outbox notices; publication and removal also
 * write the public change feed.
 */
@Injectable()
export class CreditListingService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly scope: ScopePolicy,
    private readonly calendar: CalendarService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly config: AppConfig,
    private readonly registryCache: RegistryCache,
  ) {}

  private q<T>(sql: string, params: unknown[] = []): Promise<T> {
    return this.txHost.tx.query(sql, params) as Promise<T>;
  }

  // —— proposals ——

  /**
   * The automatic proposals of a case that has just closed: one per respondent that can be identified (credit code
   * or resident ID), on the first ground its decision qualifies for. Runs in the closing transaction; the closing
   * officer is the proposer (so another head reviews it).
   */
  async proposeFromCase(actor: Actor, caseId: string): Promise<string[]> {
    const [c] = await this.q<
      {
        id: string;
        case_no: string | null;
        title: string;
        ip_type: string;
        procedure: string;
        outcome: string | null;
        fine_fen: string | null;
        repeat_infringer: boolean;
        office_id: string;
        region_code: string;
        decided_on: string | null;
        closed_on: string | null;
        decision_no: string | null;
      }[]
    >(
      `SELECT c.id, c.case_no, c.title, c.ip_type, c.procedure, c.outcome, c.fine_fen::text, c.repeat_infringer,
              c.office_id, c.region_code, c.decided_on::text, c.closed_on::text,
              (SELECT d.doc_no FROM case_documents d WHERE d.case_id = c.id
                  AND d.kind IN ('penalty_decision', 'ruling') ORDER BY d.created_at DESC LIMIT 1) AS decision_no
         FROM cases c WHERE c.id = $1`,
      [caseId],
    );
    if (!c) return [];
    const grounds = qualifyingGrounds(
      {
        ipType: c.ip_type,
        procedure: c.procedure,
        outcome: c.outcome,
        fineFen: c.fine_fen === null ? null : Number(c.fine_fen),
        repeatInfringer: c.repeat_infringer,
      },
      { heavyFineFen: this.config.CREDIT_HEAVY_FINE_YUAN * 100 },
    );
    if (!grounds.length) return [];
    const ground = grounds[0];
    const respondents = await this.q<
      { kind: ListingSubjectKind; name: string; uscc: string | null; id_number: string | null }[]
    >(
      `SELECT kind, name, uscc, id_number FROM case_parties WHERE case_id = $1 AND role = 'respondent'
        ORDER BY created_at`,
      [c.id],
    );
    const ids: string[] = [];
    for (const p of respondents) {
      const identified =
        p.kind === 'enterprise'
          ? !!p.uscc && validateUscc(p.uscc).ok
          : !!p.id_number && validateResidentId(p.id_number).ok;
      if (!identified) continue;
      const id = await this.insert(actor, {
        ground: ground.code,
        regime: ground.regime,
        legalBasis: `${ground.source.law}${ground.source.article}`,
        facts: `${c.case_no ?? c.title}：${ground.when.zh}（${grounds.map((g) => g.zh).join('、')}）`,
        caseId: c.id,
        decisionNo: c.decision_no ?? c.case_no ?? c.title,
        decisionDate: c.decided_on ?? c.closed_on ?? shanghaiDate(new Date()),
        officeId: c.office_id,
        regionCode: c.region_code,
        ipType: c.ip_type,
        subjectKind: p.kind,
        subjectName: p.name,
        subjectUscc: p.kind === 'enterprise' ? p.uscc!.toUpperCase() : null,
        subjectIdNumber: p.kind === 'individual' ? p.id_number!.toUpperCase() : null,
        automatic: true,
      });
      if (id) ids.push(id);
    }
    return ids;
  }

  /** A proposal by an officer, with the ground and its legal basis (400 for each bad field, 409 for a duplicate). */
  @Transactional()
  async propose(actor: Actor, input: ProposeListingInput): Promise<ListingDetail> {
    if (!actor.officeId) {
      throw new DomainError(
        'FORBIDDEN',
        '只有执法机关人员可以提出列入 / Only staff of an office may propose a listing',
      );
    }
    const v: FieldViolation[] = [];
    const ground = listingGround(input.ground);
    if (!ground) {
      v.push(
        field(
          'ground',
          `One of ${LISTING_GROUNDS.map((g) => g.code).join(', ')}`,
          '请选择列入事由',
          'REQUIRED',
        ),
      );
    }
    const legalBasis = text(input.legalBasis);
    if (!legalBasis)
      v.push(field('legalBasis', 'Give the legal basis (1–2000 characters)', '请填写法律依据', 'REQUIRED'));
    const facts = text(input.facts);
    if (!facts) v.push(field('facts', 'State the facts (1–2000 characters)', '请填写列入事实', 'REQUIRED'));
    const kind = input.subjectKind as ListingSubjectKind;
    if (!LISTING_SUBJECT_KINDS.some((k) => k.code === kind)) {
      v.push(field('subjectKind', 'enterprise or individual', '请选择主体类型', 'REQUIRED'));
    }
    const name = text(input.subjectName, 200);
    if (!name)
      v.push(field('subjectName', 'Name the subject (1–200 characters)', '请填写主体名称', 'REQUIRED'));
    let uscc: string | null = null;
    let usccRegion: string | null = null;
    let idNumber: string | null = null;
    if (kind === 'enterprise') {
      const r = input.subjectUscc ? validateUscc(input.subjectUscc) : null;
      if (!r?.ok) {
        v.push(
          field(
            'subjectUscc',
            r ? r.reason : 'An enterprise is listed by its unified social credit code',
            r ? r.reasonZh : '请填写统一社会信用代码',
            r ? r.code : 'REQUIRED',
          ),
        );
      } else {
        uscc = r.normalized;
        usccRegion = r.info.regionCode;
      }
      if (input.subjectIdNumber)
        v.push(field('subjectIdNumber', 'Only an individual has an ID number', '企业不填身份证号'));
    }
    if (kind === 'individual') {
      const r = input.subjectIdNumber ? validateResidentId(input.subjectIdNumber) : null;
      if (!r?.ok) {
        v.push(
          field(
            'subjectIdNumber',
            r ? r.reason : 'An individual is listed by their resident ID number',
            r ? r.reasonZh : '请填写身份证号码',
            r ? r.code : 'REQUIRED',
          ),
        );
      } else idNumber = r.normalized;
      if (input.subjectUscc)
        v.push(field('subjectUscc', 'Only an enterprise has a credit code', '自然人不填统一社会信用代码'));
    }
    // The decision it rests on: a closed case of the actor's office, or one named by hand.
    let decisionNo = input.decisionNo === undefined ? null : text(input.decisionNo, 100);
    let decisionDate = input.decisionDate ?? null;
    let officeId = actor.officeId;
    let regionCode = input.regionCode ?? null;
    let ipType = input.ipType ?? null;
    let caseId: string | null = null;
    if (input.caseId !== undefined) {
      const [c] = isUuid(input.caseId)
        ? await this.q<
            {
              id: string;
              office_id: string;
              region_code: string;
              ip_type: string;
              status: string;
              decided_on: string | null;
              case_no: string | null;
              decision_no: string | null;
            }[]
          >(
            `SELECT c.id, c.office_id, c.region_code, c.ip_type, c.status, c.decided_on::text, c.case_no,
                    (SELECT d.doc_no FROM case_documents d WHERE d.case_id = c.id
                        AND d.kind IN ('penalty_decision', 'ruling') ORDER BY d.created_at DESC LIMIT 1) AS decision_no
               FROM cases c WHERE c.id = $1`,
            [input.caseId],
          )
        : [];
      if (!c) v.push(field('caseId', 'Unknown case', '案件不存在'));
      else {
        this.scope.assertCanSee(actor, c.region_code);
        if (c.office_id !== actor.officeId && !actor.roles.includes('supervisor')) {
          throw new DomainError(
            'FORBIDDEN',
            '只有承办机关可以就该案提出列入 / Only the handling office may propose a listing on this case',
          );
        }
        if (!c.decided_on) v.push(field('caseId', 'The case has no decision yet', '该案尚未作出决定'));
        caseId = c.id;
        officeId = c.office_id;
        regionCode ??= c.region_code;
        ipType ??= c.ip_type;
        decisionNo ??= c.decision_no ?? c.case_no;
        decisionDate ??= c.decided_on;
      }
    }
    if (!decisionNo)
      v.push(field('decisionNo', 'Give the decision number (决定书文号)', '请填写决定书文号', 'REQUIRED'));
    const today = shanghaiDate(new Date());
    if (!decisionDate || !isValidIsoDate(decisionDate) || decisionDate > today) {
      v.push(
        field(
          'decisionDate',
          'Give the decision date (YYYY-MM-DD, not in the future)',
          '请填写决定日期',
          'REQUIRED',
        ),
      );
    }
    regionCode ??= usccRegion ?? actor.regionCode;
    if (!validateRegionCode(regionCode).ok)
      v.push(field('regionCode', 'A six-digit region code', '地区代码无效'));
    if (v.length) fail(v);
    const id = await this.insert(actor, {
      ground: ground!.code,
      regime: ground!.regime,
      legalBasis: legalBasis!,
      facts: facts!,
      caseId,
      decisionNo: decisionNo!,
      decisionDate: decisionDate!,
      officeId,
      regionCode,
      ipType,
      subjectKind: kind,
      subjectName: name!,
      subjectUscc: uscc,
      subjectIdNumber: idNumber,
      automatic: false,
    });
    if (!id) {
      throw new DomainError(
        'LISTING_EXISTS',
        '该主体就同一决定已有未办结或已公示的列入 / The subject already has an open or published listing for this decision',
      );
    }
    return this.get(actor, id);
  }

  /** Inserts a proposal unless the subject has an open one for the same decision (returns null then). */
  private async insert(
    actor: Actor,
    p: {
      ground: string;
      regime: string;
      legalBasis: string;
      facts: string;
      caseId: string | null;
      decisionNo: string;
      decisionDate: string;
      officeId: string;
      regionCode: string;
      ipType: string | null;
      subjectKind: ListingSubjectKind;
      subjectName: string;
      subjectUscc: string | null;
      subjectIdNumber: string | null;
      automatic: boolean;
    },
  ): Promise<string | null> {
    const open = LISTING_STATES.filter((s) => s.open).map((s) => s.code);
    const [dup] = await this.q<{ id: string }[]>(
      `SELECT id FROM credit_listings
        WHERE decision_no = $1 AND state = ANY($2::text[])
          AND (subject_uscc = $3 OR subject_id_number = $4)`,
      [p.decisionNo, open, p.subjectUscc, p.subjectIdNumber],
    );
    if (dup) return null;
    const [{ id, listing_no }] = await this.q<{ id: string; listing_no: string }[]>(
      `INSERT INTO credit_listings (listing_no, state, ground, regime, legal_basis, facts, case_id, decision_no,
                                    decision_date, office_id, region_code, ip_type, subject_kind, subject_name,
                                    subject_uscc, subject_id_number, subject_id_masked, proposed_by)
       VALUES ('XY' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY') || lpad(nextval('credit_listing_no_seq')::text, 6, '0'),
               'proposed', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       RETURNING id, listing_no`,
      [
        p.ground,
        p.regime,
        p.legalBasis,
        p.facts,
        p.caseId,
        p.decisionNo,
        p.decisionDate,
        p.officeId,
        p.regionCode,
        p.ipType,
        p.subjectKind,
        p.subjectName,
        p.subjectUscc,
        p.subjectIdNumber,
        p.subjectIdNumber ? maskIdNumber(p.subjectIdNumber) : null,
        actor.id,
      ],
    );
    await this.recordStep(id, 'propose', null, 'proposed', actor.id, p.automatic ? 'automatic' : null);
    await this.audit.record(actor, {
      action: 'credit.proposed',
      entityType: 'credit_listing',
      entityId: id,
      data: {
        listingNo: listing_no,
        ground: p.ground,
        caseId: p.caseId,
        decisionNo: p.decisionNo,
        subjectKind: p.subjectKind,
        subjectName: p.subjectName,
        automatic: p.automatic,
      },
    });
    await this.outbox.add({
      topic: 'credit.changed',
      payload: {
        to: { office: { id: p.officeId, roles: ['officer', 'supervisor'] } },
        title: {
          zh: `拟列入严重失信名单：${p.subjectName}`,
          en: `Proposed for the credit list: ${p.subjectName}`,
        },
        body: {
          zh: `${listing_no}，事由：${labelOf(LISTING_GROUNDS, p.ground).zh}。请送达列入告知书。`,
          en: `${listing_no}, ground: ${labelOf(LISTING_GROUNDS, p.ground).en}. Serve the notice.`,
        },
        link: `/credit/${id}`,
        data: { listingId: id, listingNo: listing_no, action: 'propose', caseId: p.caseId },
      },
    });
    return id;
  }

  // —— steps ——

  /** One step of the listing (the table in libs/domain/src/credit/workflow.ts). */
  @Transactional()
  async act(actor: Actor, id: string, action: string, input: ListingActInput): Promise<ListingDetail> {
    const l = await this.readable(actor, id, true);
    if (!Number.isInteger(input.version)) {
      fail([
        field('version', 'Send the version of the listing you read', '请提交所读取记录的版本号', 'REQUIRED'),
      ]);
    }
    if (l.version !== input.version) {
      throw new DomainError(
        'STALE_VERSION',
        `该记录已被他人更新（当前版本 ${l.version}），请刷新后重试 / The listing changed since you read it (version ${l.version} now)`,
        { currentVersion: l.version },
      );
    }
    if (l.state === 'notified' && (action === 'list' || action === 'reject')) {
      // The review waits for the window; once it has passed, the lapse the sweep would record comes first.
      if (!l.defence_due_at || new Date(l.defence_due_at) >= new Date()) {
        const until = l.defence_due_at ? shanghaiDate(new Date(l.defence_due_at)) : '—';
        throw new DomainError(
          'DEFENCE_WINDOW_OPEN',
          `陈述申辩期至 ${until} 届满，届满或登记陈述后方可审核 / The defence window runs until ${until}: review after it or after the statement`,
          { defenceDueAt: l.defence_due_at },
        );
      }
      await this.apply(l, 'lapse', { state: 'lapsed' }, null, null);
      Object.assign(l, { state: 'lapsed', version: l.version + 1 });
    }
    const t = listingTransition(l.state, action);
    if (!t) {
      const allowed = LISTING_TRANSITIONS.filter((x) => x.from.includes(l.state)).map((x) => x.action);
      throw new DomainError(
        LISTING_ACTIONS.some((a) => a.code === action) ? 'INVALID_TRANSITION' : 'NOT_FOUND',
        `当前状态（${labelOf(LISTING_STATES, l.state).zh}）不能办理「${labelOf(LISTING_ACTIONS, action).zh}」 / "${action}" is not possible while the listing is ${l.state}; possible now: ${allowed.join(', ') || 'none'}`,
        { state: l.state, allowed },
      );
    }
    this.assertMayTake(actor, l, t);
    const now = new Date();
    const today = shanghaiDate(now);
    const v: FieldViolation[] = [];
    const reason = input.reason === undefined ? null : text(input.reason);
    if (t.requires.includes('reason') && !reason) {
      v.push(field('reason', 'Give the reason (1–2000 characters)', '请填写理由（1–2000字）', 'REQUIRED'));
    }
    const set: Record<string, unknown> = { state: t.to };
    if (action === 'notify') {
      if (
        !input.servedOn ||
        !isValidIsoDate(input.servedOn) ||
        input.servedOn > today ||
        input.servedOn < shanghaiDate(l.proposed_at)
      ) {
        v.push(
          field(
            'servedOn',
            'Give the date the notice was served (YYYY-MM-DD, between the proposal and today)',
            '请填写告知书送达日期（不早于提出列入之日，不晚于今天）',
            'REQUIRED',
          ),
        );
      }
      if (!NOTICE_METHOD_CODES.includes(input.noticeMethod ?? '')) {
        v.push(
          field('noticeMethod', `One of ${NOTICE_METHOD_CODES.join(', ')}`, '请选择送达方式', 'REQUIRED'),
        );
      }
      if (!v.length) {
        const due = await this.after(input.servedOn!, {
          amount: this.config.CREDIT_DEFENCE_WINDOW_WD,
          unit: 'WD',
        });
        Object.assign(set, {
          notice_method: input.noticeMethod,
          notice_served_on: input.servedOn,
          defence_rule_id: 'credit.defence_window',
          defence_due_at: due.dueAt,
        });
      }
    }
    if (action === 'record_statement') {
      const statement = text(input.statement, 5000);
      if (!statement) {
        v.push(
          field(
            'statement',
            'Record what the subject stated (1–5000 characters)',
            '请登记陈述申辩内容',
            'REQUIRED',
          ),
        );
      }
      if (l.defence_due_at && new Date(l.defence_due_at) < now) {
        throw new DomainError(
          'DEFENCE_WINDOW_LAPSED',
          `陈述申辩期已于 ${shanghaiDate(new Date(l.defence_due_at))} 届满 / The defence window ended on ${shanghaiDate(new Date(l.defence_due_at))}`,
        );
      }
      Object.assign(set, { statement, statement_at: now });
    }
    let repair: { id: string; conditions: string[] } | null = null;
    if (t.requires.includes('repair_application')) {
      const [pending] = await this.q<{ id: string; conditions: string[] }[]>(
        `SELECT id, conditions FROM credit_repairs WHERE listing_id = $1 AND state = 'pending'`,
        [l.id],
      );
      if (!pending) {
        throw new DomainError(
          'INVALID_TRANSITION',
          '没有待审查的信用修复申请 / There is no pending credit-repair application',
        );
      }
      repair = pending;
      if (action === 'approve_repair') {
        const have = await this.q<{ kind: string }[]>(
          `SELECT DISTINCT kind FROM credit_attachments WHERE repair_id = $1`,
          [pending.id],
        );
        const missing = REPAIR_MATERIALS.filter((m) => !have.some((h) => h.kind === m.code));
        if (missing.length) {
          throw new DomainError(
            'INVALID_TRANSITION',
            `修复申请材料不全：缺少${missing.map((m) => m.zh).join('、')} / The application lacks: ${missing.map((m) => m.en).join(', ')}`,
            { missing: missing.map((m) => m.code) },
          );
        }
      }
    }
    if (v.length) fail(v);
    if (action === 'list') {
      const regime = listingRegime(l.regime)!;
      const until = await this.after(today, regime.period);
      Object.assign(set, {
        reviewed_by: actor.id,
        reviewed_at: now,
        review_reason: reason,
        publish_from: today,
        publish_until: until.due,
        published_at: now,
      });
    }
    if (action === 'reject')
      Object.assign(set, { reviewed_by: actor.id, reviewed_at: now, review_reason: reason });
    if (action === 'approve_repair' || action === 'revoke') {
      Object.assign(set, { removed_at: now, removal_reason: reason });
    }
    if (action === 'refuse_repair') delete set.state;
    if (repair) {
      await this.q(
        `UPDATE credit_repairs SET state = $2, decided_by = $3, decided_at = now(), decision_reason = $4 WHERE id = $1`,
        [repair.id, action === 'approve_repair' ? 'approved' : 'refused', actor.id, reason],
      );
    }
    await this.apply(l, t.action, set, actor, reason);
    return this.get(actor, l.id);
  }

  /** Credit repair (信用修复): the subject's application, recorded by the office, once the minimum time has passed. */
  @Transactional()
  async applyRepair(actor: Actor, id: string, input: RepairInput): Promise<ListingDetail> {
    const l = await this.readable(actor, id, true);
    this.assertStaff(actor, l);
    if (l.version !== input.version) {
      throw new DomainError(
        'STALE_VERSION',
        `The listing changed since you read it (version ${l.version} now)`,
        {
          currentVersion: l.version,
        },
      );
    }
    if (l.state !== 'published') {
      throw new DomainError(
        'INVALID_TRANSITION',
        `只有公示中的列入可以申请信用修复 / Only a published listing can be repaired (this one is ${l.state})`,
      );
    }
    const v: FieldViolation[] = [];
    const applicant = text(input.applicant, 200);
    if (!applicant) v.push(field('applicant', 'Name the applicant', '请填写申请人', 'REQUIRED'));
    const explanation = text(input.explanation, 5000);
    if (!explanation) {
      v.push(
        field(
          'explanation',
          'Explain how the conditions are met (1–5000 characters)',
          '请说明符合修复条件的情况',
          'REQUIRED',
        ),
      );
    }
    const conditions = [...new Set(Array.isArray(input.conditions) ? input.conditions : [])];
    const missing = REPAIR_CONDITION_CODES.filter((c) => !conditions.includes(c));
    const unknown = conditions.filter((c) => !REPAIR_CONDITION_CODES.includes(c as never));
    if (missing.length || unknown.length) {
      v.push(
        field(
          'conditions',
          `Early removal needs every condition: missing ${missing.join(', ') || 'none'}${unknown.length ? `; unknown ${unknown.join(', ')}` : ''}`,
          '提前移出须同时满足全部条件',
        ),
      );
    }
    if (v.length) fail(v);
    const from = await this.repairFrom(l);
    if (from && shanghaiDate(new Date()) < from) {
      throw new DomainError(
        'REPAIR_TOO_EARLY',
        `列入满最短期限后方可申请信用修复，最早 ${from} / Credit repair can be applied for from ${from}`,
        { repairFrom: from },
      );
    }
    const [open] = await this.q<{ id: string }[]>(
      `SELECT id FROM credit_repairs WHERE listing_id = $1 AND state = 'pending'`,
      [l.id],
    );
    if (open) {
      throw new DomainError(
        'CONFLICT',
        '已有待审查的信用修复申请 / A repair application is already pending',
        {
          repairId: open.id,
        },
      );
    }
    const [{ id: repairId }] = await this.q<{ id: string }[]>(
      `INSERT INTO credit_repairs (listing_id, applicant, conditions, explanation, submitted_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [l.id, applicant, conditions, explanation, actor.id],
    );
    await this.apply(l, 'apply_repair', {}, actor, explanation, { repairId, applicant });
    return this.get(actor, l.id);
  }

  /**
   * The credit sweep (worker, every CREDIT_SWEEP_MINUTES; tests pass `now`): defence windows that ended lapse, and
   * published listings whose period ended are removed (reported on the feed as removals).
   */
  @Transactional()
  async sweep(now = new Date()): Promise<{ lapsed: number; expired: number }> {
    const lapsed = await this.q<ListingRow[]>(
      `${SELECT} WHERE l.state = 'notified' AND l.defence_due_at < $1 ORDER BY l.defence_due_at FOR UPDATE OF l SKIP LOCKED`,
      [now],
    );
    for (const l of lapsed) await this.apply(l, 'lapse', { state: 'lapsed' }, null, null);
    const expired = await this.q<ListingRow[]>(
      `${SELECT} WHERE l.state = 'published' AND l.publish_until < $1 ORDER BY l.publish_until FOR UPDATE OF l SKIP LOCKED`,
      [shanghaiDate(now)],
    );
    for (const l of expired) {
      await this.apply(
        l,
        'expire',
        { state: 'expired', removed_at: now, removal_reason: '公示期满' },
        null,
        null,
      );
    }
    return { lapsed: lapsed.length, expired: expired.length };
  }

  /** Writes a step: the row, its history, the audit event, the notices and — on publication or removal — the feed. */
  private async apply(
    l: ListingRow,
    action: ListingAction | 'apply_repair',
    set: Record<string, unknown>,
    actor: Actor | null,
    reason: string | null,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const keys = Object.keys(set);
    await this.q(
      `UPDATE credit_listings SET ${keys.map((k, i) => `${k} = $${i + 2}, `).join('')}version = version + 1, updated_at = now()
        WHERE id = $1`,
      [l.id, ...keys.map((k) => set[k])],
    );
    const to = (set.state as ListingState | undefined) ?? l.state;
    await this.recordStep(l.id, action, l.state, to, actor?.id ?? null, reason);
    await this.audit.record(actor, {
      action: `credit.${action}`,
      entityType: 'credit_listing',
      entityId: l.id,
      data: { listingNo: l.listing_no, from: l.state, to, ...(reason ? { reason } : {}), ...extra },
    });
    const [updated] = await this.q<ListingRow[]>(`${SELECT} WHERE l.id = $1`, [l.id]);
    const messages: OutboxMessage[] = [this.notice(updated, action, actor)];
    if (to === 'published' && l.state !== 'published') {
      await this.feed(updated, 'listed', null);
    }
    if (l.state === 'published' && to !== 'published') {
      const why = to === 'expired' ? 'expired' : to === 'repaired' ? 'repaired' : 'revoked';
      await this.feed(updated, 'removed', why);
    }
    await this.outbox.add(...messages);
  }

  private async feed(l: ListingRow, change: 'listed' | 'removed', reason: string | null): Promise<void> {
    // Every API process clears its registry cache when this transaction commits (RegistryCache).
    await this.q(`SELECT pg_notify($1, '')`, [REGISTRY_CHANNEL]);
    this.registryCache.clear();
    await this.q(`INSERT INTO credit_feed (listing_id, change, reason, entry) VALUES ($1, $2, $3, $4)`, [
      l.id,
      change,
      reason,
      publicListingOf(l),
    ]);
  }

  private notice(l: ListingRow, action: string, actor: Actor | null): OutboxMessage {
    const a =
      action === 'apply_repair'
        ? { zh: '申请信用修复', en: 'Credit repair applied for' }
        : labelOf(LISTING_ACTIONS, action);
    const s = labelOf(LISTING_STATES, l.state);
    return {
      topic: 'credit.changed',
      payload: {
        to: { office: { id: l.office_id, roles: ['officer', 'supervisor'] } },
        title: { zh: `${l.listing_no}：${a.zh}`, en: `${l.listing_no}: ${a.en}` },
        body: {
          zh: `${l.subject_name}，${actor ? `${actor.displayName}办理，` : ''}状态：${s.zh}。`,
          en: `${l.subject_name}: ${actor ? `${actor.displayName}; ` : ''}now ${s.en}.`,
        },
        link: `/credit/${l.id}`,
        data: { listingId: l.id, listingNo: l.listing_no, action, state: l.state, caseId: l.case_id },
      },
    };
  }

  private async recordStep(
    listingId: string,
    action: string,
    from: string | null,
    to: string,
    actorId: string | null,
    reason: string | null,
  ): Promise<void> {
    await this.q(
      `INSERT INTO credit_listing_events (listing_id, action, from_state, to_state, actor_id, reason)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [listingId, action, from, to, actorId, reason],
    );
  }

  /** The date `period` after `from` on the calendar (working days skip holidays and count 调休 days). */
  private async after(from: string, period: Period) {
    const result = deadlineWithTolling(
      { start: from, amount: period.amount, unit: period.unit },
      await this.calendar.snapshot(),
    );
    return { due: result.due!, dueAt: result.dueAt! };
  }

  private async repairFrom(l: ListingRow): Promise<string | null> {
    if (!l.publish_from) return null;
    const regime = listingRegime(l.regime)!;
    return (await this.after(l.publish_from, regime.repairAfter)).due;
  }

  /**
   * Where an attachment of `kind` goes (checks access and state): a statement's papers while the defence window runs
   * or once the statement is recorded; a repair material to the pending repair application.
   */
  async attachmentTarget(
    actor: Actor,
    id: string,
    kind: string,
  ): Promise<{ listingId: string; listingNo: string; repairId: string | null }> {
    const l = await this.readable(actor, id, true);
    this.assertStaff(actor, l);
    if (kind === 'statement') {
      if (l.state !== 'notified' && l.state !== 'defended') {
        throw new DomainError(
          'INVALID_TRANSITION',
          `陈述申辩材料只能在申辩期内或登记陈述后上传 / Statement papers are added while the defence window runs or once the statement is recorded (the listing is ${l.state})`,
        );
      }
      return { listingId: l.id, listingNo: l.listing_no, repairId: null };
    }
    if (!REPAIR_MATERIALS.some((m) => m.code === kind)) {
      fail([
        field(
          'kind',
          `One of statement, ${REPAIR_MATERIALS.map((m) => m.code).join(', ')}`,
          '请选择材料类型',
          'REQUIRED',
        ),
      ]);
    }
    const [pending] = await this.q<{ id: string }[]>(
      `SELECT id FROM credit_repairs WHERE listing_id = $1 AND state = 'pending'`,
      [l.id],
    );
    if (!pending) {
      throw new DomainError(
        'INVALID_TRANSITION',
        '请先登记信用修复申请，再上传申请材料 / Record the repair application before adding its materials',
      );
    }
    return { listingId: l.id, listingNo: l.listing_no, repairId: pending.id };
  }

  // —— access ——

  private assertMayTake(actor: Actor, l: ListingRow, t: ListingTransition): void {
    if (t.roles.length === 1 && t.roles[0] === 'system') {
      throw new DomainError(
        'FORBIDDEN',
        '此步骤由系统定时办理 / This step is taken by the scheduled credit sweep',
      );
    }
    this.assertStaff(actor, l);
    if (!t.roles.some((r) => r !== 'system' && actor.roles.includes(r))) {
      throw new DomainError(
        'FORBIDDEN',
        t.roles.includes('officer')
          ? `"${t.action}" needs one of the roles: ${t.roles.join(', ')}`
          : '须由负责人审核 / A head (supervisor) takes this step',
      );
    }
    if (t.notByProposer && l.proposed_by === actor.id) {
      throw new DomainError(
        'FOUR_EYES',
        '提出列入的人员不能审核本人的提议 / The person who proposed the listing cannot review it',
      );
    }
  }

  /** Staff of the listing's office, or a supervisor over its region. */
  private assertStaff(actor: Actor, l: ListingRow): void {
    const own = actor.officeId === l.office_id;
    const over = actor.roles.includes('supervisor') && isWithin(l.office_region, actor.regionCode);
    if (!own && !over && !actor.roles.includes('admin')) {
      throw new DomainError(
        'FORBIDDEN',
        '只有作出决定的机关或其上级负责人可以办理 / Only the deciding office or a head above it may act on this listing',
      );
    }
  }

  private async readable(actor: Actor, id: string, lock = false): Promise<ListingRow> {
    const [l] = isUuid(id)
      ? await this.q<ListingRow[]>(`${SELECT} WHERE l.id = $1 ${lock ? 'FOR UPDATE OF l' : ''}`, [id])
      : [];
    if (!l) throw new DomainError('NOT_FOUND', `Credit listing ${id} not found`);
    if (!this.scope.canSee(actor, l.office_region)) {
      throw new DomainError('OUT_OF_SCOPE', `Credit listing ${l.listing_no} is outside your region`);
    }
    return l;
  }

  // —— reads ——

  async get(actor: Actor, id: string): Promise<ListingDetail> {
    const l = await this.readable(actor, id);
    const [events, repairs, attachments] = await inOrder(
      () =>
        this.q<
          {
            action: string;
            from_state: string | null;
            to_state: string;
            actor_name: string | null;
            reason: string | null;
            at: Date;
          }[]
        >(
          `SELECT e.action, e.from_state, e.to_state, u.display_name AS actor_name, e.reason, e.at
             FROM credit_listing_events e LEFT JOIN users u ON u.id = e.actor_id
            WHERE e.listing_id = $1 ORDER BY e.id`,
          [l.id],
        ),
      () =>
        this.q<
          {
            id: string;
            state: RepairView['state'];
            applicant: string;
            conditions: string[];
            explanation: string;
            submitted_at: Date;
            decided_at: Date | null;
            decision_reason: string | null;
          }[]
        >(`SELECT * FROM credit_repairs WHERE listing_id = $1 ORDER BY submitted_at`, [l.id]),
      () =>
        this.q<
          {
            id: string;
            kind: string;
            file_name: string;
            content_type: string;
            size_bytes: string;
            sha256: string;
            repair_id: string | null;
            created_at: Date;
          }[]
        >(`SELECT *, size_bytes::text FROM credit_attachments WHERE listing_id = $1 ORDER BY created_at`, [
          l.id,
        ]),
    );
    return {
      ...summaryOf(l),
      legalBasis: l.legal_basis,
      facts: l.facts,
      proposedBy: { id: l.proposed_by, displayName: l.proposed_by_name },
      noticeMethod: l.notice_method,
      noticeServedOn: l.notice_served_on,
      statement: l.statement,
      statementAt: iso(l.statement_at),
      reviewedBy: l.reviewed_by ? { id: l.reviewed_by, displayName: l.reviewed_by_name ?? '' } : null,
      reviewReason: l.review_reason,
      repairFrom: await this.repairFrom(l),
      removedAt: iso(l.removed_at),
      removalReason: l.removal_reason,
      events: events.map((e) => ({
        action: e.action,
        fromState: e.from_state,
        toState: e.to_state,
        actorName: e.actor_name,
        reason: e.reason,
        at: new Date(e.at).toISOString(),
      })),
      attachments: attachments.map((a) => ({
        id: a.id,
        kind: a.kind,
        fileName: a.file_name,
        contentType: a.content_type,
        sizeBytes: Number(a.size_bytes),
        sha256: a.sha256,
        repairId: a.repair_id,
        createdAt: new Date(a.created_at).toISOString(),
      })),
      repairs: repairs.map((r) => ({
        id: r.id,
        state: r.state,
        applicant: r.applicant,
        conditions: r.conditions,
        explanation: r.explanation,
        submittedAt: new Date(r.submitted_at).toISOString(),
        decidedAt: iso(r.decided_at),
        decisionReason: r.decision_reason,
      })),
      actions: this.available(
        actor,
        l,
        repairs.some((r) => r.state === 'pending'),
      ),
    };
  }

  private available(actor: Actor, l: ListingRow, repairPending: boolean): AvailableListingAction[] {
    return LISTING_TRANSITIONS.filter((t) => {
      if (!t.from.includes(l.state)) return false;
      if (t.requires.includes('repair_application') && !repairPending) return false;
      try {
        this.assertMayTake(actor, l, t);
        return true;
      } catch {
        return false;
      }
    }).map((t) => ({
      action: t.action,
      label: labelOf(LISTING_ACTIONS, t.action),
      requires: [...t.requires],
    }));
  }

  /** The office's listings by work queue (the 信用公示 page), oldest first within a queue, with per-queue counts. */
  async list(
    actor: Actor,
    query: ListingQuery,
  ): Promise<{
    items: ListingSummary[];
    total: number;
    page: number;
    pageSize: number;
    counts: Record<ListingQueue, number>;
  }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const params: unknown[] = [];
    const p = (x: unknown) => (params.push(x), `$${params.length}`);
    const root = this.scope.rootOf(actor);
    const inScope = (add: (x: unknown) => string) => {
      if (root === null) return 'true';
      const [lo, hi] = regionRange(root);
      return `(o.region_code >= ${add(lo)} AND o.region_code < ${add(hi)} OR l.office_id = ${add(actor.officeId ?? null)}::uuid)`;
    };
    const scope = inScope(p);
    const queues = this.queueSql();
    const where = [scope];
    if (query.queue) {
      if (!(query.queue in queues))
        fail([field('queue', `One of ${Object.keys(queues).join(', ')}`, '队列无效')]);
      where.push(queues[query.queue]);
    }
    if (query.state) {
      if (!LISTING_STATES.some((s) => s.code === query.state))
        fail([field('state', 'Unknown state', '状态无效')]);
      where.push(`l.state = ${p(query.state)}`);
    }
    if (query.q)
      where.push(
        `(l.subject_name ILIKE ${p(`%${query.q}%`)} OR l.subject_uscc = ${p(query.q.toUpperCase())} OR l.listing_no = ${p(query.q.toUpperCase())})`,
      );
    const whereSql = where.join(' AND ');
    const from = `FROM credit_listings l JOIN offices o ON o.id = l.office_id`;
    const [{ total }] = await this.q<{ total: number }[]>(
      `SELECT count(*)::int AS total ${from} WHERE ${whereSql}`,
      [...params],
    );
    const order =
      query.queue === 'expiring'
        ? 'l.publish_until ASC'
        : query.queue === 'defence'
          ? 'l.defence_due_at ASC'
          : 'l.proposed_at ASC';
    const rows = await this.q<ListingRow[]>(
      `${SELECT} WHERE ${whereSql} ORDER BY ${order}, l.id LIMIT ${p(pageSize)} OFFSET ${p((page - 1) * pageSize)}`,
      params,
    );
    const countParams: unknown[] = [];
    const cp = (x: unknown) => (countParams.push(x), `$${countParams.length}`);
    const cscope = inScope(cp);
    const cq = this.queueSql();
    const [counts] = await this.q<Record<ListingQueue, number>[]>(
      `SELECT ${Object.entries(cq)
        .map(([k, sql]) => `count(*) FILTER (WHERE ${sql})::int AS ${k}`)
        .join(', ')} ${from} WHERE ${cscope}`,
      countParams,
    );
    return { items: rows.map(summaryOf), total, page, pageSize, counts };
  }

  private queueSql(): Record<ListingQueue, string> {
    return {
      proposals: `l.state = 'proposed'`,
      defence: `l.state = 'notified'`,
      review: `l.state IN ('defended', 'lapsed')`,
      published: `l.state = 'published'`,
      expiring: `l.state = 'published' AND l.publish_until <= (now() AT TIME ZONE 'Asia/Shanghai')::date + ${EXPIRING_DAYS}`,
      closed: `l.state IN ('rejected', 'withdrawn', 'expired', 'repaired', 'revoked')`,
    };
  }
}

function summaryOf(l: ListingRow): ListingSummary {
  return {
    id: l.id,
    listingNo: l.listing_no,
    state: l.state,
    stateLabel: labelOf(LISTING_STATES, l.state),
    ground: l.ground,
    groundLabel: labelOf(LISTING_GROUNDS, l.ground),
    regime: l.regime,
    subject: {
      kind: l.subject_kind,
      name: l.subject_name,
      uscc: l.subject_uscc,
      // Masked in staff views like every natural person's ID number (PIPL art. 28; @app/domain privacy): the
      // handling officers read the full number through the case party's audited reveal.
      idNumber: maskedOrNull(l.subject_id_number, maskIdNumber),
    },
    caseId: l.case_id,
    decisionNo: l.decision_no,
    decisionDate: l.decision_date,
    office: { id: l.office_id, name: l.office_name, regionCode: l.office_region },
    regionCode: l.region_code,
    ipType: l.ip_type,
    proposedAt: new Date(l.proposed_at).toISOString(),
    defenceDueAt: iso(l.defence_due_at),
    publishFrom: l.publish_from,
    publishUntil: l.publish_until,
    version: l.version,
  };
}
