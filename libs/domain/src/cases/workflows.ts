import type { CaseSource, DocumentKind, IpType, Labelled, Outcome, PauseKind } from './catalog';
import type { DeadlineKey } from './deadline-rules';

/**
 * The case workflows (design.md rule 1): per procedure, a table of `{ action, from, to, roles, requires, starts,
 * stops }`. The service looks the transition up, checks its guards and applies it; the UI reads the same table
 * (GET /workflows/:procedure) to show only the actions allowed now.
 */

export const CASE_STATES = [
  { code: 'registered', zh: '登记待审', en: 'Registered', open: true },
  { code: 'investigating', zh: '调查处理中', en: 'Investigating', open: true },
  { code: 'suspended', zh: '中止/计时暂停', en: 'Suspended', open: true },
  { code: 'notified', zh: '已告知待申辩', en: 'Pre-decision notice served', open: true },
  { code: 'hearing', zh: '听证中', en: 'Hearing', open: true },
  { code: 'decided', zh: '已作出决定', en: 'Decided', open: true },
  { code: 'executing', zh: '执行中', en: 'Executing', open: true },
  { code: 'closed', zh: '已结案', en: 'Closed', open: false },
  { code: 'archived', zh: '已归档', en: 'Archived', open: false },
  { code: 'not_filed', zh: '不予立案', en: 'Not filed', open: false },
  { code: 'referred_out', zh: '已移送管辖', en: 'Referred out', open: false },
  { code: 'transferred_police', zh: '已移送公安', en: 'Transferred to the police', open: false },
] as const satisfies readonly (Labelled & { code: string; open: boolean })[];
export type CaseState = (typeof CASE_STATES)[number]['code'];
export const CASE_STATE_CODES = CASE_STATES.map((s) => s.code) as CaseState[];
export const OPEN_CASE_STATES = CASE_STATES.filter((s) => s.open).map((s) => s.code) as CaseState[];

export const CASE_ACTIONS = [
  { code: 'serve_notice', zh: '送达陈述意见通知书', en: 'Serve the notice inviting a response' },
  { code: 'record_statement', zh: '登记陈述意见', en: "Record the respondent's statement" },
  { code: 'file', zh: '立案', en: 'File the case' },
  { code: 'not_file', zh: '不予立案', en: 'Refuse to file' },
  { code: 'serve', zh: '送达请求书副本', en: 'Serve the request' },
  { code: 'suspend', zh: '中止/暂停计时', en: 'Suspend (stop the clock)' },
  { code: 'resume', zh: '恢复办理', en: 'Resume' },
  { code: 'extend', zh: '延长期限', en: 'Extend a time limit' },
  { code: 'notify', zh: '行政处罚告知', en: 'Serve the pre-decision notice' },
  { code: 'start_hearing', zh: '举行听证', en: 'Hold a hearing' },
  { code: 'end_hearing', zh: '听证结束', en: 'End the hearing' },
  { code: 'decide', zh: '作出决定', en: 'Decide' },
  { code: 'serve_decision', zh: '送达决定书', en: 'Serve the decision' },
  { code: 'execute', zh: '转入执行', en: 'Start execution' },
  { code: 'close', zh: '结案', en: 'Close' },
  { code: 'archive', zh: '归档', en: 'Archive' },
] as const satisfies readonly (Labelled & { code: string })[];
export type CaseAction = (typeof CASE_ACTIONS)[number]['code'];
export const CASE_ACTION_CODES = CASE_ACTIONS.map((a) => a.code) as CaseAction[];

/**
 * What a transition needs before it may happen:
 * - `officers`: the procedure's minimum of assigned officers (two for investigative and penalty acts);
 * - `panel`: a panel of three or more, odd (patent-dispute adjudication, Decree 81 Art 20);
 * - `reason`, `legal_basis`, `facts`: text in the payload;
 * - `outcome`: one of the transition's outcomes; with `penalty`, a fine or confiscation in the payload;
 * - `pause_kind`: one of the procedure's tolling kinds; `extension`: a valid next extension step;
 * - `defence_heard`: the statement-and-defence window has ended, or the party's statement was recorded or waived;
 * - `decision_served`: the decision has been served (its service deadline is met).
 */
export const REQUIREMENTS = [
  'officers',
  'panel',
  'reason',
  'legal_basis',
  'facts',
  'outcome',
  'pause_kind',
  'extension',
  'defence_heard',
  'decision_served',
] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

export type CaseRole = 'officer' | 'supervisor';

