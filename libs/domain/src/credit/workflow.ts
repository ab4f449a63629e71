import type { Labelled } from '../cases/catalog';
import type { ListingState } from './catalog';

export type ListingRole = 'officer' | 'supervisor' | 'system';
export type ListingRequirement =
  'served_on' | 'notice_method' | 'statement' | 'reason' | 'repair_application';

export interface ListingTransition {
  action: ListingAction;
  from: readonly ListingState[];
  to: ListingState;
  /** `system`: taken by the scheduled credit sweep only (a window that lapsed, a period that ended). */
  roles: readonly ListingRole[];
  requires: readonly ListingRequirement[];
  /** The proposer may not take this step (the four-eyes rule for listing). */
  notByProposer?: boolean;
}

export const LISTING_ACTIONS = [
  { code: 'notify', zh: '送达列入告知书', en: 'Serve the notice' },
  { code: 'record_statement', zh: '登记陈述申辩', en: 'Record the statement and defence' },
  { code: 'lapse', zh: '申辩期满', en: 'Defence window lapsed' },
  { code: 'list', zh: '审核：决定列入并公示', en: 'Review: list and publish' },
  { code: 'reject', zh: '审核：不予列入', en: 'Review: do not list' },
  { code: 'withdraw', zh: '撤回拟列入', en: 'Withdraw the proposal' },
  { code: 'expire', zh: '期满移出', en: 'Remove at the end of the period' },
  { code: 'approve_repair', zh: '批准信用修复，提前移出', en: 'Approve credit repair (remove early)' },
  { code: 'refuse_repair', zh: '不予信用修复', en: 'Refuse credit repair' },
  { code: 'revoke', zh: '撤销列入（决定被撤销或变更）', en: 'Revoke (the decision was overturned)' },
] as const satisfies readonly (Labelled & { code: string })[];
export type ListingAction = (typeof LISTING_ACTIONS)[number]['code'];

const STAFF = ['officer', 'supervisor'] as const;
const HEAD = ['supervisor'] as const;
const SYSTEM = ['system'] as const;
const BEFORE_REVIEW: ListingState[] = ['proposed', 'notified', 'defended', 'lapsed'];

/** The listing state machine (design.md rule 1: one table, read by the service, the sweep and the UI). */
export const LISTING_TRANSITIONS: readonly ListingTransition[] = [
  {
    action: 'notify',
    from: ['proposed'],
    to: 'notified',
    roles: STAFF,
    requires: ['served_on', 'notice_method'],
  },
  { action: 'record_statement', from: ['notified'], to: 'defended', roles: STAFF, requires: ['statement'] },
  { action: 'lapse', from: ['notified'], to: 'lapsed', roles: SYSTEM, requires: [] },
  {
    action: 'list',
    from: ['defended', 'lapsed'],
    to: 'published',
    roles: HEAD,
    requires: ['reason'],
    notByProposer: true,
  },
  {
    action: 'reject',
    from: ['defended', 'lapsed'],
    to: 'rejected',
    roles: HEAD,
    requires: ['reason'],
    notByProposer: true,
  },
  { action: 'withdraw', from: BEFORE_REVIEW, to: 'withdrawn', roles: STAFF, requires: ['reason'] },
  { action: 'expire', from: ['published'], to: 'expired', roles: SYSTEM, requires: [] },
  {
    action: 'approve_repair',
    from: ['published'],
    to: 'repaired',
    roles: HEAD,
    requires: ['repair_application', 'reason'],
  },
  {
    action: 'refuse_repair',
    from: ['published'],
    to: 'published',
    roles: HEAD,
    requires: ['repair_application', 'reason'],
  },
  { action: 'revoke', from: ['published'], to: 'revoked', roles: HEAD, requires: ['reason'] },
];

export function listingTransition(state: string, action: string): ListingTransition | undefined {
  return LISTING_TRANSITIONS.find((t) => t.action === action && t.from.includes(state as ListingState));
}
