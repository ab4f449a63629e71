import { inOrder } from '@app/database';
import { AuditWriter } from '@app/audit';
import { ScopePolicy } from '@app/auth';
import { CalendarService } from '@app/calendar';
import type { Actor, Page } from '@app/contracts';
import {
  availableTransitions,
  CASE_ACTIONS,
  CASE_STATES,
  checkRequirements,
  cityOf,
  DomainError,
  endOfShanghaiDay,
  failValidation,
  fieldViolation,
  INVALID_REQUEST,
  formatCaseNumber,
  ipTypeDef,
  isValidIsoDate,
  isWithin,
  nextExtensionStep,
  OPEN_CASE_STATES,
  procedureDef,
  provinceOf,
  resolveTransition,
  shanghaiDate,
  type ActionInput,
  type ApproverLevel,
  type CaseFacts,
  type CaseState,
  type DeadlineKey,
  type DocumentKind,
  type FieldViolation,
  type IsoDate,
  type Outcome,
  type ProcedureDef,
  type Transition,
} from '@app/domain';
import { OutboxWriter, type OutboxMessage } from '@app/outbox';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { CaseDeadlines, todayInShanghai } from './case-deadlines';
import { CASE_LIST_SORTS, type CaseListFilter, type CaseListSort } from './case-list.query';
import {
  CaseRepository,
  amountOf,
  toSummary,
  type CaseRow,
  type NewParty,
  type NewRight,
} from './case.repository';
import { CaseHooks, type CaseGrant } from './case-hooks';
import { CaseRules } from './case-rules';
import { maskParty, type AvailableAction, type CaseDetail, type CaseSummary } from './case-views';
import { CaseDocumentService, type GeneratedDocument } from './documents/case-document.service';
import { validateParty, validateRight, type PartyInput, type RightInput } from './case-input';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CaseListQuery {
  page?: number;
  pageSize?: number;
  ipType?: string;
  procedure?: string;
  status?: string[];
  officeId?: string;
  regionCode?: string;
  officerId?: string;
  mine?: boolean;
  overdue?: boolean;
  dueWithinDays?: number;
  receivedFrom?: string;
  receivedTo?: string;
  source?: string;
  filedFrom?: string;
  filedTo?: string;
  closedFrom?: string;
  closedTo?: string;
  q?: string;
  major?: boolean;
  sort?: string;
}

export interface CreateCaseInput {
  title: string;
  ipType: string;
  procedure: string;
  source: string;
  officeId?: string;
  regionCode: string;
  receivedOn?: string;
  summary?: string;
  valueFen?: number;
  illegalGainsFen?: number;
  major?: boolean;
  repeatInfringer?: boolean;
  online?: boolean;
  officerIds?: string[];
  parties?: PartyInput[];
  rights?: RightInput[];
}

export interface UpdateCaseInput {
  version: number;
  title?: string;
  summary?: string;
  valueFen?: number | null;
  illegalGainsFen?: number | null;
  major?: boolean;
  repeatInfringer?: boolean;
  online?: boolean;
}

export interface ActInput extends ActionInput {
  version: number;
  /** The day the act took place (default today, Asia/Shanghai); never in the future or before receipt. */
  actedOn?: string;
  illegalGainsFen?: number;
}

const fail = (violations: FieldViolation[]): never => failValidation(violations, INVALID_REQUEST);
const field = fieldViolation;

const stateLabel = (s: string) => CASE_STATES.find((x) => x.code === s) ?? { zh: s, en: s };
const actionLabel = (a: string) => CASE_ACTIONS.find((x) => x.code === a) ?? { zh: a, en: a };

/**
 * Case handling (issue 4): registering, listing, reading and moving cases through their procedure's workflow.
 * Each command is one transaction with its audit event and outbox rows (design.md rule 2); the case row is locked
 * and its `version` compared first, so of two officers acting at once exactly one succeeds.
 */