export interface Transition {
  action: CaseAction;
  from: readonly CaseState[];
  /** The state after the action; `null` stays in the current state (e.g. an extension, a service). */
  to: CaseState | null;
  roles: readonly CaseRole[];
  requires: readonly Requirement[];
  /** Outcomes this transition may record (with the `outcome` requirement). */
  outcomes?: readonly Outcome[];
  /** Deadlines this transition starts, counted from the action date. */
  starts?: readonly DeadlineKey[];
  /** Deadlines this transition meets (stops as done). `'*'` stops every open deadline. */
  stops?: readonly (DeadlineKey | '*')[];
  /** Opens (suspend) or closes (resume) a tolling period. */
  pause?: 'open' | 'close';
  /** A fixed pause kind (the hearing); otherwise the payload's `pauseKind`. */
  pauseKind?: PauseKind;
  /** Document generated with the transition, or by outcome. */
  document?: DocumentKind | Partial<Record<Outcome, DocumentKind>>;
}

export type ProcedureKind = 'adjudication' | 'penalty' | 'mediation' | 'fast_track';

export interface ProcedureDef extends Labelled {
  code: string;
  kind: ProcedureKind;
  ipTypes: readonly IpType[];
  /** Officers the `officers` requirement asks for; `panel` adds "odd, at least three". */
  minOfficers: number;
  /** Tolling kinds an officer may open with `suspend`. */
  pauseKinds: readonly PauseKind[];
  /** The deadlines that start when the case is registered. */
  startsOnRegistration: readonly DeadlineKey[];
  /** Sources a case of this procedure may come from. */
  sources: readonly CaseSource[];
  law: string;
  transitions: readonly Transition[];
}

const OFFICER: readonly CaseRole[] = ['officer', 'supervisor'];
const HEAD: readonly CaseRole[] = ['supervisor'];
const PATENTS: readonly IpType[] = ['patent_invention', 'patent_utility', 'patent_design'];
const ALL_SOURCES: readonly CaseSource[] = [
  'complaint',
  'ex_officio',
  'referral',
  'trade_fair',
  'ecommerce',
  'customs',
  'request',
];

/** 不予立案: refusing to file, with the reason and legal basis, and the written notice. */
const NOT_FILE: Transition = {
  action: 'not_file',
  from: ['registered'],
  to: 'not_filed',
  roles: OFFICER,
  requires: ['reason', 'legal_basis'],
  stops: ['*'],
  document: 'not_filed_notice',
};

/** The end of a mediation (patent mediation, fast track): an agreement, a failure or a withdrawal. */
const MEDIATED_DECISION: Transition = {
  action: 'decide',
  from: ['investigating'],
  to: 'decided',
  roles: OFFICER,
  requires: ['officers', 'facts', 'outcome'],
  outcomes: ['mediation_agreement', 'mediation_failed', 'withdrawn'],
  stops: ['closing'],
  document: { mediation_agreement: 'mediation_agreement', mediation_failed: 'closing_report' },
};

const CLOSE_DECIDED: Transition = {
  action: 'close',
  from: ['decided'],
  to: 'closed',
  roles: OFFICER,
  requires: [],
  stops: ['*'],
};

/** Transitions every procedure shares: time limits, suspension and archiving (referrals and criminal transfers go through `@app/referrals`). */
function common(opts: { suspendFrom: readonly CaseState[]; extendFrom: readonly CaseState[] }): Transition[] {
  return [
    {
      action: 'extend',
      from: opts.extendFrom,
      to: null,
      roles: HEAD,
      requires: ['extension', 'reason'],
    },
    {
      action: 'suspend',
      from: opts.suspendFrom,
      to: 'suspended',
      roles: OFFICER,
      requires: ['pause_kind', 'reason'],
      pause: 'open',
    },
    {
      action: 'resume',
      from: ['suspended'],
      to: 'investigating',
      roles: OFFICER,
      requires: [],
      pause: 'close',
    },
    { action: 'archive', from: ['closed'], to: 'archived', roles: OFFICER, requires: [] },
  ];
}

