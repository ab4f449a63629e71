import type { Labelled } from '../cases/catalog';
import type { ReferralClock, ReferralKind, ReferralState } from './catalog';

/**
 * Who takes a referral step: the sending office, the receiving office, the police (recorded by either side from
 * the police's written notice when the police office does not use the system), or the lowest common superior
 * region's supervisors (指定管辖).
 */
export type ReferralSide = 'sender' | 'receiver' | 'police' | 'superior';

export type ReferralRequirement =
  | 'reason'
  | 'answer'
  | 'team'
  | 'suspicion_basis'
  | 'value_involved'
  | 'evidence'
  | 'designated_office'
  | 'document_date';

export interface ReferralTransition {
  action: ReferralAction;
  kinds: readonly ReferralKind[];
  from: readonly ReferralState[];
  to: ReferralState;
  side: ReferralSide;
  /** Roles within that side; 'head' steps need a supervisor (负责人). */
  roles: readonly ('officer' | 'supervisor')[];
  requires: readonly ReferralRequirement[];
  /** The clock the step starts (the previous one stops); none: no clock runs after it. */
  starts?: ReferralClock;
}

export const REFERRAL_ACTIONS = [
  { code: 'approve', zh: '批准移送', en: 'Approve the transfer' },
  { code: 'refuse', zh: '不批准移送', en: 'Refuse the transfer' },
  { code: 'send', zh: '发出', en: 'Send' },
  { code: 'withdraw', zh: '撤回', en: 'Withdraw' },
  { code: 'receive', zh: '签收', en: 'Acknowledge receipt' },
  { code: 'accept', zh: '接受', en: 'Accept' },
  { code: 'return', zh: '退回', en: 'Return' },
  { code: 'answer', zh: '回复协作事项', en: 'Answer' },
  { code: 'escalate', zh: '报请共同上级指定管辖', en: 'Escalate for designation' },
  { code: 'designate', zh: '指定管辖', en: 'Designate jurisdiction' },
  { code: 'police_file', zh: '登记公安立案', en: 'Record: police opened a case' },
  { code: 'police_refuse', zh: '登记公安不予立案', en: 'Record: police declined' },
  { code: 'request_reconsideration', zh: '提请复议', en: 'Ask for reconsideration' },
  { code: 'reconsideration_refused', zh: '登记复议维持', en: 'Record: refusal upheld' },
  { code: 'escalate_procuratorate', zh: '提请检察院立案监督', en: 'Escalate to the procuratorate' },
  { code: 'hand_over_exhibits', zh: '移交涉案物品', en: 'Hand over the exhibits' },
  { code: 'close', zh: '办结', en: 'Close' },
] as const satisfies readonly (Labelled & { code: string })[];
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number]['code'];

const STAFF = ['officer', 'supervisor'] as const;
const HEAD = ['supervisor'] as const;
const COOPERATION = ['assistance', 'joint'] as const;

/**
 * The referral state machines (design.md rule 1: a table the service and the UI read). A new referral starts in
 * `sent`, or in `proposed` for a criminal transfer (the special team's report awaits the head's approval).
 */
