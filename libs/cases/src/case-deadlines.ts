import { inOrder } from '@app/database';
import { CalendarService } from '@app/calendar';
import {
  deadlineWithTolling,
  DEADLINE_KEYS,
  shanghaiDate,
  type DeadlineKey,
  type DeadlineRule,
  type Duration,
  type IsoDate,
  type Period,
  type PeriodUnit,
  type WorkingCalendar,
} from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { CaseRules } from './case-rules';
import type { CaseDeadlineView, CasePauseView, ExtensionView } from './case-views';

export interface DeadlineRow {
  id: string;
  case_id: string;
  key: DeadlineKey;
  rule_id: string;
  actor: 'office' | 'party';
  amount: number;
  unit: PeriodUnit;
  roll: boolean;
  tolled_by: string[];
  start_date: string;
  extensions: ExtensionView[];
  due_date: string | null;
  due_at: Date | null;
  suspended_since: string | null;
  paused_days: number;
  status: 'open' | 'met' | 'cancelled';
  closed_on: string | null;
}

interface PauseRow {
  id: string;
  kind: string;
  from_date: string;
  to_date: string | null;
  reason: string;
}

const DEADLINE_COLUMNS = `id::text, case_id, key, rule_id, actor, amount, unit, roll, tolled_by, start_date::text,
  extensions, due_date::text, due_at, suspended_since::text, paused_days, status, closed_on::text`;

/**
 * The statutory clocks of a case (design.md rule 3): started and stopped by transitions, recomputed from the rule's
 * copied values, the case's tolling periods and extensions whenever one of them changes. Runs in the caller's
 * transaction (the case row is locked by then).
 */