/** 行政处罚 (penalty) procedure shared by trademark, passing off, copyright and plant-variety infringement. */
function penaltyTransitions(): Transition[] {
  return [
    {
      action: 'file',
      from: ['registered'],
      to: 'investigating',
      roles: OFFICER,
      requires: ['officers'],
      stops: ['filing'],
      starts: ['closing'],
    },
    NOT_FILE,
    {
      action: 'notify',
      from: ['investigating'],
      to: 'notified',
      roles: OFFICER,
      requires: ['officers', 'facts', 'legal_basis', 'outcome'],
      outcomes: ['penalty', 'warning'],
      starts: ['statement'],
      document: 'penalty_notice',
    },
    {
      action: 'start_hearing',
      from: ['notified'],
      to: 'hearing',
      roles: OFFICER,
      requires: [],
      pause: 'open',
      pauseKind: 'hearing',
      stops: ['statement'],
    },
    {
      action: 'end_hearing',
      from: ['hearing'],
      to: 'notified',
      roles: OFFICER,
      requires: [],
      pause: 'close',
    },
    {
      // After notice and defence: the penalty (or, on the defence, none).
      action: 'decide',
      from: ['notified'],
      to: 'decided',
      roles: OFFICER,
      requires: ['officers', 'facts', 'legal_basis', 'outcome', 'defence_heard'],
      outcomes: ['penalty', 'warning', 'no_penalty'],
      stops: ['closing', 'statement'],
      starts: ['decision_service'],
      document: { penalty: 'penalty_decision', warning: 'penalty_decision', no_penalty: 'closing_report' },
    },
    {
      // Without notice: the investigation found no violation, or no penalty is due (撤销立案 / 不予处罚).
      action: 'decide',
      from: ['investigating'],
      to: 'decided',
      roles: OFFICER,
      requires: ['officers', 'facts', 'legal_basis', 'outcome'],
      outcomes: ['not_established', 'no_penalty'],
      stops: ['closing'],
      document: 'closing_report',
    },
    {
      action: 'serve_decision',
      from: ['decided'],
      to: null,
      roles: OFFICER,
      requires: [],
      stops: ['decision_service'],
    },
    {
      action: 'execute',
      from: ['decided'],
      to: 'executing',
      roles: OFFICER,
      requires: ['decision_served'],
    },
    {
      action: 'close',
      from: ['decided', 'executing'],
      to: 'closed',
      roles: OFFICER,
      requires: ['decision_served'],
      stops: ['*'],
    },
    ...common({
      suspendFrom: ['investigating'],
      extendFrom: ['registered', 'investigating', 'suspended', 'notified', 'hearing'],
    }),
  ];
}

const PENALTY_PAUSES: readonly PauseKind[] = [
  'suspension',
  'public_notice',
  'appraisal',
  'right_holder_identification',
];

