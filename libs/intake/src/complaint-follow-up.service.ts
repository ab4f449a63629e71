import { AuditWriter } from '@app/audit';
import { CaseService, type PartyInput } from '@app/cases';
import type { Actor } from '@app/contracts';
import {
  complaintTransition,
  DomainError,
  ipTypeDef,
  NOTICE_CHANNEL_CODES,
  procedureDef,
  type ComplaintTransition,
  type FieldViolation,
  isUuid,
} from '@app/domain';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { ComplaintNotifier } from './complaint-notices';
import { failValidation as fail, fieldError, textOrNull as text } from './complaint-input';
import { ComplaintStore } from './complaint-store';
import type { ComplaintDetail, ComplaintRow } from './complaint-view';

export interface ConvertInput {
  version: number;
  procedure: string;
  /** The case title; by default built from the respondent and the IP type. */
  title?: string;
  officerIds?: string[];
}

export interface MergeInput {
  /** The version of the complaint that is kept. */
  version: number;
  reason: string;
  duplicates: { id: string; version: number }[];
}

export interface CallbackInput {
  version: number;
  /** Whether the complainant answered; an unanswered call counts as an attempt. */
  reached: boolean;
  satisfaction?: number;
  comment?: string;
}

export interface NoticeInput {
  version: number;
  channel: string;
  note?: string;
}

const MAX_MERGE = 20;

/**
 * What follows a complaint's acceptance (issue 5): filing it as a case (linked both ways), merging duplicates
 * into it (every complainant kept and told), recording how the complainant was told the outcome, and the
 * callback after closure with its satisfaction score.
 */