@Injectable()
export class CaseDeadlines {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly calendar: CalendarService,
    private readonly rules: CaseRules,
  ) {}

  async list(caseId: string): Promise<DeadlineRow[]> {
    return this.txHost.tx.query(
      `SELECT ${DEADLINE_COLUMNS} FROM case_deadlines WHERE case_id = $1 ORDER BY id`,
      [caseId],
    );
  }

  async pauses(caseId: string): Promise<PauseRow[]> {
    return this.txHost.tx.query(
      `SELECT id::text, kind, from_date::text, to_date::text, reason FROM case_pauses WHERE case_id = $1 ORDER BY id`,
      [caseId],
    );
  }

  async start(caseId: string, rule: DeadlineRule, startDate: IsoDate): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO case_deadlines (case_id, key, rule_id, actor, amount, unit, roll, tolled_by, start_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        caseId,
        rule.key,
        rule.id,
        rule.actor,
        rule.amount,
        rule.unit,
        rule.rollToWorkingDay ?? false,
        rule.tolledBy,
        startDate,
      ],
    );
  }

  /** Marks open deadlines met (or cancelled); `keys` null means every open one. Returns the keys stopped. */
  async stop(
    caseId: string,
    keys: readonly string[] | null,
    on: IsoDate,
    status: 'met' | 'cancelled',
  ): Promise<string[]> {
    const [rows] = (await this.txHost.tx.query(
      `UPDATE case_deadlines SET status = $3, closed_on = $4, closed_at = now()
        WHERE case_id = $1 AND status = 'open' AND ($2::text[] IS NULL OR key = ANY($2::text[]))
        RETURNING key`,
      [caseId, keys, status, on],
    )) as [{ key: string }[], number];
    return rows.map((r) => r.key);
  }

  async addExtension(deadlineId: string, extension: ExtensionView): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE case_deadlines SET extensions = extensions || $2::jsonb WHERE id = $1`,
      [deadlineId, JSON.stringify([extension])],
    );
  }

  async openPause(caseId: string, kind: string, from: IsoDate, reason: string): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO case_pauses (case_id, kind, from_date, reason) VALUES ($1, $2, $3, $4)`,
      [caseId, kind, from, reason],
    );
  }

  /** Closes the open pause on `to` (the day the clock runs again); returns its kind. */
  async closePause(caseId: string, to: IsoDate): Promise<string | null> {
    const [rows] = (await this.txHost.tx.query(
      `UPDATE case_pauses SET to_date = greatest($2::date, from_date)
        WHERE case_id = $1 AND to_date IS NULL RETURNING kind`,
      [caseId, to],
    )) as [{ kind: string }[], number];
    return rows[0]?.kind ?? null;
  }

  /**
   * Recomputes the due dates of the case's open deadlines and the case's next_due_at / next_due_key.
   * Each deadline counts only the pauses whose kind its rule excludes.
   */
  async recompute(caseId: string): Promise<void> {
    const [deadlines, pauses, calendar] = await inOrder(
      () => this.list(caseId),
      () => this.pauses(caseId),
      () => this.calendar.snapshot(),
    );
    for (const d of deadlines.filter((x) => x.status === 'open')) {
      const r = computeDue(d, pauses, calendar);
      await this.txHost.tx.query(
        `UPDATE case_deadlines SET due_date = $2, due_at = $3, suspended_since = $4, paused_days = $5 WHERE id = $1`,
        [d.id, r.due, r.dueAt, r.suspendedSince, r.pausedDays],
      );
    }
    await this.txHost.tx.query(
      `UPDATE cases c SET next_due_at = n.due_at, next_due_key = n.key
         FROM (SELECT $1::uuid AS case_id) k
         LEFT JOIN LATERAL (SELECT due_at, key FROM case_deadlines d
                             WHERE d.case_id = k.case_id AND d.status = 'open' AND d.actor = 'office'
                               AND d.due_at IS NOT NULL ORDER BY d.due_at LIMIT 1) n ON true
        WHERE c.id = k.case_id`,
      [caseId],
    );
  }

  /** The deadlines as shown to officers, with their rule citations and the working days left. */
  async views(
    caseId: string,
    today: IsoDate,
  ): Promise<{ deadlines: CaseDeadlineView[]; pauses: CasePauseView[] }> {
    const [deadlines, pauses, calendar] = await inOrder(
      () => this.list(caseId),
      () => this.pauses(caseId),
      () => this.calendar.snapshot(),
    );
    return {
      deadlines: deadlines.map((d) => this.view(d, pauses, calendar, today)),
      pauses: pauses.map((p) => ({
        id: p.id,
        kind: p.kind,
        fromDate: p.from_date,
        toDate: p.to_date,
        reason: p.reason,
      })),
    };
  }

  private view(
    d: DeadlineRow,
    pauses: PauseRow[],
    calendar: WorkingCalendar,
    today: IsoDate,
  ): CaseDeadlineView {
    const rule = this.rules.rule(d.rule_id);
    const keyLabel = DEADLINE_KEYS.find((k) => k.code === d.key);
    const warnings = d.status === 'open' ? computeDue(d, pauses, calendar).warnings : [];
    return {
      id: d.id,
      key: d.key,
      ruleId: d.rule_id,
      label: rule ? { zh: rule.zh, en: rule.en } : { zh: keyLabel?.zh ?? d.key, en: keyLabel?.en ?? d.key },
      actor: d.actor,
      amount: d.amount,
      unit: d.unit,
      from: rule?.from ?? { zh: '', en: '' },
      source: rule?.source ?? { law: '', article: '', confidence: 'U' },
      tolledBy: d.tolled_by,
      startDate: d.start_date,
      dueDate: d.due_date,
      dueAt: d.due_at ? new Date(d.due_at).toISOString() : null,
      suspendedSince: d.suspended_since,
      pausedDays: d.paused_days,
      extensions: d.extensions,
      status: d.status,
      closedOn: d.closed_on,
      workingDaysLeft:
        d.status === 'open' && d.due_date ? calendar.workingDaysBetween(today, d.due_date) : null,
      warnings,
    };
  }
}

/** Due date of one deadline row from its copied rule values, its extensions and the pauses it excludes. */
export function computeDue(
  d: Pick<DeadlineRow, 'amount' | 'unit' | 'roll' | 'tolled_by' | 'start_date' | 'extensions'>,
  pauses: readonly { kind: string; from_date: string; to_date: string | null }[],
  calendar: WorkingCalendar,
): {
  due: string | null;
  dueAt: Date | null;
  suspendedSince: string | null;
  pausedDays: number;
  warnings: string[];
} {
  const periods: Period[] = pauses
    .filter((p) => d.tolled_by.includes(p.kind))
    .map((p) => (p.to_date ? { from: p.from_date, to: p.to_date } : { from: p.from_date }));
  const extensions: Duration[] = d.extensions.map((e) => ({ amount: e.amount, unit: e.unit }));
  const r = deadlineWithTolling(
    {
      start: d.start_date,
      amount: d.amount,
      unit: d.unit,
      pauses: periods,
      extensions,
      rollToWorkingDay: d.roll,
    },
    calendar,
  );
  return {
    due: r.due,
    dueAt: r.dueAt,
    suspendedSince: r.suspendedSince,
    pausedDays: r.pausedDays,
    warnings: r.warnings,
  };
}

export const todayInShanghai = (now = new Date()): IsoDate => shanghaiDate(now);