export const REFERRAL_TRANSITIONS: readonly ReferralTransition[] = [
  // —— criminal transfer (国务院令第310号) ——
  {
    action: 'approve',
    kinds: ['criminal'],
    from: ['proposed'],
    to: 'approved',
    side: 'sender',
    roles: HEAD,
    requires: [],
    starts: 'transfer',
  },
  {
    action: 'refuse',
    kinds: ['criminal'],
    from: ['proposed'],
    to: 'refused',
    side: 'sender',
    roles: HEAD,
    requires: ['reason'],
  },
  {
    action: 'send',
    kinds: ['criminal'],
    from: ['approved'],
    to: 'sent',
    side: 'sender',
    roles: STAFF,
    requires: [],
    starts: 'police_decision',
  },
  {
    action: 'police_file',
    kinds: ['criminal'],
    from: ['sent', 'received', 'reconsideration'],
    to: 'police_filed',
    side: 'police',
    roles: STAFF,
    requires: ['document_date'],
    starts: 'exhibits',
  },
  {
    action: 'police_refuse',
    kinds: ['criminal'],
    from: ['sent', 'received'],
    to: 'police_refused',
    side: 'police',
    roles: STAFF,
    requires: ['reason', 'document_date'],
    starts: 'reconsideration_request',
  },
  {
    action: 'request_reconsideration',
    kinds: ['criminal'],
    from: ['police_refused'],
    to: 'reconsideration',
    side: 'sender',
    roles: STAFF,
    requires: ['reason'],
    starts: 'reconsideration_decision',
  },
  {
    action: 'reconsideration_refused',
    kinds: ['criminal'],
    from: ['reconsideration'],
    to: 'reconsideration_refused',
    side: 'police',
    roles: STAFF,
    requires: ['reason', 'document_date'],
    starts: 'procuratorate',
  },
  {
    action: 'escalate_procuratorate',
    kinds: ['criminal'],
    from: ['reconsideration_refused'],
    to: 'procuratorate',
    side: 'sender',
    roles: STAFF,
    requires: ['reason'],
  },
  {
    action: 'hand_over_exhibits',
    kinds: ['criminal'],
    from: ['police_filed'],
    to: 'closed',
    side: 'sender',
    roles: STAFF,
    requires: [],
  },
  {
    // The police send the case back: no crime found (Art 13); the office goes on with the administrative case.
    action: 'return',
    kinds: ['criminal'],
    from: ['sent', 'received', 'police_refused', 'reconsideration_refused'],
    to: 'closed',
    side: 'police',
    roles: STAFF,
    requires: ['reason', 'document_date'],
  },
  {
    // The office accepts the refusal instead of asking again.
    action: 'close',
    kinds: ['criminal'],
    from: ['police_refused', 'reconsideration_refused'],
    to: 'closed',
    side: 'sender',
    roles: STAFF,
    requires: ['reason'],
  },

  // —— between enforcement offices ——
  {
    action: 'receive',
    kinds: ['jurisdiction', 'assistance', 'joint', 'criminal'],
    from: ['sent'],
    to: 'received',
    side: 'receiver',
    roles: STAFF,
    requires: [],
  },
  {
    action: 'withdraw',
    kinds: ['jurisdiction', 'assistance', 'joint'],
    from: ['sent'],
    to: 'withdrawn',
    side: 'sender',
    roles: STAFF,
    requires: ['reason'],
  },
  {
    // Jurisdiction accepted: the case moves to the receiving office.
    action: 'accept',
    kinds: ['jurisdiction'],
    from: ['sent', 'received'],
    to: 'closed',
    side: 'receiver',
    roles: STAFF,
    requires: [],
  },
  {
    action: 'accept',
    kinds: COOPERATION,
    from: ['sent', 'received'],
    to: 'accepted',
    side: 'receiver',
    roles: STAFF,
    requires: [],
    starts: 'answer',
  },
  {
    // A receiving office that disagrees returns the transfer; the offices negotiate, then escalate.
    action: 'return',
    kinds: ['jurisdiction'],
    from: ['sent', 'received'],
    to: 'returned',
    side: 'receiver',
    roles: STAFF,
    requires: ['reason'],
    starts: 'negotiation',
  },
  {
    action: 'return',
    kinds: COOPERATION,
    from: ['sent', 'received', 'accepted'],
    to: 'closed',
    side: 'receiver',
    roles: STAFF,
    requires: ['reason'],
  },
  {
    action: 'escalate',
    kinds: ['jurisdiction'],
    from: ['returned'],
    to: 'escalated',
    side: 'sender',
    roles: STAFF,
    requires: ['reason'],
    starts: 'designation',
  },
  {
    // The sender keeps the case after all (negotiation settled it).
    action: 'close',
    kinds: ['jurisdiction'],
    from: ['returned'],
    to: 'closed',
    side: 'sender',
    roles: STAFF,
    requires: ['reason'],
  },
  {
    action: 'designate',
    kinds: ['jurisdiction'],
    from: ['escalated'],
    to: 'designated',
    side: 'superior',
    roles: HEAD,
    requires: ['designated_office', 'reason'],
  },
  {
    action: 'answer',
    kinds: COOPERATION,
    from: ['accepted'],
    to: 'answered',
    side: 'receiver',
    roles: STAFF,
    requires: ['answer'],
  },
  {
    action: 'close',
    kinds: COOPERATION,
    from: ['answered'],
    to: 'closed',
    side: 'sender',
    roles: STAFF,
    requires: [],
  },
];

export function referralTransition(
  kind: string,
  state: string,
  action: string,
): ReferralTransition | undefined {
  return REFERRAL_TRANSITIONS.find(
    (t) =>
      t.action === action &&
      t.kinds.includes(kind as ReferralKind) &&
      t.from.includes(state as ReferralState),
  );
}

/** Where each kind starts, and the clock that runs from then. */
export function referralStart(kind: ReferralKind): { state: ReferralState; clock: ReferralClock } {
  return kind === 'criminal'
    ? { state: 'proposed', clock: 'approval' }
    : { state: 'sent', clock: 'response' };
}

/**
 * The lowest region containing both (the common superior that designates jurisdiction, domain.md §3): the shared
 * province, city or county; null when they are in different provinces (the national level designates).
 */
export function commonSuperiorRegion(a: string, b: string): string | null {
  if (a.slice(0, 2) !== b.slice(0, 2)) return null;
  if (a === b) return a;
  if (a.slice(0, 4) === b.slice(0, 4) && a.slice(2, 4) !== '00') return `${a.slice(0, 4)}00`;
  return `${a.slice(0, 2)}0000`;
}