@Injectable()
export class CaseService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cases: CaseRepository,
    private readonly deadlines: CaseDeadlines,
    private readonly rules: CaseRules,
    private readonly scope: ScopePolicy,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    private readonly documents: CaseDocumentService,
    private readonly calendar: CalendarService,
    private readonly hooks: CaseHooks,
  ) {}

  // —— reads ——

  /**
   * Every case of the list's filters (and scope), newest received first, streamed in batches: an export of any size
   * holds one batch in memory. Bad filters fail before the first byte, as the list's do.
   */
  async exportList(
    actor: Actor,
    query: Omit<CaseListQuery, 'page' | 'pageSize' | 'sort'>,
    batchSize = 2000,
  ): Promise<AsyncGenerator<CaseSummary[]>> {
    const filter = await this.listFilter(actor, { ...query, sort: 'received_desc' }, new Date());
    return this.cases.exportRows(filter, batchSize);
  }

  private async listFilter(actor: Actor, query: CaseListQuery, now: Date): Promise<CaseListFilter> {
    const v: FieldViolation[] = [];
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const sort = (query.sort ?? 'received_desc') as CaseListSort;
    if (!CASE_LIST_SORTS.includes(sort)) {
      v.push(field('sort', `sort must be one of ${CASE_LIST_SORTS.join(', ')}`, '排序方式无效'));
    }
    for (const key of [
      'receivedFrom',
      'receivedTo',
      'filedFrom',
      'filedTo',
      'closedFrom',
      'closedTo',
    ] as const) {
      const value = query[key];
      if (value && !isValidIsoDate(value)) v.push(field(key, 'Use YYYY-MM-DD', '日期格式应为 YYYY-MM-DD'));
    }
    const q = query.q?.trim();
    if (q && q.length > 100)
      v.push(field('q', 'Search text is at most 100 characters', '搜索内容不超过100字'));
    if (v.length) fail(v);
    let dueBefore: Date | undefined;
    if (query.dueWithinDays !== undefined) {
      const calendar = await this.calendar.snapshot();
      const today = todayInShanghai(now);
      dueBefore = endOfShanghaiDay(calendar.addWorkingDays(today, query.dueWithinDays));
    }
    const filter: CaseListFilter = {
      regionRoot: this.scope.narrow(actor, query.regionCode ?? null),
      officeId: query.officeId,
      ipType: query.ipType,
      procedure: query.procedure,
      statuses: query.status,
      officerId: query.mine ? actor.id : query.officerId,
      overdue: query.overdue,
      dueBefore,
      receivedFrom: query.receivedFrom,
      receivedTo: query.receivedTo,
      source: query.source,
      filedFrom: query.filedFrom,
      filedTo: query.filedTo,
      closedFrom: query.closedFrom,
      closedTo: query.closedTo,
      q: q || undefined,
      major: query.major,
      sort,
      page,
      pageSize,
      now,
    };
    return filter;
  }

  async list(
    actor: Actor,
    query: CaseListQuery,
    now = new Date(),
  ): Promise<Page<CaseSummary> & { totalExact: boolean }> {
    const filter = await this.listFilter(actor, query, now);
    const { items, total, totalExact } = await this.cases.list(filter);
    const calendar = await this.calendar.snapshot();
    const today = todayInShanghai(now);
    for (const item of items) {
      item.workingDaysLeft = item.nextDueAt
        ? calendar.workingDaysBetween(today, shanghaiDate(new Date(item.nextDueAt)))
        : null;
    }
    return { items, total, totalExact, page: filter.page, pageSize: filter.pageSize };
  }

  async get(actor: Actor, id: string): Promise<CaseDetail> {
    const c = await this.readable(actor, id);
    return this.detail(actor, c);
  }

  /** The case if it exists and the actor may read it (NOT_FOUND / OUT_OF_SCOPE otherwise). */
  async readable(actor: Actor, id: string, lock = false): Promise<CaseRow> {
    return (await this.readAccess(actor, id, lock)).c;
  }

  /**
   * The case and how the actor may read it: by region scope (grant null), or by a grant a later context gives an
   * office outside the region (CaseHooks: e.g. the office a case was referred to, which sees the evidence selected
   * for it only). OUT_OF_SCOPE when neither.
   */
  async readAccess(actor: Actor, id: string, lock = false): Promise<{ c: CaseRow; grant: CaseGrant | null }> {
    const c = UUID.test(id) ? await this.cases.find(id, lock) : null;
    if (!c) throw new DomainError('NOT_FOUND', `Case ${id} not found`, { id });
    if (this.scope.canSee(actor, c.region_code)) return { c, grant: null };
    const grant = await this.hooks.grantFor(actor, c);
    this.scope.assertCanSee(actor, c.region_code, grant !== null);
    return { c, grant };
  }

  /** Whether the actor may act on the case: an officer of the handling office, or a supervisor over its region. */
  canAct(actor: Actor, c: Pick<CaseRow, 'office_id' | 'region_code'>): boolean {
    if (actor.roles.includes('officer') && actor.officeId === c.office_id) return true;
    return actor.roles.includes('supervisor') && isWithin(c.region_code, actor.regionCode);
  }

  private assertCanAct(actor: Actor, c: CaseRow): void {
    if (!this.canAct(actor, c)) {
      throw new DomainError(
        'FORBIDDEN',
        '只有承办机关的执法人员或辖区负责人可以办理该案件 / Only officers of the handling office or supervisors over its region may act on this case',
        { caseId: c.id },
      );
    }
  }

  async detail(actor: Actor, c: CaseRow): Promise<CaseDetail> {
    const today = todayInShanghai();
    const { officers, parties, rights, documents, evidenceCount } = await this.cases.children(c.id);
    const clocks = await this.deadlines.views(c.id, today);
    const procedure = procedureDef(c.procedure)!;
    const actions: AvailableAction[] = this.canAct(actor, c)
      ? availableTransitions(procedure, c.status as CaseState, actor.roles).map((t) => ({
          action: t.action,
          label: { zh: actionLabel(t.action).zh, en: actionLabel(t.action).en },
          to: t.to,
          requires: [...t.requires],
          outcomes: [...(t.outcomes ?? [])],
          pauseKinds: t.requires.includes('pause_kind') ? [...procedure.pauseKinds] : [],
          extendable:
            t.action === 'extend'
              ? clocks.deadlines
                  .filter((d) => d.status === 'open')
                  .flatMap((d) => {
                    const rule = this.rules.rule(d.ruleId);
                    const step = rule
                      ? nextExtensionStep(
                          rule,
                          d.extensions.map((e) => e.level as ApproverLevel),
                        )
                      : null;
                    return step
                      ? [{ deadlineKey: d.key, level: step.level, max: step.max, unit: step.unit }]
                      : [];
                  })
              : [],
        }))
      : [];
    return {
      ...toSummary(c),
      summary: c.summary,
      valueFen: amountOf(c.value_fen),
      illegalGainsFen: amountOf(c.illegal_gains_fen),
      confiscatedFen: amountOf(c.confiscated_fen),
      decidedOn: c.decided_on,
      complaint: c.complaint_id ? { id: c.complaint_id, trackingNo: c.complaint_tracking_no! } : null,
      officers,
      parties: parties.map(maskParty),
      rights,
      deadlines: clocks.deadlines,
      pauses: clocks.pauses,
      documents: documents.map(({ storageKey: _key, ...d }) => d),
      evidenceCount,
      canAct: this.canAct(actor, c),
      actions: actions.filter((a) => a.action !== 'extend' || a.extendable.length > 0),
    };
  }

  /**
   * Officers who may be assigned to cases of an office (its active officers and supervisors), for those who may
   * act on its cases: its own officers, and supervisors over its region.
   */
  async assignableOfficers(
    actor: Actor,
    officeId = actor.officeId,
  ): Promise<{ userId: string; username: string; displayName: string }[]> {
    const office = await this.office(officeId);
    if (!office) throw new DomainError('NOT_FOUND', `Office ${officeId} not found`);
    if (!this.canAct(actor, { office_id: office.id, region_code: office.region_code })) {
      throw new DomainError(
        'FORBIDDEN',
        'You may assign officers only in your own office or under your region',
      );
    }
    return this.cases.assignable(office.id);
  }

  // —— commands ——

  /** Registers a case (ex officio, or entered from a request, complaint, referral…) with its first deadlines. */
  @Transactional()
  async create(actor: Actor, input: CreateCaseInput): Promise<CaseDetail> {
    if (!actor.roles.includes('officer') && !actor.roles.includes('supervisor')) {
      throw new DomainError('FORBIDDEN', 'Only officers and supervisors register cases');
    }
    const v: FieldViolation[] = [];
    const today = todayInShanghai();
    const title = input.title?.trim() ?? '';
    if (!title || title.length > 200)
      v.push(field('title', 'Give a title of 1–200 characters', '请填写案由（1–200字）'));
    const procedure = procedureDef(input.procedure);
    const ipType = ipTypeDef(input.ipType);
    if (!ipType) v.push(field('ipType', `Unknown IP type "${input.ipType}"`, '知识产权类型无效'));
    if (!procedure) v.push(field('procedure', `Unknown procedure "${input.procedure}"`, '程序类型无效'));
    if (procedure && ipType && !procedure.ipTypes.includes(ipType.code as never)) {
      v.push(
        field(
          'procedure',
          `${procedure.en} does not apply to ${ipType.en}`,
          `「${procedure.zh}」不适用于${ipType.zh}案件`,
        ),
      );
    }
    if (procedure && !procedure.sources.includes(input.source as never)) {
      v.push(field('source', `Source must be one of ${procedure.sources.join(', ')}`, '案件来源与程序不符'));
    }
    const receivedOn = input.receivedOn ?? today;
    if (!isValidIsoDate(receivedOn) || receivedOn > today) {
      v.push(
        field(
          'receivedOn',
          'Give a date (YYYY-MM-DD) not in the future',
          '收到日期格式应为 YYYY-MM-DD，且不能晚于今天',
        ),
      );
    }
    for (const [k, amount] of [
      ['valueFen', input.valueFen],
      ['illegalGainsFen', input.illegalGainsFen],
    ] as const) {
      if (amount !== undefined && (!Number.isSafeInteger(amount) || amount < 0)) {
        v.push(field(k, 'Amounts are whole fen, 0 or more', '金额以分为单位，应为非负整数'));
      }
    }
    const parties = (input.parties ?? []).map((p, i) => validateParty(p, `parties[${i}]`, v));
    const rights = ipType
      ? (input.rights ?? []).map((r, i) => validateRight(ipType, r, `rights[${i}]`, v))
      : [];
    if (v.length) fail(v);

    const officeId = input.officeId ?? actor.officeId;
    const office = await this.office(officeId);
    if (!office) fail([field('officeId', 'Unknown or inactive office', '办案机关不存在或已停用')]);
    if (!office!.competences.includes(ipType!.competence)) {
      fail([
        field(
          'officeId',
          `${office!.name} has no ${ipType!.competence} competence`,
          `${office!.name}无${ipType!.zh}案件管辖职能`,
          'NOT_COMPETENT',
        ),
      ]);
    }
    if (!(actor.roles.includes('officer') && actor.officeId === officeId)) {
      if (!actor.roles.includes('supervisor') || !isWithin(office!.region_code, actor.regionCode)) {
        throw new DomainError('FORBIDDEN', 'You may register cases only for your own office');
      }
    }
    const region = await this.region(input.regionCode);
    if (!region || !isWithin(input.regionCode, office!.region_code)) {
      fail([
        field(
          'regionCode',
          `Region ${input.regionCode} is not within the office's region ${office!.region_code}`,
          '案发地须在办案机关辖区内',
          'OUT_OF_JURISDICTION',
        ),
      ]);
    }

    const id = await this.cases.insert({
      title,
      ipType: ipType!.code,
      procedure: procedure!.code,
      source: input.source,
      status: 'registered',
      officeId,
      regionCode: input.regionCode,
      provinceCode: provinceOf(input.regionCode),
      cityCode: cityOf(input.regionCode),
      summary: input.summary?.trim() ?? '',
      valueFen: input.valueFen ?? null,
      illegalGainsFen: input.illegalGainsFen ?? null,
      major: input.major ?? false,
      repeatInfringer: input.repeatInfringer ?? false,
      online: input.online ?? false,
      receivedOn,
      createdBy: actor.id,
    });
    for (const p of parties) await this.cases.insertParty(id, p as NewParty);
    for (const r of rights) await this.cases.insertRight(id, r as NewRight);
    let assigned: string[] = [];
    if (input.officerIds?.length) assigned = await this.assign(id, officeId, input.officerIds, null);
    const foreign = parties.some((p) => p!.role === 'respondent' && p!.foreignDomicile);
    for (const key of procedure!.startsOnRegistration) {
      const rule = this.rules.ruleFor(procedure!.code, key, {
        source: input.source,
        foreignRespondent: foreign,
      });
      if (rule) await this.deadlines.start(id, rule, receivedOn);
    }
    await this.deadlines.recompute(id);
    await this.cases.refreshSearchText(id);
    await this.audit.record(actor, {
      action: 'case.registered',
      entityType: 'case',
      entityId: id,
      data: {
        title,
        ipType: ipType!.code,
        procedure: procedure!.code,
        source: input.source,
        officeId,
        regionCode: input.regionCode,
        receivedOn,
        parties: parties.length,
        rights: rights.length,
        officers: assigned,
      },
    });
    const c = (await this.cases.find(id))!;
    if (assigned.length) await this.outbox.add(this.assignedMessage(c, assigned));
    return this.detail(actor, c);
  }

  /**
   * Takes a workflow action. Checks, in this order: the case exists and is visible (404/403), the version (409),
   * the action exists for the procedure (404), the state (409), the role (403), the action's data (400).
   */
  async act(actor: Actor, id: string, action: string, input: ActInput): Promise<CaseDetail> {
    const generated: GeneratedDocument[] = [];
    try {
      return await this.txHost.withTransaction(() =>
        this.actInTransaction(actor, id, action, input, generated),
      );
    } catch (e) {
      await this.documents.discard(generated);
      throw e;
    }
  }

  private async actInTransaction(
    actor: Actor,
    id: string,
    action: string,
    input: ActInput,
    generated: GeneratedDocument[],
  ): Promise<CaseDetail> {
    const c = await this.readable(actor, id, true);
    this.assertCanAct(actor, c);
    assertVersion(c, input.version);
    const procedure = procedureDef(c.procedure)!;
    const state = c.status as CaseState;
    const transition = resolveTransition(procedure, state, action, actor.roles);
    await this.hooks.checkAction(c, action);
    const today = todayInShanghai();
    const actedOn = input.actedOn ?? today;
    if (!isValidIsoDate(actedOn) || actedOn > today || actedOn < c.received_on) {
      fail([
        field(
          'actedOn',
          `The date of the act must be between ${c.received_on} and today`,
          `办理日期须在 ${c.received_on} 至今天之间`,
        ),
      ]);
    }
    const facts = await this.facts(c, actedOn);
    const violations = checkRequirements(procedure, transition, facts, input);
    for (const [k, amount] of [
      ['fineFen', input.fineFen],
      ['confiscatedFen', input.confiscatedFen],
      ['illegalGainsFen', input.illegalGainsFen],
    ] as const) {
      if (amount !== undefined && (!Number.isSafeInteger(amount) || amount < 0)) {
        violations.push(field(k, 'Amounts are whole fen, 0 or more', '金额以分为单位，应为非负整数'));
      }
    }
    if (violations.length) fail(violations);

    const from = c.status;
    const to = transition.to ?? from;
    const set: Record<string, unknown> = {};
    if (to !== from) set.status = to;
    const stopped: string[] = [];
    const started: string[] = [];

    // Numbers, dates and amounts.
    if (action === 'file') {
      const year = Number(actedOn.slice(0, 4));
      const seq = await this.cases.nextNumber(c.office_id, year, 'case');
      Object.assign(set, {
        case_no: formatCaseNumber(c.office_prefix, year, seq),
        case_year: year,
        case_seq: seq,
        filed_on: actedOn,
      });
    }
    if (transition.requires.includes('outcome')) {
      set.outcome = input.outcome;
      if (input.outcome === 'penalty' || input.outcome === 'warning') {
        set.fine_fen = input.fineFen ?? null;
        set.confiscated_fen = input.confiscatedFen ?? null;
      }
      if (input.illegalGainsFen !== undefined) set.illegal_gains_fen = input.illegalGainsFen;
    }
    if (action === 'decide') set.decided_on = actedOn;
    if (to === 'closed' || to === 'not_filed') set.closed_on = actedOn;

    // Clocks: pauses, extensions, stops, starts.
    if (transition.pause === 'open') {
      const kind = transition.pauseKind ?? input.pauseKind!;
      await this.deadlines.openPause(c.id, kind, actedOn, input.reason?.trim() ?? '');
    }
    let resumedKind: string | null = null;
    if (transition.pause === 'close') resumedKind = await this.deadlines.closePause(c.id, actedOn);
    if (action === 'extend') {
      const e = input.extension!;
      const open = facts.openDeadlines.find((d) => d.key === e.deadlineKey)!;
      const step = nextExtensionStep(open.rule, open.extensions)!;
      const row = (await this.deadlines.list(c.id)).find(
        (d) => d.status === 'open' && d.key === e.deadlineKey,
      )!;
      await this.deadlines.addExtension(row.id, {
        level: e.level,
        amount: e.amount,
        unit: step.unit,
        reason: input.reason!.trim(),
        approvedBy: actor.displayName,
        approvedOn: actedOn,
      });
    }
    if (transition.stops?.length) {
      const all = transition.stops.includes('*');
      stopped.push(
        ...(await this.deadlines.stop(c.id, all ? null : (transition.stops as string[]), actedOn, 'met')),
      );
    }
    if (transition.starts?.length) {
      const foreign = await this.cases.hasForeignRespondent(c.id);
      for (const key of transition.starts) {
        const rule = this.rules.ruleFor(procedure.code, key, {
          source: c.source,
          foreignRespondent: foreign,
        });
        if (!rule) continue;
        await this.deadlines.stop(c.id, [key], actedOn, 'cancelled'); // a restarted clock replaces the old one
        await this.deadlines.start(c.id, rule, actedOn);
        started.push(key);
      }
    }
    await this.cases.update(c.id, set);
    await this.deadlines.recompute(c.id);
    if (set.case_no) await this.cases.refreshSearchText(c.id);

    // The document, generated from the case as it now stands.
    const updated = (await this.cases.find(c.id))!;
    const docKind = documentKindOf(transition, input.outcome);
    let document: GeneratedDocument | null = null;
    if (docKind) {
      const statement = (await this.deadlines.list(c.id)).find(
        (d) => d.status === 'open' && d.key === 'statement',
      );
      document = await this.documents.generate(updated, docKind, {
        action,
        issuedOn: actedOn,
        facts: input.facts,
        legalBasis: input.legalBasis,
        reason: input.reason,
        outcome: input.outcome,
        statementDue: statement?.due_date ?? null,
        createdBy: actor.id,
      });
      generated.push(document);
    }

    await this.audit.record(actor, {
      action: `case.${action}`,
      entityType: 'case',
      entityId: c.id,
      data: {
        from,
        to,
        actedOn,
        ...(set.case_no ? { caseNo: set.case_no } : {}),
        ...pick(input, [
          'reason',
          'legalBasis',
          'facts',
          'outcome',
          'fineFen',
          'confiscatedFen',
          'illegalGainsFen',
          'pauseKind',
          'extension',
          'defenceHeard',
        ]),
        ...(resumedKind ? { resumedPause: resumedKind } : {}),
        deadlinesStopped: stopped,
        deadlinesStarted: started,
        ...(document
          ? {
              document: {
                id: document.id,
                docNo: document.docNo,
                kind: document.kind,
                sha256: document.sha256,
              },
            }
          : {}),
      },
    });
    const officers = (await this.cases.officers(c.id)).map((o) => o.userId);
    await this.outbox.add(this.transitionedMessage(updated, action, from, to, actor, officers));
    await this.hooks.afterAction(actor, updated, action, to);
    return this.detail(actor, updated);
  }

  /** Edits the case's description: title, summary, amounts involved and flags (not its workflow data). */
  @Transactional()
  async update(actor: Actor, id: string, input: UpdateCaseInput): Promise<CaseDetail> {
    const c = await this.writable(actor, id, input.version);
    const v: FieldViolation[] = [];
    const set: Record<string, unknown> = {};
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    if (input.title !== undefined) {
      const title = input.title.trim();
      if (!title || title.length > 200) {
        v.push(field('title', 'Give a title of 1–200 characters', '请填写案由（1–200字）'));
      } else if (title !== c.title) {
        set.title = title;
        diff.title = { from: c.title, to: title };
      }
    }
    if (input.summary !== undefined && input.summary.trim() !== c.summary) {
      set.summary = input.summary.trim();
      diff.summary = { from: c.summary, to: set.summary };
    }
    const amounts = [
      ['valueFen', 'value_fen'],
      ['illegalGainsFen', 'illegal_gains_fen'],
    ] as const;
    for (const [k, col] of amounts) {
      const value = input[k];
      if (value === undefined) continue;
      if (value !== null && (!Number.isSafeInteger(value) || value < 0)) {
        v.push(field(k, 'Amounts are whole fen, 0 or more', '金额以分为单位，应为非负整数'));
      } else if (value !== amountOf(c[col])) {
        set[col] = value;
        diff[k] = { from: amountOf(c[col]), to: value };
      }
    }
    const flags = [
      ['major', 'major'],
      ['repeatInfringer', 'repeat_infringer'],
      ['online', 'online'],
    ] as const;
    for (const [k, col] of flags) {
      const value = input[k];
      if (value !== undefined && value !== c[col]) {
        set[col] = value;
        diff[k] = { from: c[col], to: value };
      }
    }
    if (v.length) fail(v);
    if (!Object.keys(set).length) return this.detail(actor, c);
    await this.cases.update(c.id, set);
    await this.audit.record(actor, {
      action: 'case.updated',
      entityType: 'case',
      entityId: c.id,
      data: diff,
    });
    if (set.title) await this.cases.refreshSearchText(c.id);
    return this.detail(actor, (await this.cases.find(c.id))!);
  }

  /** Replaces the officers assigned to the case (officers of the handling office). */
  @Transactional()
  async setOfficers(
    actor: Actor,
    id: string,
    input: { version: number; officerIds: string[]; leadId?: string },
  ): Promise<CaseDetail> {
    const c = await this.readable(actor, id, true);
    this.assertCanAct(actor, c);
    assertVersion(c, input.version);
    assertOpen(c);
    const ids = [...new Set(input.officerIds)];
    if (input.leadId && !ids.includes(input.leadId)) {
      fail([field('leadId', 'The lead officer must be one of the officers', '主办人须在办案人员之中')]);
    }
    const assigned = await this.assign(c.id, c.office_id, ids, input.leadId ?? null);
    await this.cases.update(c.id, {});
    await this.audit.record(actor, {
      action: 'case.officers_set',
      entityType: 'case',
      entityId: c.id,
      data: { officerIds: ids, leadId: input.leadId ?? null, added: assigned },
    });
    const updated = (await this.cases.find(c.id))!;
    if (assigned.length) await this.outbox.add(this.assignedMessage(updated, assigned));
    return this.detail(actor, updated);
  }

  @Transactional()
  async addParty(actor: Actor, id: string, input: PartyInput & { version: number }): Promise<CaseDetail> {
    const c = await this.writable(actor, id, input.version);
    const v: FieldViolation[] = [];
    const party = validateParty(input, '', v);
    if (v.length) fail(v);
    const partyId = await this.cases.insertParty(c.id, party as NewParty);
    await this.touch(c, actor, 'case.party_added', {
      partyId,
      role: party!.role,
      kind: party!.kind,
      name: party!.name,
    });
    await this.cases.refreshSearchText(c.id);
    return this.detail(actor, (await this.cases.find(c.id))!);
  }

  @Transactional()
  async removeParty(actor: Actor, id: string, partyId: string, version: number): Promise<CaseDetail> {
    const c = await this.writable(actor, id, version);
    if (!UUID.test(partyId) || !(await this.cases.deleteParty(c.id, partyId))) {
      throw new DomainError('NOT_FOUND', `Party ${partyId} not found on this case`);
    }
    await this.touch(c, actor, 'case.party_removed', { partyId });
    await this.cases.refreshSearchText(c.id);
    return this.detail(actor, (await this.cases.find(c.id))!);
  }

  @Transactional()
  async addRight(actor: Actor, id: string, input: RightInput & { version: number }): Promise<CaseDetail> {
    const c = await this.writable(actor, id, input.version);
    const v: FieldViolation[] = [];
    const right = validateRight(ipTypeDef(c.ip_type)!, input, '', v);
    if (v.length) fail(v);
    const rightId = await this.cases.insertRight(c.id, right as NewRight);
    await this.touch(c, actor, 'case.right_added', {
      rightId,
      number: right!.number,
      numberKind: right!.numberKind,
    });
    await this.cases.refreshSearchText(c.id);
    return this.detail(actor, (await this.cases.find(c.id))!);
  }

  @Transactional()
  async removeRight(actor: Actor, id: string, rightId: string, version: number): Promise<CaseDetail> {
    const c = await this.writable(actor, id, version);
    if (!UUID.test(rightId) || !(await this.cases.deleteRight(c.id, rightId))) {
      throw new DomainError('NOT_FOUND', `Right ${rightId} not found on this case`);
    }
    await this.touch(c, actor, 'case.right_removed', { rightId });
    await this.cases.refreshSearchText(c.id);
    return this.detail(actor, (await this.cases.find(c.id))!);
  }

  /** Appends a note (no version needed: notes never conflict). */
  @Transactional()
  async addNote(actor: Actor, id: string, body: string): Promise<{ id: string }> {
    const c = await this.readable(actor, id, true);
    this.assertCanAct(actor, c);
    const text = body?.trim() ?? '';
    if (!text || text.length > 5000) fail([field('body', 'Write 1–5000 characters', '请填写1–5000字的备注')]);
    const noteId = await this.cases.insertNote(c.id, actor.id, text);
    await this.audit.record(actor, {
      action: 'case.note_added',
      entityType: 'case',
      entityId: c.id,
      data: { noteId, body: text },
    });
    return { id: noteId };
  }

  /**
   * Moves a case to another office (a jurisdiction transfer accepted, or designated by the common superior): the
   * case is handled in `regionCode` (within the new office's region) from now on, a filed case takes the new
   * office's next number, the old officers are released (the new office assigns its own), and the move is kept in
   * case_office_history with both numbers. Runs in the caller's transaction; the caller has checked who may do it.
   */
  async moveToOffice(
    actor: Actor,
    caseId: string,
    to: { officeId: string; regionCode: string; referralId: string | null; how: 'accepted' | 'designated' },
  ): Promise<{ fromCaseNo: string | null; toCaseNo: string | null }> {
    const c = (await this.cases.find(caseId, true))!;
    const [office] = (await this.txHost.tx.query(
      `SELECT id, short_name, region_code FROM offices WHERE id = $1`,
      [to.officeId],
    )) as { id: string; short_name: string; region_code: string }[];
    const set: Record<string, unknown> = {
      office_id: office.id,
      region_code: to.regionCode,
      province_code: provinceOf(to.regionCode),
      city_code: cityOf(to.regionCode),
    };
    if (c.case_no) {
      const year = Number(todayInShanghai().slice(0, 4));
      const seq = await this.cases.nextNumber(office.id, year, 'case');
      Object.assign(set, {
        case_no: formatCaseNumber(office.short_name, year, seq),
        case_year: year,
        case_seq: seq,
      });
    }
    await this.cases.update(c.id, set);
    await this.cases.setOfficers(c.id, [], null);
    await this.cases.refreshSearchText(c.id);
    const toCaseNo = (set.case_no as string | undefined) ?? null;
    await this.txHost.tx.query(
      `INSERT INTO case_office_history (case_id, referral_id, from_office_id, to_office_id, from_region_code,
                                        to_region_code, from_case_no, to_case_no, how, moved_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        c.id,
        to.referralId,
        c.office_id,
        office.id,
        c.region_code,
        to.regionCode,
        c.case_no,
        toCaseNo,
        to.how,
        actor.id,
      ],
    );
    await this.audit.record(actor, {
      action: 'case.moved',
      entityType: 'case',
      entityId: c.id,
      data: {
        how: to.how,
        referralId: to.referralId,
        fromOfficeId: c.office_id,
        toOfficeId: office.id,
        fromRegionCode: c.region_code,
        toRegionCode: to.regionCode,
        fromCaseNo: c.case_no,
        toCaseNo,
      },
    });
    return { fromCaseNo: c.case_no, toCaseNo };
  }

  /**
   * The police opened a criminal case on the transfer (国务院令第310号): the administrative case ends as
   * transferred — an open suspension is closed and every running deadline cancelled. Runs in the caller's
   * transaction; a case no longer open is left as it is.
   */
  async concludeByCriminalTransfer(actor: Actor, caseId: string, referralNo: string): Promise<void> {
    const c = (await this.cases.find(caseId, true))!;
    if (!OPEN_CASE_STATES.includes(c.status as CaseState)) return;
    const today = todayInShanghai();
    const resumed = c.status === 'suspended' ? await this.deadlines.closePause(c.id, today) : null;
    const stopped = await this.deadlines.stop(c.id, null, today, 'cancelled');
    await this.cases.update(c.id, { status: 'transferred_police', closed_on: today });
    await this.deadlines.recompute(c.id);
    await this.audit.record(actor, {
      action: 'case.transferred_police',
      entityType: 'case',
      entityId: c.id,
      data: {
        from: c.status,
        to: 'transferred_police',
        referralNo,
        resumedPause: resumed,
        deadlinesStopped: stopped,
      },
    });
  }

  // —— helpers ——

  /** Locks the case for an edit of its parties or rights: visible, actionable, open, current version. */
  private async writable(actor: Actor, id: string, version: number): Promise<CaseRow> {
    const c = await this.readable(actor, id, true);
    this.assertCanAct(actor, c);
    assertVersion(c, version);
    assertOpen(c);
    return c;
  }

  private async touch(
    c: CaseRow,
    actor: Actor,
    action: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.cases.update(c.id, {});
    await this.audit.record(actor, { action, entityType: 'case', entityId: c.id, data });
  }

  private async assign(
    caseId: string,
    officeId: string,
    ids: string[],
    leadId: string | null,
  ): Promise<string[]> {
    const bad = ids.filter((u) => !UUID.test(u));
    const eligible = bad.length ? [] : await this.cases.eligibleOfficers(officeId, ids);
    if (bad.length || eligible.length !== ids.length) {
      const ok = new Set(eligible.map((e) => e.id));
      fail([
        field(
          'officerIds',
          `Not active officers of the handling office: ${ids.filter((u) => !ok.has(u)).join(', ')}`,
          '办案人员须为承办机关在职的执法人员',
        ),
      ]);
    }
    return this.cases.setOfficers(caseId, ids, leadId ?? ids[0] ?? null);
  }

  private async facts(c: CaseRow, today: IsoDate): Promise<CaseFacts> {
    const [officers, rows] = await inOrder(
      () => this.cases.officers(c.id),
      () => this.deadlines.list(c.id),
    );
    return {
      state: c.status as CaseState,
      officerCount: officers.length,
      openDeadlines: rows
        .filter((d) => d.status === 'open')
        .map((d) => {
          const rule = this.rules.rule(d.rule_id)!;
          return {
            key: d.key,
            // The stored copy's values govern a running deadline; the table gives its extension steps.
            rule: { ...rule, amount: d.amount, unit: d.unit },
            extensions: d.extensions.map((e) => e.level as ApproverLevel),
            due: d.due_date,
          };
        }),
      metDeadlines: rows.filter((d) => d.status === 'met').map((d) => d.key as DeadlineKey),
      today,
    };
  }

  private async office(id: string): Promise<OfficeRow | null> {
    if (!UUID.test(id)) return null;
    const rows = (await this.txHost.tx.query(
      `SELECT id, name, region_code, competences FROM offices WHERE id = $1 AND active`,
      [id],
    )) as OfficeRow[];
    return rows[0] ?? null;
  }

  private async region(code: string): Promise<{ code: string } | null> {
    if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return null;
    const rows = (await this.txHost.tx.query(`SELECT code FROM regions WHERE code = $1`, [code])) as {
      code: string;
    }[];
    return rows[0] ?? null;
  }

  private caseName(c: CaseRow): string {
    return c.case_no ?? `DJ${c.reg_no}`;
  }

  private assignedMessage(c: CaseRow, users: string[]): OutboxMessage {
    const name = this.caseName(c);
    return {
      topic: 'case.assigned',
      payload: {
        to: { users },
        title: { zh: `新指派案件：${name}`, en: `Case assigned to you: ${name}` },
        body: { zh: `您已被指派办理「${c.title}」。`, en: `You have been assigned to "${c.title}".` },
        link: `/cases/${c.id}`,
        data: { caseId: c.id, caseNo: c.case_no, officeId: c.office_id, regionCode: c.region_code },
      },
    };
  }

  private transitionedMessage(
    c: CaseRow,
    action: string,
    from: string,
    to: string,
    actor: Actor,
    officers: string[],
  ): OutboxMessage {
    const a = actionLabel(action);
    const name = this.caseName(c);
    return {
      topic: 'case.transitioned',
      payload: {
        to: { users: officers.filter((u) => u !== actor.id) },
        title: { zh: `${name}：${a.zh}`, en: `${name}: ${a.en}` },
        body: {
          zh: `${actor.displayName}办理「${a.zh}」，案件状态：${stateLabel(from).zh} → ${stateLabel(to).zh}。`,
          en: `${actor.displayName}: ${a.en}; status ${stateLabel(from).en} → ${stateLabel(to).en}.`,
        },
        link: `/cases/${c.id}`,
        data: {
          caseId: c.id,
          caseNo: c.case_no,
          action,
          from,
          to,
          ipType: c.ip_type,
          procedure: c.procedure,
          officeId: c.office_id,
          regionCode: c.region_code,
          outcome: c.outcome,
          fineFen: amountOf(c.fine_fen),
        },
      },
    };
  }
}

interface OfficeRow {
  id: string;
  name: string;
  region_code: string;
  competences: string[];
}

function assertVersion(c: CaseRow, version: number): void {
  if (!Number.isInteger(version)) {
    fail([
      field(
        'version',
        'Send the version of the case you read',
        '请提交所读取案件的版本号 version',
        'REQUIRED',
      ),
    ]);
  }
  if (c.version !== version) {
    throw new DomainError(
      'STALE_VERSION',
      `案件已被他人修改（当前版本 ${c.version}，您提交的是 ${version}），请刷新后重试 / The case changed since you read it (version ${c.version}, you sent ${version}); reload and try again`,
      { currentVersion: c.version },
    );
  }
}

function assertOpen(c: CaseRow): void {
  if (!CASE_STATES.find((s) => s.code === c.status)?.open) {
    throw new DomainError(
      'INVALID_TRANSITION',
      `案件已${stateLabel(c.status).zh}，不能再修改 / The case is ${c.status} and can no longer be changed`,
      { state: c.status },
    );
  }
}

function documentKindOf(t: Transition, outcome: string | undefined): DocumentKind | null {
  if (!t.document) return null;
  if (typeof t.document === 'string') return t.document;
  return (outcome && t.document[outcome as Outcome]) || null;
}

function pick(o: object, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export type { ProcedureDef };
