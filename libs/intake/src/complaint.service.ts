import { AuditWriter } from '@app/audit';
import { ScopePolicy } from '@app/auth';
import { CalendarService } from '@app/calendar';
import type { Actor, Page } from '@app/contracts';
import {
  acceptanceRuleFor,
  CASE_STATES,
  COMPLAINT_ACTIONS,
  deadlineWithTolling,
  shanghaiDate,
  complaintTransition,
  DomainError,
  ipTypeDef,
  REFUSAL_GROUND_CODES,
  validateRegionCode,
  type FieldViolation,
  isUuid,
} from '@app/domain';
import { OutboxWriter } from '@app/outbox';
import { OfficeService } from '@app/regions';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { failValidation, fieldError, textOrNull as text, type ComplaintInput } from './complaint-input';
import { ComplaintNotifier } from './complaint-notices';
import { ComplaintStore } from './complaint-store';
import { ComplaintWriter, type ComplaintOrigin } from './complaint-writer';
import {
  COMPLAINT_COLUMNS,
  COMPLAINT_FROM,
  forViewer,
  maskComplainant,
  type ComplaintDetail,
  type ComplaintRow as Row,
  type ComplaintView,
  type PublicComplaintView,
} from './complaint-view';

/** Where a complaint moves and why: accepted by the office a referral sent it to, or designated by a superior. */
export interface ComplaintMove {
  officeId: string;
  referralId: string;
  referralNo: string;
  how: 'accepted' | 'designated';
}

export interface ComplaintActInput {
  version: number;
  reason?: string;
  refusalGround?: string;
  answer?: string;
  officeId?: string;
}

/**
 * 12330 complaint intake (issue 5): registering a complaint from the operator console or the public form —
 * validated, routed to the competent office, numbered from a sequence, given its acceptance deadline — in one
 * transaction with its audit event and the receiving office's notification.
 */