export const PROCEDURES: readonly ProcedureDef[] = [
  {
    code: 'patent_adjudication',
    zh: '专利侵权纠纷行政裁决',
    en: 'Administrative ruling of a patent dispute',
    kind: 'adjudication',
    ipTypes: PATENTS,
    minOfficers: 3,
    pauseKinds: [
      'suspension',
      'public_notice',
      'appraisal',
      'jurisdiction_objection',
      'evidence_extension',
      'settlement',
    ],
    startsOnRegistration: ['filing'],
    sources: ['request', 'complaint', 'referral', 'trade_fair', 'ecommerce'],
    law: '《专利纠纷行政裁决和调解办法》（国家知识产权局令第81号）',
    transitions: [
      {
        action: 'file',
        from: ['registered'],
        to: 'investigating',
        roles: OFFICER,
        requires: ['panel'],
        stops: ['filing'],
        starts: ['service', 'closing'],
        document: 'filing_notice',
      },
      NOT_FILE,
      {
        action: 'serve',
        from: ['investigating'],
        to: null,
        roles: OFFICER,
        requires: [],
        stops: ['service'],
        starts: ['defence'],
      },
      {
        action: 'decide',
        from: ['investigating'],
        to: 'decided',
        roles: OFFICER,
        requires: ['panel', 'facts', 'legal_basis', 'outcome'],
        outcomes: ['ruling_infringing', 'ruling_not_infringing', 'mediation_agreement', 'withdrawn'],
        stops: ['closing', 'service', 'defence'],
        document: {
          ruling_infringing: 'ruling',
          ruling_not_infringing: 'ruling',
          mediation_agreement: 'mediation_agreement',
          withdrawn: 'closing_report',
        },
      },
      { action: 'execute', from: ['decided'], to: 'executing', roles: OFFICER, requires: [] },
      {
        action: 'close',
        from: ['decided', 'executing'],
        to: 'closed',
        roles: OFFICER,
        requires: [],
        stops: ['*'],
      },
      ...common({
        suspendFrom: ['investigating'],
        extendFrom: ['registered', 'investigating', 'suspended'],
      }),
    ],
  },
  {
    code: 'mediation',
    zh: '专利侵权纠纷调解',
    en: 'Mediation of a patent dispute',
    kind: 'mediation',
    ipTypes: PATENTS,
    minOfficers: 2,
    pauseKinds: ['suspension', 'appraisal'],
    startsOnRegistration: ['notice_service'],
    sources: ['request', 'complaint', 'referral', 'trade_fair', 'ecommerce'],
    law: '《专利纠纷行政裁决和调解办法》（国家知识产权局令第81号）',
    transitions: [
      {
        action: 'serve_notice',
        from: ['registered'],
        to: null,
        roles: OFFICER,
        requires: [],
        stops: ['notice_service'],
        starts: ['statement'],
      },
      {
        action: 'record_statement',
        from: ['registered'],
        to: null,
        roles: OFFICER,
        requires: [],
        stops: ['statement', 'notice_service'],
        starts: ['filing'],
      },
      {
        action: 'file',
        from: ['registered'],
        to: 'investigating',
        roles: OFFICER,
        requires: ['officers'],
        stops: ['filing', 'statement', 'notice_service'],
        starts: ['closing'],
        document: 'filing_notice',
      },
      NOT_FILE,
      MEDIATED_DECISION,
      CLOSE_DECIDED,
      ...common({
        suspendFrom: ['investigating'],
        extendFrom: ['investigating', 'suspended'],
      }),
    ],
  },
  {
    code: 'penalty_passing_off',
    zh: '假冒专利行政处罚',
    en: 'Penalty for passing off a patent',
    kind: 'penalty',
    ipTypes: PATENTS,
    minOfficers: 2,
    pauseKinds: ['suspension', 'public_notice', 'appraisal'],
    startsOnRegistration: ['filing'],
    sources: ALL_SOURCES,
    law: '《专利行政执法办法》（国家知识产权局令第71号）',
    transitions: penaltyTransitions(),
  },
  {
    code: 'penalty_trademark',
    zh: '商标侵权行政处罚',
    en: 'Penalty for trademark infringement',
    kind: 'penalty',
    ipTypes: ['trademark'],
    minOfficers: 2,
    pauseKinds: PENALTY_PAUSES,
    startsOnRegistration: ['filing'],
    sources: ALL_SOURCES,
    law: '《市场监督管理行政处罚程序规定》（总局令第2号）',
    transitions: penaltyTransitions(),
  },
  {
    code: 'penalty_copyright',
    zh: '著作权侵权行政处罚',
    en: 'Penalty for copyright infringement',
    kind: 'penalty',
    ipTypes: ['copyright', 'copyright_software'],
    minOfficers: 2,
    pauseKinds: ['suspension', 'public_notice', 'appraisal'],
    startsOnRegistration: ['filing'],
    sources: ALL_SOURCES,
    law: '《著作权行政处罚实施办法》（国家版权局令第6号）',
    transitions: penaltyTransitions(),
  },
  {
    code: 'penalty_plant_variety',
    zh: '植物新品种侵权行政处罚',
    en: 'Penalty for plant-variety infringement',
    kind: 'penalty',
    ipTypes: ['plant_variety'],
    minOfficers: 2,
    pauseKinds: PENALTY_PAUSES,
    startsOnRegistration: ['filing'],
    sources: ALL_SOURCES,
    law: '《植物新品种保护条例》（国务院令第807号）',
    transitions: penaltyTransitions(),
  },
  {
    code: 'fast_track',
    zh: '快速维权',
    en: 'Fast-track at a rapid-protection centre',
    kind: 'fast_track',
    ipTypes: PATENTS,
    minOfficers: 2,
    pauseKinds: ['suspension', 'appraisal'],
    startsOnRegistration: ['filing'],
    sources: ['request', 'complaint', 'trade_fair', 'ecommerce'],
    law: '知识产权快速维权中心工作规范',
    transitions: [
      {
        action: 'file',
        from: ['registered'],
        to: 'investigating',
        roles: OFFICER,
        requires: ['officers'],
        stops: ['filing'],
        starts: ['closing'],
      },
      NOT_FILE,
      MEDIATED_DECISION,
      CLOSE_DECIDED,
      ...common({
        suspendFrom: ['investigating'],
        extendFrom: ['registered', 'investigating', 'suspended'],
      }),
    ],
  },
];

export type ProcedureCode =
  | 'patent_adjudication'
  | 'mediation'
  | 'penalty_passing_off'
  | 'penalty_trademark'
  | 'penalty_copyright'
  | 'penalty_plant_variety'
  | 'fast_track';
export const PROCEDURE_CODES = PROCEDURES.map((p) => p.code) as ProcedureCode[];

export const procedureDef = (code: string): ProcedureDef | undefined =>
  PROCEDURES.find((p) => p.code === code);
