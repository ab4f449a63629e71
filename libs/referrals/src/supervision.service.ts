import { AuditWriter } from '@app/audit';
import { CaseService } from '@app/cases';
import type { Actor, Audience, Bilingual } from '@app/contracts';
import {
  addDays,
  boundedText,
  DomainError,
  failValidation,
  fieldViolation,
  INVALID_REQUEST,
  endOfShanghaiDay,
  isWithin,
  OPEN_CASE_STATES,
  shanghaiDate,
  type CaseState,
  type FieldViolation,
} from '@app/domain';
import { OutboxWriter, type OutboxMessage } from '@app/outbox';
import { TransactionHost, Transactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import type { OfficeRef } from './referral-views';

/** Report intervals a supervisor may set, in natural days (no statutory limit: domain.md §3, configurable). */
export const SUPERVISION_REPORT_EVERY_DAYS = { min: 1, max: 90 } as const;

export interface StartSupervisionInput {
  reason: string;
  reportEveryDays: number;
}

export interface SupervisionReportInput {
  body: string;
}

export interface EndSupervisionInput {
  reason: string;
}

export interface SupervisionReportView {
  id: string;
  body: string;
  filedBy: { id: string; displayName: string | null };
  filedAt: string;
  /** When the report was due as it was filed (null: none was due). */
  wasDueAt: string | null;
  /** Filed after it was due. */
  late: boolean;
}

/** A case's joint supervision (督办) with its progress reports, oldest first. */
export interface SupervisionView {
  id: string;
  caseId: string;
  state: 'active' | 'ended';
  /** The supervising level: a region above the handling office's. */
  region: { code: string; name: string };
  /** The supervising supervisor's office. */
  office: OfficeRef;
  startedBy: { id: string; displayName: string | null };
  reason: string;
  reportEveryDays: number;
  nextReportDueAt: string | null;
  /** Active and the next report is past due. */
  overdue: boolean;
  endReason: string | null;
  startedAt: string;
  endedAt: string | null;
  version: number;
  reports: SupervisionReportView[];
  /** Whether the reader may file a progress report now (the handling office's staff, while active). */
  canReport: boolean;
  /** Whether the reader may end the supervision (a supervisor over the supervising region, while active). */
  canEnd: boolean;
}

/** A case as CaseService.readable returns it. */
type CaseRow = Awaited<ReturnType<CaseService['readable']>>;

interface Row {
  id: string;
  case_id: string;
  region_code: string;
  region_name: string;
  office_id: string;
  office_name: string;
  office_region: string;
  started_by: string;
  started_by_name: string | null;
  reason: string;
  report_every_days: number;
  next_report_due_at: Date | null;
  state: 'active' | 'ended';
  end_reason: string | null;
  started_at: Date;
  ended_at: Date | null;
  version: number;
}

interface ReportRow {
  id: string;
  body: string;
  filed_by: string;
  filed_by_name: string | null;
  filed_at: Date;
  was_due_at: Date | null;
}

const SELECT = `
  SELECT s.*, r.name AS region_name, o.name AS office_name, o.region_code AS office_region,
         u.display_name AS started_by_name
    FROM case_supervisions s
    JOIN regions r ON r.code = s.region_code
    JOIN offices o ON o.id = s.office_id
    LEFT JOIN users u ON u.id = s.started_by`;

const fail = (violations: FieldViolation[]): never => failValidation(violations, INVALID_REQUEST);
const field = fieldViolation;
const text = boundedText;
const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** The end of the Asia/Shanghai day `days` natural days after the day of `from`. */
export function reportDueAt(from: Date, days: number): Date {
  return endOfShanghaiDay(addDays(shanghaiDate(from), days));
}

/**
 * Joint supervision (督办, issue 6; domain.md §3): a supervisor at a level above the handling office marks a major
 * case as supervised and sets how often the handling office reports progress; the office files reports; the
 * worker's sweep (SupervisionDeadlineSource) reminds it and escalates an overdue report up the region tree.
 * `cases.supervised` flags the case in every list and detail while a supervision is active.
 *
 * No statutory time limit exists for 督办, so the interval is the supervisor's choice (1–90 natural days).
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cases: CaseService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  private q<T>(sql: string, params: unknown[] = []): Promise<T> {
    return this.txHost.tx.query(sql, params) as Promise<T>;
  }

  // —— reads ——

  /** The case's active supervision, or else its latest one, with its reports (NOT_FOUND when it never had one). */
  async get(actor: Actor, caseId: string): Promise<SupervisionView> {
    const c = await this.cases.readable(actor, caseId);
    const s = await this.latest(c.id);
    if (!s) {
      throw new DomainError('NOT_FOUND', `案件未被督办 / Case ${c.id} has never been supervised`, {
        caseId: c.id,
      });
    }
    return this.view(actor, c, s);
  }

  // —— commands ——

  /** Marks the case as supervised by the actor's (higher) level. */
  @Transactional()
  async start(actor: Actor, caseId: string, input: StartSupervisionInput): Promise<SupervisionView> {
    const c = await this.cases.readable(actor, caseId, true);
    const handling = await this.officeRegion(c.office_id);
    if (
      !actor.roles.includes('supervisor') ||
      !actor.officeId ||
      !isWithin(handling, actor.regionCode) ||
      handling === actor.regionCode
    ) {
      throw new DomainError(
        'FORBIDDEN',
        '只有承办机关上级辖区的负责人可以督办该案件 / Only a supervisor at a level above the handling office may supervise this case',
        { caseId: c.id },
      );
    }
    if (!OPEN_CASE_STATES.includes(c.status as CaseState)) {
      throw new DomainError(
        'INVALID_TRANSITION',
        `案件已办结（${c.status}），不能督办 / The case is no longer open (${c.status}): it cannot be supervised`,
        { status: c.status },
      );
    }
    const v: FieldViolation[] = [];
    const reason = text(input.reason, 2000);
    if (!reason) {
      v.push(
        field('reason', 'Give the reason (1–2000 characters)', '请填写督办理由（1–2000字）', 'REQUIRED'),
      );
    }
    const every = input.reportEveryDays;
    const { min, max } = SUPERVISION_REPORT_EVERY_DAYS;
    if (!Number.isInteger(every) || every < min || every > max) {
      v.push(
        field(
          'reportEveryDays',
          `Progress reports are due every ${min}–${max} days`,
          `报送进展的间隔应为${min}–${max}日`,
        ),
      );
    }
    if (v.length) fail(v);
    const active = await this.q<{ id: string; region_code: string }[]>(
      `SELECT id, region_code FROM case_supervisions WHERE case_id = $1 AND state = 'active'`,
      [c.id],
    );
    if (active.length || c.supervised) {
      throw new DomainError('CONFLICT', '该案件已在督办中 / The case is already under supervision', {
        caseId: c.id,
        supervisionId: active[0]?.id ?? null,
      });
    }
    const now = new Date();
    const due = reportDueAt(now, every);
    const [{ id }] = await this.q<{ id: string }[]>(
      `INSERT INTO case_supervisions (case_id, region_code, office_id, started_by, reason, report_every_days,
                                      next_report_due_at, started_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [c.id, actor.regionCode, actor.officeId, actor.id, reason, every, due, now],
    );
    await this.setSupervised(c.id, true);
    await this.audit.record(actor, {
      action: 'case.supervision_started',
      entityType: 'case',
      entityId: c.id,
      data: {
        supervisionId: id,
        caseNo: c.case_no,
        regionCode: actor.regionCode,
        officeId: actor.officeId,
        reason,
        reportEveryDays: every,
        nextReportDueAt: due.toISOString(),
      },
    });
    const s = (await this.find(id))!;
    await this.outbox.add(
      this.notice(c, s, { office: { id: c.office_id, roles: ['officer', 'supervisor'] } }, 'started', {
        zh: `${s.office_name}督办：${reason}。请每${every}日报送一次办理进展，首次于${shanghaiDate(due)}前。`,
        en: `Supervised by ${s.office_name}: ${reason}. Report progress every ${every} days, first by ${shanghaiDate(due)}.`,
      }),
    );
    return this.view(actor, c, s);
  }

  /** The handling office files a progress report; the next one falls due `report_every_days` from now. */
  @Transactional()
  async report(actor: Actor, caseId: string, input: SupervisionReportInput): Promise<SupervisionView> {
    const c = await this.cases.readable(actor, caseId);
    const s = await this.active(c.id, true);
    if (!this.cases.canAct(actor, c)) {
      throw new DomainError(
        'FORBIDDEN',
        '只有承办机关的执法人员或辖区负责人可以报送督办进展 / Only officers of the handling office or supervisors over its region may report progress',
        { caseId: c.id },
      );
    }
    const body = text(input.body, 5000);
    if (!body) {
      fail([
        field(
          'body',
          'Write the progress report (1–5000 characters)',
          '请填写办理进展（1–5000字）',
          'REQUIRED',
        ),
      ]);
    }
    const now = new Date();
    const due = reportDueAt(now, s.report_every_days);
    const [{ id }] = await this.q<{ id: string }[]>(
      `INSERT INTO case_supervision_reports (supervision_id, body, filed_by, filed_at, was_due_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [s.id, body, actor.id, now, s.next_report_due_at],
    );
    await this.q(
      `UPDATE case_supervisions SET next_report_due_at = $2, version = version + 1 WHERE id = $1`,
      [s.id, due],
    );
    const late = s.next_report_due_at !== null && new Date(s.next_report_due_at).getTime() < now.getTime();
    await this.audit.record(actor, {
      action: 'case.supervision_reported',
      entityType: 'case',
      entityId: c.id,
      data: {
        supervisionId: s.id,
        reportId: id,
        caseNo: c.case_no,
        body,
        wasDueAt: iso(s.next_report_due_at),
        late,
        nextReportDueAt: due.toISOString(),
      },
    });
    const updated = (await this.find(s.id))!;
    await this.outbox.add(
      this.notice(c, updated, { office: { id: s.office_id, roles: ['supervisor'] } }, 'reported', {
        zh: `${actor.displayName}报送督办进展${late ? '（逾期）' : ''}：${body}`,
        en: `${actor.displayName} reported progress${late ? ' (late)' : ''}: ${body}`,
      }),
    );
    return this.view(actor, c, updated);
  }

  /** A supervisor over the supervising region ends the supervision. */
  @Transactional()
  async end(actor: Actor, caseId: string, input: EndSupervisionInput): Promise<SupervisionView> {
    const c = await this.cases.readable(actor, caseId, true);
    const s = await this.active(c.id, true);
    if (!actor.roles.includes('supervisor') || !isWithin(s.region_code, actor.regionCode)) {
      throw new DomainError(
        'FORBIDDEN',
        '只有督办机关所在辖区的负责人可以结束督办 / Only a supervisor over the supervising region may end the supervision',
        { caseId: c.id },
      );
    }
    const reason = text(input.reason, 2000);
    if (!reason) {
      fail([
        field(
          'reason',
          'Give the reason for ending (1–2000 characters)',
          '请填写结束督办的理由（1–2000字）',
          'REQUIRED',
        ),
      ]);
    }
    await this.q(
      `UPDATE case_supervisions SET state = 'ended', end_reason = $2, ended_at = now(), version = version + 1
        WHERE id = $1`,
      [s.id, reason],
    );
    await this.setSupervised(c.id, false);
    await this.audit.record(actor, {
      action: 'case.supervision_ended',
      entityType: 'case',
      entityId: c.id,
      data: { supervisionId: s.id, caseNo: c.case_no, reason },
    });
    const ended = (await this.find(s.id))!;
    await this.outbox.add(
      this.notice(c, ended, { office: { id: c.office_id, roles: ['officer', 'supervisor'] } }, 'ended', {
        zh: `${ended.office_name}结束督办：${reason}`,
        en: `${ended.office_name} ended the supervision: ${reason}`,
      }),
    );
    return this.view(actor, c, ended);
  }

  // —— helpers ——

  private async officeRegion(officeId: string): Promise<string> {
    const [o] = await this.q<{ region_code: string }[]>(`SELECT region_code FROM offices WHERE id = $1`, [
      officeId,
    ]);
    return o.region_code;
  }

  /** Like CaseRepository.update: the flag bumps the case's version, so a stale form elsewhere is refused. */
  private async setSupervised(caseId: string, supervised: boolean): Promise<void> {
    await this.q(
      `UPDATE cases SET supervised = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [caseId, supervised],
    );
  }

  private async find(id: string): Promise<Row | null> {
    const rows = await this.q<Row[]>(`${SELECT} WHERE s.id = $1`, [id]);
    return rows[0] ?? null;
  }

  private async latest(caseId: string): Promise<Row | null> {
    const rows = await this.q<Row[]>(
      `${SELECT} WHERE s.case_id = $1 ORDER BY (s.state = 'active') DESC, s.started_at DESC, s.id LIMIT 1`,
      [caseId],
    );
    return rows[0] ?? null;
  }

  private async active(caseId: string, lock: boolean): Promise<Row> {
    const rows = await this.q<Row[]>(
      `${SELECT} WHERE s.case_id = $1 AND s.state = 'active' ${lock ? 'FOR UPDATE OF s' : ''}`,
      [caseId],
    );
    if (!rows[0]) {
      throw new DomainError('CONFLICT', '该案件未在督办中 / The case is not under supervision', {
        caseId,
      });
    }
    return rows[0];
  }

  private async view(actor: Actor, c: CaseRow, s: Row): Promise<SupervisionView> {
    const reports = await this.q<ReportRow[]>(
      `SELECT p.id, p.body, p.filed_by, u.display_name AS filed_by_name, p.filed_at, p.was_due_at
         FROM case_supervision_reports p LEFT JOIN users u ON u.id = p.filed_by
        WHERE p.supervision_id = $1 ORDER BY p.filed_at, p.id`,
      [s.id],
    );
    const active = s.state === 'active';
    const due = s.next_report_due_at ? new Date(s.next_report_due_at) : null;
    return {
      id: s.id,
      caseId: s.case_id,
      state: s.state,
      region: { code: s.region_code, name: s.region_name },
      office: { id: s.office_id, name: s.office_name, regionCode: s.office_region },
      startedBy: { id: s.started_by, displayName: s.started_by_name },
      reason: s.reason,
      reportEveryDays: s.report_every_days,
      nextReportDueAt: active ? iso(due) : null,
      overdue: active && due !== null && due.getTime() < Date.now(),
      endReason: s.end_reason,
      startedAt: iso(s.started_at)!,
      endedAt: iso(s.ended_at),
      version: s.version,
      reports: reports.map((p) => ({
        id: p.id,
        body: p.body,
        filedBy: { id: p.filed_by, displayName: p.filed_by_name },
        filedAt: iso(p.filed_at)!,
        wasDueAt: iso(p.was_due_at),
        late: p.was_due_at !== null && new Date(p.was_due_at).getTime() < new Date(p.filed_at).getTime(),
      })),
      canReport: active && this.cases.canAct(actor, c),
      canEnd: active && actor.roles.includes('supervisor') && isWithin(s.region_code, actor.regionCode),
    };
  }

  /** A `case.supervision` notice (inbox), with the case id so it shows on the case's timeline. */
  private notice(
    c: CaseRow,
    s: Row,
    to: Audience,
    event: 'started' | 'reported' | 'ended',
    body: Bilingual,
  ): OutboxMessage {
    const name = c.case_no ?? c.title;
    const what = {
      started: { zh: '督办', en: 'Supervised' },
      reported: { zh: '督办进展报送', en: 'Supervision progress report' },
      ended: { zh: '结束督办', en: 'Supervision ended' },
    }[event];
    return {
      topic: 'case.supervision',
      payload: {
        to,
        title: { zh: `${what.zh}：${name}`, en: `${what.en}: ${name}` },
        body,
        link: `/cases/${c.id}`,
        data: {
          caseId: c.id,
          caseNo: c.case_no,
          supervisionId: s.id,
          event,
          regionCode: s.region_code,
          nextReportDueAt: s.state === 'active' ? iso(s.next_report_due_at) : null,
        },
      },
    };
  }
}