@Injectable()
export class ComplaintService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly scope: ScopePolicy,
    private readonly offices: OfficeService,
    private readonly store: ComplaintStore,
    private readonly notifier: ComplaintNotifier,
    private readonly writer: ComplaintWriter,
    private readonly calendar: CalendarService,
  ) {}

  /**
   * Registers a complaint taken by an operator (or an officer at a walk-in or a trade fair). No transaction of its
   * own: one statement writes the complaint, its audit event and its notification together (ComplaintWriter).
   */
  async register(actor: Actor, input: ComplaintInput, origin: ComplaintOrigin = {}): Promise<ComplaintView> {
    // The operator has just typed them; the answer still shows them masked, like every staff read.
    return maskComplainant(await this.writer.insert(actor, input, null, origin));
  }

  /**
   * Registers a complaint from the public form. The idempotency key makes a double submit one complaint: the same
   * key with the same body returns the first; with another body it is refused (409).
   */
  async submitPublic(
    input: ComplaintInput,
    idempotencyKey: string,
  ): Promise<{ complaint: PublicComplaintView; replayed: boolean }> {
    if (typeof idempotencyKey !== 'string' || !/^[A-Za-z0-9._:-]{8,100}$/.test(idempotencyKey)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'Send an Idempotency-Key header of 8–100 letters, digits, . _ : -',
        {
          errors: [
            {
              field: 'Idempotency-Key',
              code: 'REQUIRED',
              message: 'An Idempotency-Key header (8–100 characters) is required',
              messageZh: '请求头须带 Idempotency-Key（8–100个字符），以免重复提交',
            },
          ],
        },
      );
    }
    const body = { ...input, channel: 'web', officeId: undefined };
    const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    return this.txHost.withTransaction(async () => {
      // Claim the key first: a concurrent duplicate waits here on the row and then sees it.
      const [claimed] = (await this.txHost.tx.query(
        `INSERT INTO idempotency_keys (key, scope, request_hash, resource_id)
         VALUES ($1, 'public.complaint', $2, '00000000-0000-0000-0000-000000000000')
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [idempotencyKey, hash],
      )) as { key: string }[];
      if (!claimed) {
        const [prior] = (await this.txHost.tx.query(
          `SELECT request_hash, resource_id FROM idempotency_keys WHERE key = $1`,
          [idempotencyKey],
        )) as { request_hash: string; resource_id: string }[];
        if (prior.request_hash !== hash) {
          throw new DomainError(
            'CONFLICT',
            '该 Idempotency-Key 已用于另一份投诉 / This Idempotency-Key was used for a different submission',
          );
        }
        return { complaint: await this.store.publicView(prior.resource_id), replayed: true };
      }
      const created = await this.writer.insert(null, body, idempotencyKey);
      await this.txHost.tx.query(`UPDATE idempotency_keys SET resource_id = $2 WHERE key = $1`, [
        idempotencyKey,
        created.id,
      ]);
      return { complaint: await this.store.publicView(created.id), replayed: false };
    });
  }

  /** The public tracking page: the tracking number plus the last four digits of the phone given. */
  async track(trackingNo: string, phoneLast4: string): Promise<PublicComplaintView> {
    const rows = (await this.txHost.tx.query(
      `SELECT c.id, c.complainant_phone FROM complaints c WHERE c.tracking_no = $1`,
      [String(trackingNo ?? '').trim()],
    )) as { id: string; complainant_phone: string | null }[];
    const phone = rows[0]?.complainant_phone?.replace(/\D/g, '') ?? '';
    // One answer for "no such number" and "wrong digits", so the page cannot be used to probe numbers.
    if (!rows[0] || !/^\d{4}$/.test(phoneLast4 ?? '') || !phone.endsWith(phoneLast4)) {
      throw new DomainError(
        'NOT_FOUND',
        '未找到该工单，请核对受理编号和手机号后四位 / No complaint matches that number and phone',
      );
    }
    return this.store.publicView(rows[0].id);
  }

  get(actor: Actor, id: string): Promise<ComplaintDetail> {
    return this.store.detail(actor, id);
  }

  async list(
    actor: Actor,
    q: {
      page?: number;
      pageSize?: number;
      state?: string;
      category?: string;
      phone?: string;
      trackingNo?: string;
      callback?: 'pending';
      notice?: 'pending';
    },
  ): Promise<Page<ComplaintView>> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const range = this.scope.rangeOf(actor);
    if (range) {
      where.push(
        `((c.region_code >= ${p(range[0])} AND c.region_code < ${p(range[1])}) OR c.office_id = ${p(actor.officeId)})`,
      );
    }
    if (q.state) where.push(`c.state = ${p(q.state)}`);
    if (q.category) where.push(`c.category = ${p(q.category)}`);
    if (q.phone) where.push(`c.complainant_phone = ${p(q.phone)}`);
    if (q.trackingNo) where.push(`c.tracking_no = ${p(q.trackingNo.trim())}`);
    // The operators' callback list: closed, reachable by phone, not yet called back.
    if (q.callback === 'pending') {
      where.push(`c.closed_at IS NOT NULL AND c.callback_at IS NULL AND c.complainant_phone IS NOT NULL
        AND NOT c.anonymous AND c.merged_into IS NULL`);
    }
    if (q.notice === 'pending') where.push(`c.notice_due_at IS NOT NULL AND c.notified_at IS NULL`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const count = (await this.txHost.tx.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM complaints c ${w} LIMIT 10001) s`,
      params,
    )) as { n: number }[];
    const rows = (await this.txHost.tx.query(
      `SELECT ${COMPLAINT_COLUMNS} FROM ${COMPLAINT_FROM} ${w}
        ORDER BY c.received_at DESC, c.id DESC LIMIT ${p(pageSize)} OFFSET ${p((page - 1) * pageSize)}`,
      params,
    )) as Row[];
    return { items: rows.map((r) => forViewer(actor, r)), total: count[0].n, page, pageSize };
  }

  /** The competent office for an IP type and region (nearest up the region tree), for the console's suggestion. */
  async suggestOffice(
    ipType: string | null,
    regionCode: string | null,
  ): Promise<{ id: string; name: string } | null> {
    const competence = ipType ? ipTypeDef(ipType)?.competence : null;
    // No office sits in a region that is not a valid code, so such a code has no suggestion (not an error).
    if (!competence || !regionCode || !validateRegionCode(regionCode).ok) return null;
    const office = await this.offices.findCompetent(regionCode, competence);
    return office ? { id: office.id, name: office.name } : null;
  }

  /**
   * Triage, accept, refuse, answer or close (the table in libs/domain/src/intake/workflow.ts). Checks the version
   * (409), a hold by another context such as an open transfer (409), the state (409), the role (403) and the data
   * (400), in that order.
   */
  @Transactional()
  async act(actor: Actor, id: string, action: string, input: ComplaintActInput): Promise<ComplaintDetail> {
    const c = await this.store.lockForCommand(actor, id, input.version, action);
    const t = complaintTransition(c.state as string, action);
    if (!t) {
      throw new DomainError(
        COMPLAINT_ACTIONS.some((a) => a.code === action) ? 'INVALID_TRANSITION' : 'NOT_FOUND',
        `Action "${action}" is not possible on a complaint in state "${String(c.state)}"`,
        { action, state: c.state },
      );
    }
    if (t.dedicated) {
      throw new DomainError(
        'NOT_FOUND',
        `"${action}" has its own endpoint: POST /complaints/${String(c.id)}/${action}`,
      );
    }
    if (!t.roles.some((r) => actor.roles.includes(r))) {
      throw new DomainError('FORBIDDEN', `Action "${action}" needs one of the roles: ${t.roles.join(', ')}`);
    }
    if (t.action === 'close' && c.case_id) await this.assertCaseClosed(c.case_id as string);
    if (t.categories && !t.categories.includes(c.category as string)) {
      throw new DomainError(
        'INVALID_TRANSITION',
        `Only ${t.categories.join(' / ')} can be answered directly`,
      );
    }
    const v: FieldViolation[] = [];
    const reason = text(input.reason);
    const answer = text(input.answer);
    let target: { id: string; name: string } | null = null;
    for (const r of t.requires) {
      if (r === 'office' && !c.office_id && !input.officeId) {
        v.push(fieldError('officeId', 'Choose the handling office', '请选择承办机关', 'REQUIRED'));
      }
      if (r === 'reason' && !reason)
        v.push(fieldError('reason', 'Give the reason', '请填写理由', 'REQUIRED'));
      if (r === 'answer' && !answer)
        v.push(fieldError('answer', 'Write the answer', '请填写答复内容', 'REQUIRED'));
      if (r === 'refusal_ground') {
        if (!REFUSAL_GROUND_CODES.includes(input.refusalGround as never)) {
          v.push(
            fieldError(
              'refusalGround',
              `One of ${REFUSAL_GROUND_CODES.join(', ')}`,
              '请选择不予受理的理由',
              'REQUIRED',
            ),
          );
        } else if (input.refusalGround === 'other' && !reason) {
          v.push(fieldError('reason', 'Explain the other reason', '请说明不予受理的理由', 'REQUIRED'));
        }
      }
    }
    const officeId = t.requires.includes('office') ? input.officeId : undefined;
    if (officeId !== undefined) {
      const [office] = isUuid(officeId)
        ? ((await this.txHost.tx.query(`SELECT id, name FROM offices WHERE id = $1 AND active`, [
            officeId,
          ])) as {
            id: string;
            name: string;
          }[])
        : [];
      if (!office) v.push(fieldError('officeId', 'Unknown or inactive office', '承办机关不存在或已停用'));
      else target = office;
    }
    if (v.length) failValidation(v);

    const decided = ['accept', 'refuse', 'answer'].includes(t.action);
    await this.txHost.tx.query(
      `UPDATE complaints SET state = $2, office_id = coalesce($3, office_id),
              refusal_ground = coalesce($4, refusal_ground), decision_reason = coalesce($5, decision_reason),
              answer = coalesce($6, answer),
              decided_at = CASE WHEN $7 THEN now() ELSE decided_at END,
              decided_by = CASE WHEN $7 THEN $8::uuid ELSE decided_by END,
              clock_met_at = CASE WHEN $9 THEN now() ELSE clock_met_at END,
              closed_at = CASE WHEN $10 THEN now() ELSE closed_at END,
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [
        c.id,
        t.to,
        target?.id ?? null,
        t.action === 'refuse' ? input.refusalGround : null,
        reason,
        answer,
        decided,
        actor.id,
        t.stopsClock,
        t.action === 'close',
      ],
    );
    await this.audit.record(actor, {
      action: `complaint.${t.action}`,
      entityType: 'complaint',
      entityId: c.id as string,
      data: {
        from: c.state,
        to: t.to,
        ...(target ? { officeId: target.id, officeName: target.name } : {}),
        ...(t.action === 'refuse' ? { refusalGround: input.refusalGround } : {}),
        ...(reason ? { reason } : {}),
        ...(answer ? { answer } : {}),
      },
    });
    if (target && target.id !== c.office_id) {
      // Routed to an office other than the one intake chose: that office is told, as at intake.
      await this.outbox.add({
        topic: 'complaint.received',
        payload: {
          to: { office: { id: target.id, roles: ['officer', 'supervisor'] } },
          title: {
            zh: `分办工单 ${String(c.tracking_no)}`,
            en: `Complaint ${String(c.tracking_no)} routed to you`,
          },
          body: {
            zh: reason ? `分办说明：${reason}` : '请及时受理。',
            en: reason ? `Note: ${reason}` : 'Please decide on it.',
          },
          link: `/complaints/${String(c.id)}`,
          data: {
            complaintId: c.id,
            trackingNo: c.tracking_no,
            officeId: target.id,
            regionCode: c.region_code,
          },
        },
      });
    }
    if (t.action === 'accept') await this.notifier.tell(c, { kind: 'accepted' });
    if (t.action === 'refuse') {
      await this.notifier.tell(c, { kind: 'not_accepted', refusalGround: input.refusalGround!, reason });
    }
    if (t.action === 'answer') await this.notifier.tell(c, { kind: 'answered', answer: answer! });
    if (t.action === 'close') await this.outbox.add(callbackTask(c));
    return this.store.detail(actor, c.id as string);
  }

  /**
   * Moves a complaint to the office that took it over by a referral (移送管辖 accepted, or 指定管辖). The tracking
   * number stays; an acceptance decision not yet made is now the new office's, due by the rule's limit counted from
   * the move (the receiving office's own time limit runs from its receipt). The caller holds the referral's lock and
   * checks who may move it.
   */
  async moveToOffice(actor: Actor, id: string, move: ComplaintMove): Promise<void> {
    const [c] = (await this.txHost.tx.query(`SELECT * FROM complaints WHERE id = $1 FOR UPDATE`, [
      id,
    ])) as Row[];
    if (!c) throw new DomainError('NOT_FOUND', `Complaint ${id} not found`);
    const undecided = c.clock_met_at === null;
    const rule = undecided
      ? acceptanceRuleFor({
          category: c.category as string,
          ipType: c.ip_type as string | null,
          channel: c.channel as string,
        })
      : undefined;
    const now = new Date();
    const due = rule
      ? deadlineWithTolling(
          { start: shanghaiDate(now), startAt: now, amount: rule.amount, unit: rule.unit },
          await this.calendar.snapshot(),
        )
      : null;
    await this.txHost.tx.query(
      `UPDATE complaints SET office_id = $2,
              rule_id = CASE WHEN $3 THEN $4 ELSE rule_id END,
              due_at = CASE WHEN $3 THEN $5::timestamptz ELSE due_at END,
              due_date = CASE WHEN $3 THEN $6::date ELSE due_date END,
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, move.officeId, !!rule, rule?.id ?? null, due?.dueAt ?? null, due?.due ?? null],
    );
    await this.audit.record(actor, {
      action: 'complaint.moved',
      entityType: 'complaint',
      entityId: id,
      data: {
        fromOfficeId: c.office_id,
        toOfficeId: move.officeId,
        how: move.how,
        referralId: move.referralId,
        referralNo: move.referralNo,
        ...(due ? { dueAt: due.dueAt?.toISOString() ?? null } : {}),
      },
    });
  }

  /** A complaint filed as a case closes once the case is closed. */
  private async assertCaseClosed(caseId: string): Promise<void> {
    const [k] = (await this.txHost.tx.query(
      `SELECT status, coalesce(case_no, 'DJ' || reg_no) AS no FROM cases WHERE id = $1`,
      [caseId],
    )) as { status: string; no: string }[];
    if (CASE_STATES.find((s) => s.code === k.status)?.open !== false) {
      throw new DomainError(
        'INVALID_TRANSITION',
        `案件 ${k.no} 尚未办结，工单不能办结 / Case ${k.no} is still open; close the complaint when the case is closed`,
        { caseId, caseStatus: k.status },
      );
    }
  }
}

/** After closure, the operator who took the call (or the office's operators) calls the complainant back (回访). */
function callbackTask(c: Row) {
  return {
    topic: 'complaint.callback_due' as const,
    payload: {
      to: c.received_by
        ? { users: [c.received_by as string] }
        : { office: { id: c.office_id as string, roles: ['operator' as const, 'officer' as const] } },
      title: {
        zh: `工单 ${String(c.tracking_no)} 已办结，请回访`,
        en: `Complaint ${String(c.tracking_no)} closed: call back`,
      },
      body: {
        zh: '请回访投诉人并记录满意度（1–5）。',
        en: 'Call the complainant and record satisfaction (1–5).',
      },
      link: `/complaints/${String(c.id)}`,
      data: { complaintId: c.id, trackingNo: c.tracking_no },
    },
  };
}
