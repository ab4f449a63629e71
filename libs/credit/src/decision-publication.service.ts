import { AuditWriter } from '@app/audit';
import { ScopePolicy } from '@app/auth';
import { CalendarService } from '@app/calendar';
import type { Actor, Bilingual } from '@app/contracts';
import {
  boundedText,
  deadlineWithTolling,
  DomainError,
  failValidation,
  fieldViolation,
  INVALID_REQUEST,
  IP_TYPES,
  ipTypeDef,
  isPublishedOutcome,
  isUuid,
  isWithin,
  maskPersonName,
  OUTCOMES,
  PUBLICATION_ACTIONS,
  PUBLICATION_DEADLINE_RULE,
  PUBLICATION_WITHDRAW_RULE,
  PUBLICATION_STATES,
  PUBLICATION_TRANSITIONS,
  publicationPeriod,
  publicationSummary,
  publicationTransition,
  procedureDef,
  regionRange,
  shanghaiDate,
  validateRegionCode,
  type PublicationState,
  labelOf,
} from '@app/domain';
import { OutboxWriter } from '@app/outbox';
import { TransactionHost, Transactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';

interface Row {
  id: string;
  case_id: string;
  case_no: string | null;
  state: PublicationState;
  decision_no: string;
  decided_on: string;
  outcome: string;
  office_id: string;
  office_name: string;
  office_region: string;
  region_code: string;
  region_name: string | null;
  ip_type: string;
  party_kind: 'enterprise' | 'individual';
  party_name: string;
  party_uscc: string | null;
  violation: string;
  penalty: string;
  rule_id: string;
  due_at: Date;
  withdraw_due_at: Date | null;
  period_months: number;
  publish_from: string | null;
  publish_until: string | null;
  published_at: Date | null;
  ended_at: Date | null;
  end_reason: string | null;
  version: number;
}

/** A decision publication as the office sees it. */
export interface PublicationView {
  id: string;
  caseId: string;
  caseNo: string | null;
  state: PublicationState;
  stateLabel: Bilingual;
  decisionNo: string;
  decidedOn: string;
  outcome: string;
  office: { id: string; name: string; regionCode: string };
  regionCode: string;
  ipType: string;
  partyKind: 'enterprise' | 'individual';
  partyName: string;
  partyUscc: string | null;
  violation: string;
  penalty: string;
  dueAt: string;
  /** Set once the decision was recorded as changed or revoked: take the publication down by then. */
  withdrawDueAt: string | null;
  overdue: boolean;
  periodMonths: number;
  publishFrom: string | null;
  publishUntil: string | null;
  endReason: string | null;
  actions: { action: string; label: Bilingual; requiresReason: boolean }[];
  version: number;
}

/** What the public sees of a decision (总局令第45号 Art 9 summary). */
export interface PublicDecision {
  decisionNo: string;
  decidedOn: string;
  partyKind: 'enterprise' | 'individual';
  partyName: string;
  partyUscc: string | null;
  violation: string;
  penalty: string;
  authority: string;
  regionCode: string;
  regionName: string | null;
  ipType: string;
  publishFrom: string;
  publishUntil: string;
}

/** Public decision searches count up to this many matches (`totalCapped` beyond). */
const PUBLIC_COUNT_CAP = 1_000;

const SELECT = `
  SELECT p.*, p.decided_on::text AS decided_on, p.publish_from::text AS publish_from,
         p.publish_until::text AS publish_until, o.name AS office_name, o.region_code AS office_region,
         c.case_no, rg.name AS region_name
    FROM decision_publications p JOIN offices o ON o.id = p.office_id JOIN cases c ON c.id = p.case_id
    LEFT JOIN regions rg ON rg.code = p.region_code`;

/**
 * Publication of decisions (案件信息公示, domain.md §1 and §2C): a penalty decision or a patent ruling becomes a
 * pending publication when the case is decided (a warning never does), due within 20 working days; the office
 * publishes the redacted summary for 3 months (a low fine) or 3 years; it is withdrawn when the decision is changed
 * or revoked, stopped early by a head on an approved application, and ended by the credit sweep.
 */
@Injectable()
export class DecisionPublicationService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly scope: ScopePolicy,
    private readonly calendar: CalendarService,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  private q<T>(sql: string, params: unknown[] = []): Promise<T> {
    return this.txHost.tx.query(sql, params) as Promise<T>;
  }

  /** Runs in the deciding transaction: the pending publication of a decision that is published (else nothing). */
  async onDecided(actor: Actor, caseId: string): Promise<string | null> {
    const [c] = await this.q<
      {
        id: string;
        ip_type: string;
        procedure: string;
        outcome: string | null;
        fine_fen: string | null;
        confiscated_fen: string | null;
        office_id: string;
        region_code: string;
        decided_on: string;
        case_no: string | null;
        decision_no: string | null;
        party_kind: 'enterprise' | 'individual' | null;
        party_name: string | null;
        party_uscc: string | null;
      }[]
    >(
      `SELECT c.id, c.ip_type, c.procedure, c.outcome, c.fine_fen::text, c.confiscated_fen::text, c.office_id,
              c.region_code, c.decided_on::text, c.case_no,
              (SELECT d.doc_no FROM case_documents d WHERE d.case_id = c.id AND d.kind IN ('penalty_decision', 'ruling')
                ORDER BY d.created_at DESC LIMIT 1) AS decision_no,
              p.kind AS party_kind, p.name AS party_name, p.uscc AS party_uscc
         FROM cases c
         LEFT JOIN LATERAL (SELECT kind, name, uscc FROM case_parties
                             WHERE case_id = c.id AND role = 'respondent' ORDER BY created_at LIMIT 1) p ON true
        WHERE c.id = $1`,
      [caseId],
    );
    if (!c || !isPublishedOutcome(c.outcome) || !c.decided_on) return null;
    const fine = c.fine_fen === null ? null : Number(c.fine_fen);
    const summary = publicationSummary({
      ipTypeZh: ipTypeDef(c.ip_type)?.zh ?? c.ip_type,
      procedureZh: procedureDef(c.procedure)?.zh ?? c.procedure,
      outcome: c.outcome!,
      outcomeZh: labelOf(OUTCOMES, c.outcome!).zh,
      fineFen: fine,
      confiscatedFen: c.confiscated_fen === null ? null : Number(c.confiscated_fen),
    });
    const due = deadlineWithTolling(
      { start: c.decided_on, amount: PUBLICATION_DEADLINE_RULE.amount, unit: PUBLICATION_DEADLINE_RULE.unit },
      await this.calendar.snapshot(),
    );
    const period = publicationPeriod(c.outcome!, fine);
    const person = c.party_kind === 'individual';
    const [row] = await this.q<{ id: string }[]>(
      `INSERT INTO decision_publications (case_id, decision_no, decided_on, outcome, office_id, region_code, ip_type,
                                          party_kind, party_name, party_uscc, violation, penalty, rule_id, due_at,
                                          period_months)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (case_id) DO NOTHING RETURNING id`,
      [
        c.id,
        c.decision_no ?? c.case_no ?? c.id,
        c.decided_on,
        c.outcome,
        c.office_id,
        c.region_code,
        c.ip_type,
        person ? 'individual' : 'enterprise',
        person ? maskPersonName(c.party_name ?? '') : (c.party_name ?? '—'),
        person ? null : c.party_uscc,
        summary.violation,
        summary.penalty,
        PUBLICATION_DEADLINE_RULE.id,
        due.dueAt,
        period.amount,
      ],
    );
    if (!row) return null;
    await this.audit.record(actor, {
      action: 'publication.created',
      entityType: 'decision_publication',
      entityId: row.id,
      data: { caseId: c.id, decisionNo: c.decision_no, dueAt: due.dueAt?.toISOString() ?? null },
    });
    return row.id;
  }

  @Transactional()
  async act(actor: Actor, id: string, action: string, input: { version: number; reason?: string }) {
    const p = await this.readable(actor, id, true);
    if (p.version !== input.version) {
      throw new DomainError(
        'STALE_VERSION',
        `该公示已被他人更新（当前版本 ${p.version}），请刷新后重试 / The publication changed since you read it (version ${p.version} now)`,
        { currentVersion: p.version },
      );
    }
    const t = publicationTransition(p.state, action);
    if (!t) {
      throw new DomainError(
        PUBLICATION_ACTIONS.some((a) => a.code === action) ? 'INVALID_TRANSITION' : 'NOT_FOUND',
        `"${action}" is not possible while the publication is ${p.state}`,
        { state: p.state },
      );
    }
    this.assertMayTake(actor, p, t.roles);
    const reason = input.reason === undefined ? null : boundedText(input.reason, 2000);
    if (t.requiresReason && !reason) {
      failValidation(
        [fieldViolation('reason', 'Give the reason', '请填写理由', 'REQUIRED')],
        INVALID_REQUEST,
      );
    }
    const today = shanghaiDate(new Date());
    const set: Record<string, unknown> = { state: t.to };
    if (action === 'publish') {
      const until = deadlineWithTolling(
        { start: today, amount: p.period_months, unit: 'MONTH' },
        await this.calendar.snapshot(),
      );
      Object.assign(set, {
        publish_from: today,
        publish_until: until.due,
        published_by: actor.id,
        published_at: new Date(),
      });
    } else if (action === 'decision_changed') {
      const due = deadlineWithTolling(
        { start: today, amount: PUBLICATION_WITHDRAW_RULE.amount, unit: PUBLICATION_WITHDRAW_RULE.unit },
        await this.calendar.snapshot(),
      );
      set.withdraw_due_at = due.dueAt;
    } else Object.assign(set, { ended_at: new Date(), end_reason: reason, withdraw_due_at: null });
    await this.write(p, action, set, actor, reason);
    return this.get(actor, p.id);
  }

  /** Ends publications whose period is over (the credit sweep). */
  @Transactional()
  async sweep(now: Date): Promise<number> {
    const rows = await this.q<Row[]>(
      `${SELECT} WHERE p.state = 'published' AND p.publish_until < $1 ORDER BY p.publish_until FOR UPDATE OF p SKIP LOCKED`,
      [shanghaiDate(now)],
    );
    for (const p of rows) {
      await this.write(p, 'expire', { state: 'expired', ended_at: now, end_reason: '公示期满' }, null, null);
    }
    return rows.length;
  }

  private async write(
    p: Row,
    action: string,
    set: Record<string, unknown>,
    actor: Actor | null,
    reason: string | null,
  ): Promise<void> {
    const keys = Object.keys(set);
    await this.q(
      `UPDATE decision_publications SET ${keys.map((k, i) => `${k} = $${i + 2}, `).join('')}version = version + 1,
              updated_at = now() WHERE id = $1`,
      [p.id, ...keys.map((k) => set[k])],
    );
    await this.audit.record(actor, {
      action: `publication.${action}`,
      entityType: 'decision_publication',
      entityId: p.id,
      data: {
        caseId: p.case_id,
        decisionNo: p.decision_no,
        from: p.state,
        to: set.state,
        ...(reason ? { reason } : {}),
      },
    });
    const a = labelOf(PUBLICATION_ACTIONS, action);
    await this.outbox.add({
      topic: 'credit.changed',
      payload: {
        to: { office: { id: p.office_id, roles: ['officer', 'supervisor'] } },
        title: { zh: `决定公示 ${p.decision_no}：${a.zh}`, en: `Decision ${p.decision_no}: ${a.en}` },
        body: { zh: `${p.party_name}，${p.penalty}`, en: `${p.party_name}: ${p.penalty}` },
        link: `/credit/publications/${p.id}`,
        data: { publicationId: p.id, caseId: p.case_id, action },
      },
    });
  }

  private assertMayTake(actor: Actor, p: Row, roles: readonly string[]): void {
    if (roles.length === 1 && roles[0] === 'system') {
      throw new DomainError(
        'FORBIDDEN',
        '此步骤由系统定时办理 / This step is taken by the scheduled credit sweep',
      );
    }
    const own = actor.officeId === p.office_id;
    const over = actor.roles.includes('supervisor') && isWithin(p.office_region, actor.regionCode);
    if (!own && !over) {
      throw new DomainError(
        'FORBIDDEN',
        '只有作出决定的机关可以办理 / Only the deciding office may act on this publication',
      );
    }
    if (!roles.some((r) => actor.roles.includes(r as never))) {
      throw new DomainError('FORBIDDEN', `Needs one of the roles: ${roles.join(', ')}`);
    }
  }

  private async readable(actor: Actor, id: string, lock = false): Promise<Row> {
    const [p] = isUuid(id)
      ? await this.q<Row[]>(`${SELECT} WHERE p.id = $1 ${lock ? 'FOR UPDATE OF p' : ''}`, [id])
      : [];
    if (!p) throw new DomainError('NOT_FOUND', `Decision publication ${id} not found`);
    this.scope.assertCanSee(actor, p.office_region);
    return p;
  }

  async get(actor: Actor, id: string): Promise<PublicationView> {
    const p = await this.readable(actor, id);
    return this.view(actor, p);
  }

  private view(actor: Actor, p: Row): PublicationView {
    return {
      id: p.id,
      caseId: p.case_id,
      caseNo: p.case_no,
      state: p.state,
      stateLabel: labelOf(PUBLICATION_STATES, p.state),
      decisionNo: p.decision_no,
      decidedOn: p.decided_on,
      outcome: p.outcome,
      office: { id: p.office_id, name: p.office_name, regionCode: p.office_region },
      regionCode: p.region_code,
      ipType: p.ip_type,
      partyKind: p.party_kind,
      partyName: p.party_name,
      partyUscc: p.party_uscc,
      violation: p.violation,
      penalty: p.penalty,
      dueAt: new Date(p.due_at).toISOString(),
      withdrawDueAt: p.withdraw_due_at ? new Date(p.withdraw_due_at).toISOString() : null,
      overdue:
        (p.state === 'pending' && new Date(p.due_at).getTime() < Date.now()) ||
        (p.state === 'published' &&
          !!p.withdraw_due_at &&
          new Date(p.withdraw_due_at).getTime() < Date.now()),
      periodMonths: p.period_months,
      publishFrom: p.publish_from,
      publishUntil: p.publish_until,
      endReason: p.end_reason,
      actions: PUBLICATION_TRANSITIONS.filter((t) => t.from.includes(p.state)).flatMap((t) => {
        try {
          this.assertMayTake(actor, p, t.roles);
          return [
            {
              action: t.action,
              label: labelOf(PUBLICATION_ACTIONS, t.action),
              requiresReason: t.requiresReason,
            },
          ];
        } catch {
          return [];
        }
      }),
      version: p.version,
    };
  }

  /** The office's publications, pending (most urgent first) or in another state. */
  async list(
    actor: Actor,
    query: { state?: string; page?: number; pageSize?: number },
  ): Promise<{
    items: PublicationView[];
    total: number;
    page: number;
    pageSize: number;
    counts: Record<PublicationState, number>;
  }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    if (query.state && !PUBLICATION_STATES.some((s) => s.code === query.state)) {
      failValidation([fieldViolation('state', 'Unknown state', '状态无效')], INVALID_REQUEST);
    }
    // The region scope alone (for the per-state counts) and with the state filter (for the page), each built
    // with its own parameters so neither depends on the other's order.
    const build = (withState: boolean) => {
      const params: unknown[] = [];
      const p = (x: unknown) => (params.push(x), `$${params.length}`);
      const where: string[] = [];
      const root = this.scope.rootOf(actor);
      if (root !== null) {
        const [lo, hi] = regionRange(root);
        where.push(`o.region_code >= ${p(lo)} AND o.region_code < ${p(hi)}`);
      }
      if (withState && query.state) where.push(`p.state = ${p(query.state)}`);
      return { params, p, whereSql: where.length ? `WHERE ${where.join(' AND ')}` : '' };
    };
    const filtered = build(true);
    const [{ total }] = await this.q<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM decision_publications p JOIN offices o ON o.id = p.office_id ${filtered.whereSql}`,
      [...filtered.params],
    );
    const rows = await this.q<Row[]>(
      `${SELECT} ${filtered.whereSql} ORDER BY p.due_at, p.id
        LIMIT ${filtered.p(pageSize)} OFFSET ${filtered.p((page - 1) * pageSize)}`,
      filtered.params,
    );
    const scope = build(false);
    const [counts] = await this.q<Record<PublicationState, number>[]>(
      `SELECT ${PUBLICATION_STATES.map((st) => `count(*) FILTER (WHERE p.state = '${st.code}')::int AS ${st.code}`).join(', ')}
         FROM decision_publications p JOIN offices o ON o.id = p.office_id ${scope.whereSql}`,
      scope.params,
    );
    return { items: rows.map((r) => this.view(actor, r)), total, page, pageSize, counts };
  }

  /** The public list of decisions now published (no login). */
  async publicSearch(query: {
    q?: string;
    region?: string;
    ipType?: string;
    page?: number;
    pageSize?: number;
  }) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const params: unknown[] = [shanghaiDate(new Date())];
    const p = (x: unknown) => (params.push(x), `$${params.length}`);
    const where = [`p.state = 'published'`, `p.publish_until >= $1::date`];
    const v = [];
    if (query.q) {
      const q = query.q.trim();
      if (q.length < 2) v.push(fieldViolation('q', 'Search with at least 2 characters', '请至少输入2个字'));
      where.push(
        `(p.decision_no = ${p(q)} OR p.party_kind = 'enterprise' AND p.party_name ILIKE ${p(`%${q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`)})`,
      );
    }
    if (query.region) {
      if (!validateRegionCode(query.region).ok)
        v.push(fieldViolation('region', 'A six-digit region code', '地区代码无效'));
      else {
        const [lo, hi] = regionRange(query.region);
        where.push(`p.region_code >= ${p(lo)} AND p.region_code < ${p(hi)}`);
      }
    }
    if (query.ipType && !IP_TYPES.some((t) => t.code === query.ipType)) {
      v.push(fieldViolation('ipType', 'Unknown IP type', '知识产权类型无效'));
    } else if (query.ipType) where.push(`p.ip_type = ${p(query.ipType)}`);
    if (v.length) failValidation(v, INVALID_REQUEST);
    const countParams = [...params];
    const [{ n }] = await this.q<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM decision_publications p WHERE ${where.join(' AND ')}
          LIMIT ${PUBLIC_COUNT_CAP + 1}) x`,
      countParams,
    );
    const rows = await this.q<Row[]>(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY p.publish_from DESC, p.id DESC
        LIMIT ${p(pageSize)} OFFSET ${p((page - 1) * pageSize)}`,
      params,
    );
    const items: PublicDecision[] = rows.map((r) => ({
      decisionNo: r.decision_no,
      decidedOn: r.decided_on,
      partyKind: r.party_kind,
      partyName: r.party_name,
      partyUscc: r.party_uscc,
      violation: r.violation,
      penalty: r.penalty,
      authority: r.office_name,
      regionCode: r.region_code,
      regionName: r.region_name,
      ipType: r.ip_type,
      publishFrom: r.publish_from!,
      publishUntil: r.publish_until!,
    }));
    return { items, total: Math.min(n, PUBLIC_COUNT_CAP), totalCapped: n > PUBLIC_COUNT_CAP, page, pageSize };
  }
}
