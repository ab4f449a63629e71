import { DomainError } from '../domain-error';
import type { IsoDate } from '../calendar';
import {
  APPROVER_LEVELS,
  OUTCOMES,
  PAUSE_KINDS,
  type ApproverLevel,
  type Outcome,
  type PauseKind,
} from './catalog';
import type { DeadlineKey, DeadlineRule, ExtensionStep } from './deadline-rules';
import {
  CASE_ACTIONS,
  CASE_STATES,
  type CaseAction,
  type CaseRole,
  type CaseState,
  type ProcedureDef,
  type Transition,
} from './workflows';

/** What the guards need to know about the case (read by the service under the row lock). */
export interface CaseFacts {
  state: CaseState;
  officerCount: number;
  /** Open deadlines with the extensions already granted on each. */
  openDeadlines: readonly {
    key: DeadlineKey;
    rule: DeadlineRule;
    extensions: readonly ApproverLevel[];
    due: IsoDate | null;
  }[];
  /** Deadlines met (stopped as done) so far. */
  metDeadlines: readonly DeadlineKey[];
  /** Shanghai date of the action. */
  today: IsoDate;
}

/** The action's data, already type-checked by the HTTP layer. */
export interface ActionInput {
  reason?: string;
  legalBasis?: string;
  facts?: string;
  outcome?: string;
  fineFen?: number;
  confiscatedFen?: number;
  pauseKind?: string;
  extension?: { deadlineKey: string; level: string; amount: number };
  /** The party waived the statement-and-defence window, or its statement was received. */
  defenceHeard?: boolean;
}

export interface FieldViolation {
  field: string;
  code: string;
  message: string;
  messageZh: string;
}

const label = (list: readonly { code: string; zh: string }[], code: string) =>
  list.find((x) => x.code === code)?.zh ?? code;

/** The transitions of `action` in `procedure`, whatever the state (empty when the procedure has no such action). */
export function transitionsOf(procedure: ProcedureDef, action: string): Transition[] {
  return procedure.transitions.filter((t) => t.action === action);
}

/** The transitions available in `state` to someone with `roles` (the buttons the UI shows). */
export function availableTransitions(
  procedure: ProcedureDef,
  state: CaseState,
  roles: readonly string[],
): Transition[] {
  return procedure.transitions.filter(
    (t) => t.from.includes(state) && t.roles.some((r) => roles.includes(r)),
  );
}

/**
 * Finds the transition for `action` in `state` and checks who may take it. Throws NOT_FOUND for an action the
 * procedure does not have, INVALID_TRANSITION (409) for the wrong state, FORBIDDEN for the wrong role.
 */
export function resolveTransition(
  procedure: ProcedureDef,
  state: CaseState,
  action: string,
  roles: readonly string[],
): Transition {
  const candidates = transitionsOf(procedure, action);
  if (!candidates.length) {
    throw new DomainError('NOT_FOUND', `Procedure ${procedure.code} has no action "${action}"`, {
      action,
      procedure: procedure.code,
    });
  }
  const transition = candidates.find((t) => t.from.includes(state));
  if (!transition) {
    const from = [...new Set(candidates.flatMap((t) => t.from))];
    throw new DomainError(
      'INVALID_TRANSITION',
      `「${label(CASE_ACTIONS, action)}」不能在「${label(CASE_STATES, state)}」状态下进行（可在：${from
        .map((s) => label(CASE_STATES, s))
        .join(
          '、',
        )}）/ Action "${action}" is not allowed in state "${state}" (allowed in: ${from.join(', ')})`,
      { action, state, allowedFrom: from },
    );
  }
  if (!transition.roles.some((r) => roles.includes(r))) {
    throw new DomainError(
      'FORBIDDEN',
      `「${label(CASE_ACTIONS, action)}」需要以下角色之一：${transition.roles
        .map((r) => (r === 'supervisor' ? '负责人（主管）' : '执法人员'))
        .join('、')} / Action "${action}" needs one of the roles: ${transition.roles.join(', ')}`,
      { action, roles: transition.roles },
    );
  }
  return transition;
}

/** Checks the data a transition requires; returns every violation (empty when it may proceed). */
export function checkRequirements(
  procedure: ProcedureDef,
  transition: Transition,
  facts: CaseFacts,
  input: ActionInput,
): FieldViolation[] {
  const v: FieldViolation[] = [];
  const need = (field: string, zh: string, en: string) =>
    v.push({ field, code: 'REQUIRED', message: en, messageZh: zh });
  const text = (s: string | undefined) => typeof s === 'string' && s.trim().length > 0;

  for (const r of transition.requires) {
    switch (r) {
      case 'officers':
        if (facts.officerCount < procedure.minOfficers) {
          v.push({
            field: 'officers',
            code: 'TOO_FEW_OFFICERS',
            message: `At least ${procedure.minOfficers} officers must be assigned (now ${facts.officerCount})`,
            messageZh: `须指派至少 ${procedure.minOfficers} 名执法人员（当前 ${facts.officerCount} 名）`,
          });
        }
        break;
      case 'panel':
        if (facts.officerCount < 3 || facts.officerCount % 2 === 0) {
          v.push({
            field: 'officers',
            code: 'PANEL_SIZE',
            message: `The panel must have three or more officers, an odd number (now ${facts.officerCount}) — Decree 81 Art 20`,
            messageZh: `合议组须由三名以上单数执法人员组成（当前 ${facts.officerCount} 名）——令第81号第二十条`,
          });
        }
        break;
      case 'reason':
        if (!text(input.reason)) need('reason', '请填写理由', 'Give the reason');
        break;
      case 'legal_basis':
        if (!text(input.legalBasis)) need('legalBasis', '请填写法律依据', 'Give the legal basis');
        break;
      case 'facts':
        if (!text(input.facts)) need('facts', '请填写认定的事实', 'State the facts found');
        break;
      case 'outcome':
        checkOutcome(transition, input, v);
        break;
      case 'pause_kind':
        checkPauseKind(procedure, input.pauseKind, v);
        break;
      case 'extension':
        checkExtension(facts, input, v);
        break;
      case 'defence_heard': {
        const window = facts.openDeadlines.find((d) => d.key === 'statement');
        const lapsed = window?.due != null && window.due < facts.today;
        if (window && !lapsed && !input.defenceHeard) {
          v.push({
            field: 'defenceHeard',
            code: 'DEFENCE_WINDOW_OPEN',
            message: `The statement-and-defence window runs until ${window.due}; record the party's statement or waiver first`,
            messageZh: `陈述申辩期至 ${window.due} 届满；当事人已陈述申辩或明确放弃的，请勾选确认`,
          });
        }
        break;
      }
      case 'decision_served':
        if (facts.openDeadlines.some((d) => d.key === 'decision_service')) {
          v.push({
            field: 'decision',
            code: 'DECISION_NOT_SERVED',
            message: 'Serve the decision first',
            messageZh: '请先送达决定书',
          });
        }
        break;
    }
  }
  return v;
}