@Injectable()
export class ComplaintFollowUpService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly store: ComplaintStore,
    private readonly notifier: ComplaintNotifier,
    private readonly audit: AuditWriter,
    private readonly cases: CaseService,
  ) {}

  /** 转立案: an accepted complaint becomes a case of the procedure the officer chooses, in the same office. */
  @Transactional()
  async convert(actor: Actor, id: string, input: ConvertInput): Promise<ComplaintDetail> {
    const locked = await this.store.lockForCommand(actor, id, input.version, 'convert');
    this.allowed(actor, locked, 'convert');
    const c = (await this.store.row(id))!;
    const procedure = procedureDef(input.procedure);
    const ipType = ipTypeDef(c.ip_type as string);
    if (!procedure || !ipType) {
      fail([fieldError('procedure', `Unknown procedure "${input.procedure}"`, '程序类型无效', 'REQUIRED')]);
    }
    if (!procedure!.sources.includes('complaint' as never)) {
      fail([
        fieldError(
          'procedure',
          `${procedure!.en} does not start from a complaint`,
          `「${procedure!.zh}」不能由投诉举报立案`,
        ),
      ]);
    }
    const respondent = (c.respondent_name ?? c.respondent_shop ?? c.respondent_url) as string;
    const title =
      text(input.title) ?? `${respondent}涉嫌侵犯${ipType!.zh}（${String(c.tracking_no)}）`.slice(0, 200);
    const created = await this.cases.create(actor, {
      title,
      ipType: ipType!.code,
      procedure: procedure!.code,
      source: 'complaint',
      officeId: c.office_id as string,
      regionCode: c.region_code as string,
      receivedOn: c.received_on as string,
      summary: c.description as string,
      online: !!(c.respondent_platform || c.respondent_url),
      officerIds: input.officerIds,
      parties: partiesOf(c),
      rights: c.right_number ? [{ number: c.right_number as string }] : [],
    });
    await this.txHost.tx.query(`UPDATE cases SET complaint_id = $2 WHERE id = $1`, [created.id, c.id]);
    await this.txHost.tx.query(
      `UPDATE complaints SET state = 'converted', case_id = $2, converted_at = now(), converted_by = $3,
              clock_met_at = coalesce(clock_met_at, now()), version = version + 1, updated_at = now()
        WHERE id = $1`,
      [c.id, created.id, actor.id],
    );
    const caseNumber = created.caseNo ?? `DJ${created.regNo}`;
    await this.audit.record(actor, {
      action: 'complaint.convert',
      entityType: 'complaint',
      entityId: c.id as string,
      data: { from: c.state, to: 'converted', caseId: created.id, caseNumber, procedure: procedure!.code },
    });
    await this.notifier.tell(c, { kind: 'converted', caseNumber });
    return this.store.detail(actor, c.id as string);
  }

  /**
   * Merges duplicates into complaint `id` (the one kept): each becomes `merged`, its complainant is kept on it and
   * told which number to follow; duplicates already merged into one of them move along. Later outcome notices of
   * the kept complaint reach every complainant.
   */
  @Transactional()
  async merge(actor: Actor, id: string, input: MergeInput): Promise<ComplaintDetail> {
    const reason = text(input.reason);
    const list = Array.isArray(input.duplicates) ? input.duplicates : [];
    const v: FieldViolation[] = [];
    if (!reason)
      v.push(fieldError('reason', 'Say why they are the same matter', '请填写合并理由', 'REQUIRED'));
    if (!list.length || list.length > MAX_MERGE) {
      v.push(
        fieldError(
          'duplicates',
          `Choose 1–${MAX_MERGE} duplicates`,
          `请选择1–${MAX_MERGE}件重复工单`,
          'REQUIRED',
        ),
      );
    }
    const ids = list.map((d) => d?.id);
    if (ids.some((d) => !isUuid(d))) {
      v.push(fieldError('duplicates', 'Each duplicate needs its id (uuid) and version', '重复工单编号无效'));
    } else if (new Set(ids).size !== ids.length || ids.includes(id)) {
      v.push(
        fieldError(
          'duplicates',
          'Each duplicate once, and not the kept complaint',
          '重复工单不能重复或为保留工单本身',
        ),
      );
    }
    if (v.length) fail(v);
    // Lock in one order (by id) so two merges over the same complaints cannot deadlock.
    const order = [id, ...ids].sort();
    const locked = new Map<string, ComplaintRow>();
    for (const key of order) {
      const version = key === id ? input.version : list.find((d) => d.id === key)!.version;
      locked.set(key, await this.store.lockForCommand(actor, key, version, 'merge'));
    }
    const kept = locked.get(id)!;
    if (kept.state === 'merged') {
      throw new DomainError(
        'INVALID_TRANSITION',
        `工单 ${String(kept.tracking_no)} 已合并至其他工单，请合并到该工单 / ${String(kept.tracking_no)} is itself merged; merge into the one it joined`,
      );
    }
    for (const d of ids) this.allowed(actor, locked.get(d)!, 'merge');
    for (const d of ids) {
      const dup = locked.get(d)!;
      await this.txHost.tx.query(
        `UPDATE complaints SET state = 'merged', merged_into = $2, merged_at = now(), merged_by = $3,
                merge_reason = $4, clock_met_at = coalesce(clock_met_at, now()), version = version + 1,
                updated_at = now()
          WHERE id = $1`,
        [d, id, actor.id, reason],
      );
      await this.txHost.tx.query(
        `UPDATE complaints SET merged_into = $2, version = version + 1, updated_at = now() WHERE merged_into = $1`,
        [d, id],
      );
      await this.audit.record(actor, {
        action: 'complaint.merged',
        entityType: 'complaint',
        entityId: d,
        data: { from: dup.state, to: 'merged', into: id, intoTrackingNo: kept.tracking_no, reason },
      });
      await this.notifier.tell(dup, { kind: 'merged', into: kept.tracking_no as string }, true);
    }
    await this.txHost.tx.query(
      `UPDATE complaints SET version = version + 1, updated_at = now() WHERE id = $1`,
      [id],
    );
    await this.audit.record(actor, {
      action: 'complaint.merge',
      entityType: 'complaint',
      entityId: id,
      data: {
        merged: ids.map((d) => ({ id: d, trackingNo: locked.get(d)!.tracking_no })),
        reason,
      },
    });
    return this.store.detail(actor, id);
  }

  /** 回访: after closure the complainant is called; satisfaction 1–5 and a comment, or an unanswered attempt. */
  @Transactional()
  async callback(actor: Actor, id: string, input: CallbackInput): Promise<ComplaintDetail> {
    const c = await this.store.lockForCommand(actor, id, input.version);
    this.staff(actor);
    if (c.state !== 'closed') {
      throw new DomainError(
        'INVALID_TRANSITION',
        '工单办结后方可回访 / Call back once the complaint is closed',
        {
          state: c.state,
        },
      );
    }
    if (c.callback_at) {
      throw new DomainError('CONFLICT', '该工单已回访 / The callback has already been recorded');
    }
    if (c.anonymous || !c.complainant_phone) {
      throw new DomainError(
        'INVALID_TRANSITION',
        '无联系电话，无法回访 / There is no phone number to call back',
      );
    }
    const comment = text(input.comment);
    if (comment && comment.length > 2000) {
      fail([fieldError('comment', 'At most 2,000 characters', '回访意见不超过2000字')]);
    }
    if (input.reached === true) {
      if (!Number.isInteger(input.satisfaction) || input.satisfaction! < 1 || input.satisfaction! > 5) {
        fail([fieldError('satisfaction', 'Satisfaction from 1 to 5', '请选择满意度（1–5）', 'REQUIRED')]);
      }
      await this.txHost.tx.query(
        `UPDATE complaints SET satisfaction = $2, callback_comment = $3, callback_at = now(), callback_by = $4,
                callback_attempts = callback_attempts + 1, callback_last_attempt_at = now(),
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [c.id, input.satisfaction, comment, actor.id],
      );
    } else if (input.reached === false) {
      await this.txHost.tx.query(
        `UPDATE complaints SET callback_attempts = callback_attempts + 1, callback_last_attempt_at = now(),
                callback_comment = coalesce($2, callback_comment), version = version + 1, updated_at = now()
          WHERE id = $1`,
        [c.id, comment],
      );
    } else {
      fail([
        fieldError('reached', 'Say whether the complainant answered', '请选择是否联系上投诉人', 'REQUIRED'),
      ]);
    }
    await this.audit.record(actor, {
      action: input.reached ? 'complaint.callback' : 'complaint.callback_attempt',
      entityType: 'complaint',
      entityId: c.id as string,
      data: input.reached ? { satisfaction: input.satisfaction, comment } : { comment },
    });
    return this.store.detail(actor, c.id as string);
  }

  /** Records how the complainant was told the outcome when no SMS or e-mail could be sent. */
  @Transactional()
  async recordNotice(actor: Actor, id: string, input: NoticeInput): Promise<ComplaintDetail> {
    const c = await this.store.lockForCommand(actor, id, input.version);
    this.staff(actor);
    if (!NOTICE_CHANNEL_CODES.includes(input.channel as never)) {
      fail([
        fieldError('channel', `One of ${NOTICE_CHANNEL_CODES.join(', ')}`, '请选择告知方式', 'REQUIRED'),
      ]);
    }
    if (!c.notice_due_at) {
      throw new DomainError(
        'INVALID_TRANSITION',
        '该工单尚无需告知的处理结果 / There is no outcome to tell yet',
      );
    }
    if (c.notified_at) {
      throw new DomainError('CONFLICT', '已告知投诉人 / The complainant has already been told');
    }
    const note = text(input.note);
    await this.txHost.tx.query(
      `UPDATE complaints SET notified_at = now(), notice_channel = $2, notified_by = $3, version = version + 1,
              updated_at = now()
        WHERE id = $1`,
      [c.id, input.channel, actor.id],
    );
    await this.audit.record(actor, {
      action: 'complaint.notice',
      entityType: 'complaint',
      entityId: c.id as string,
      data: { channel: input.channel, ...(note ? { note } : {}) },
    });
    return this.store.detail(actor, c.id as string);
  }

  /** The state (409) and role (403) checks of a dedicated transition. */
  private allowed(actor: Actor, c: ComplaintRow, action: 'convert' | 'merge'): ComplaintTransition {
    const t = complaintTransition(c.state as string, action);
    if (!t) {
      throw new DomainError(
        'INVALID_TRANSITION',
        `Action "${action}" is not possible on complaint ${String(c.tracking_no)} in state "${String(c.state)}"`,
        { action, state: c.state, trackingNo: c.tracking_no },
      );
    }
    if (!t.roles.some((r) => actor.roles.includes(r))) {
      throw new DomainError('FORBIDDEN', `Action "${action}" needs one of the roles: ${t.roles.join(', ')}`);
    }
    if (t.categories && !t.categories.includes(c.category as string)) {
      throw new DomainError('INVALID_TRANSITION', `Only ${t.categories.join(' / ')} can be filed as a case`);
    }
    return t;
  }

  private staff(actor: Actor): void {
    if (!['operator', 'officer', 'supervisor'].some((r) => actor.roles.includes(r as never))) {
      throw new DomainError('FORBIDDEN', 'Only operators, officers and supervisors record this');
    }
  }
}

/**
 * The case's parties from the complaint, where the identifiers a party needs are there: the respondent with its
 * credit code; the complainant of a complaint (a dispute) as claimant — never a reporter, whose identity stays
 * with the handling staff (总局令第20号 Art 33).
 */
function partiesOf(c: ComplaintRow): PartyInput[] {
  const parties: PartyInput[] = [];
  if (c.respondent_uscc) {
    parties.push({
      role: 'respondent',
      kind: 'enterprise',
      name: (c.respondent_name ?? c.respondent_shop) as string,
      uscc: c.respondent_uscc as string,
      address: (c.respondent_address as string) ?? undefined,
    });
  }
  if (c.category !== 'report' && !c.anonymous && c.complainant_name) {
    if (c.complainant_uscc) {
      parties.push({
        role: 'claimant',
        kind: 'enterprise',
        name: (c.complainant_org ?? c.complainant_name) as string,
        uscc: c.complainant_uscc as string,
        phone: (c.complainant_phone as string) ?? undefined,
      });
    } else if (c.complainant_id_number) {
      parties.push({
        role: 'claimant',
        kind: 'individual',
        name: c.complainant_name as string,
        idNumber: c.complainant_id_number as string,
        phone: (c.complainant_phone as string) ?? undefined,
      });
    }
  }
  return parties;
}