function checkOutcome(transition: Transition, input: ActionInput, v: FieldViolation[]): void {
  const allowed = transition.outcomes ?? [];
  if (!input.outcome || !allowed.includes(input.outcome as Outcome)) {
    v.push({
      field: 'outcome',
      code: 'OUTCOME',
      message: `Choose one of: ${allowed.join(', ')}`,
      messageZh: `请选择处理结果：${allowed.map((o) => label(OUTCOMES, o)).join('、')}`,
    });
    return;
  }
  if (input.outcome === 'penalty' && !((input.fineFen ?? 0) > 0 || (input.confiscatedFen ?? 0) > 0)) {
    v.push({
      field: 'fineFen',
      code: 'REQUIRED',
      message: 'A penalty needs a fine or confiscated gains (in fen)',
      messageZh: '行政处罚须填写罚款或没收违法所得金额',
    });
  }
}

function checkPauseKind(procedure: ProcedureDef, kind: string | undefined, v: FieldViolation[]): void {
  if (!kind || !procedure.pauseKinds.includes(kind as PauseKind)) {
    v.push({
      field: 'pauseKind',
      code: 'PAUSE_KIND',
      message: `Choose one of: ${procedure.pauseKinds.join(', ')}`,
      messageZh: `请选择暂停计时的事由：${procedure.pauseKinds.map((k) => label(PAUSE_KINDS, k)).join('、')}`,
    });
  }
}

/** The extension step the next grant on a deadline must follow, or null when none is left. */
export function nextExtensionStep(
  rule: DeadlineRule,
  granted: readonly ApproverLevel[],
): ExtensionStep | null {
  const steps = rule.extensions;
  if (granted.length < steps.length) return steps[granted.length];
  const last = steps[steps.length - 1];
  return last?.repeatable ? last : null;
}

function checkExtension(facts: CaseFacts, input: ActionInput, v: FieldViolation[]): void {
  const e = input.extension;
  if (!e) {
    v.push({
      field: 'extension',
      code: 'REQUIRED',
      message: 'Give the deadline, approver level and length',
      messageZh: '请填写延长的期限、批准层级和天数',
    });
    return;
  }
  const open = facts.openDeadlines.find((d) => d.key === e.deadlineKey);
  if (!open) {
    v.push({
      field: 'extension.deadlineKey',
      code: 'NO_OPEN_DEADLINE',
      message: `No open time limit "${e.deadlineKey}" on this case`,
      messageZh: '该案件没有可延长的进行中期限',
    });
    return;
  }
  const step = nextExtensionStep(open.rule, open.extensions);
  if (!step) {
    v.push({
      field: 'extension',
      code: 'NO_EXTENSION_LEFT',
      message: `${open.rule.en}: no further extension is allowed (${open.rule.source.article})`,
      messageZh: `「${open.rule.zh}」已无可再延长的层级（${open.rule.source.article}）`,
    });
    return;
  }
  if (e.level !== step.level) {
    v.push({
      field: 'extension.level',
      code: 'APPROVER_LEVEL',
      message: `The next extension of this limit needs approval at level "${step.level}"`,
      messageZh: `本次延长须由「${label(APPROVER_LEVELS, step.level)}」`,
    });
  }
  if (!Number.isInteger(e.amount) || e.amount < 1 || (step.max !== null && e.amount > step.max)) {
    const unitZh = { WD: '个工作日', ND: '日', MONTH: '个月', HOUR: '小时' }[step.unit];
    v.push({
      field: 'extension.amount',
      code: 'EXTENSION_LENGTH',
      message: `Extend by 1${step.max !== null ? `–${step.max}` : ' or more'} ${step.unit}`,
      messageZh: `延长期限为 1${step.max !== null ? `–${step.max}` : ' 以上'}${unitZh}`,
    });
  }
}

/** The rule that sets `key` for a case of this procedure (the first whose condition holds). */
export function ruleFor(
  rules: readonly DeadlineRule[],
  procedure: string,
  key: DeadlineKey,
  context: { source: string; foreignRespondent: boolean },
): DeadlineRule | undefined {
  return rules.find(
    (r) =>
      r.id.startsWith(`${procedure}.`) &&
      r.key === key &&
      (!r.when?.sources || r.when.sources.includes(context.source as never)) &&
      (r.when?.foreignRespondent === undefined || r.when.foreignRespondent === context.foreignRespondent),
  );
}

export type { CaseAction, CaseRole };
