import type { Labelled } from '../cases/catalog';
import type { ComplaintState } from './catalog';

/**
 * What happens to a complaint after it is received (design.md rule 1: a table, read by the service and the UI).
 * `stopsClock`: the decision meets the acceptance deadline.
 */
export interface ComplaintTransition {
  action: ComplaintAction;
  from: readonly ComplaintState[];
  to: ComplaintState;
  roles: readonly ('operator' | 'officer' | 'supervisor')[];
  requires: readonly ('office' | 'refusal_ground' | 'reason' | 'answer' | 'procedure')[];
  stopsClock: boolean;
  /** Only for complaints of these categories. */
  categories?: readonly string[];
  /** Taken through its own endpoint (it does more than change the state), not the generic action route. */
  dedicated?: boolean;
}

export const COMPLAINT_ACTIONS = [
  { code: 'triage', zh: '分办', en: 'Triage' },
  { code: 'accept', zh: '受理', en: 'Accept' },
  { code: 'refuse', zh: '不予受理', en: 'Refuse' },
  { code: 'answer', zh: '答复', en: 'Answer' },
  { code: 'convert', zh: '转立案', en: 'File as a case' },
  { code: 'merge', zh: '合并至', en: 'Merge into another complaint' },
  { code: 'close', zh: '办结', en: 'Close' },
] as const satisfies readonly (Labelled & { code: string })[];
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number]['code'];

const STAFF = ['operator', 'officer', 'supervisor'] as const;
const HANDLERS = ['officer', 'supervisor'] as const;

/**
 * A complaint goes to another office only by a referral (libs/domain/src/referrals: the receiving office accepts
 * or returns it, 不得再自行移送), never by a direct transfer: internal distribution units must not transfer on
 * their own (总局令第20号 Arts 29 & 37; domain.md §3). Triage routes a complaint that has just come in.
 */
export const COMPLAINT_TRANSITIONS: readonly ComplaintTransition[] = [
  {
    action: 'triage',
    from: ['received'],
    to: 'triaged',
    roles: STAFF,
    requires: ['office'],
    stopsClock: false,
  },
  {
    action: 'accept',
    from: ['received', 'triaged'],
    to: 'accepted',
    roles: HANDLERS,
    requires: [],
    stopsClock: true,
  },
  {
    action: 'refuse',
    from: ['received', 'triaged'],
    to: 'not_accepted',
    roles: HANDLERS,
    requires: ['refusal_ground'],
    stopsClock: true,
  },
  {
    action: 'answer',
    from: ['received', 'triaged'],
    to: 'answered',
    roles: STAFF,
    requires: ['answer'],
    stopsClock: true,
    categories: ['consultation', 'assistance'],
  },
  {
    // An accepted complaint or report becomes a case (立案); the officer chooses the procedure.
    action: 'convert',
    from: ['accepted'],
    to: 'converted',
    roles: HANDLERS,
    requires: ['procedure'],
    stopsClock: true,
    categories: ['complaint', 'report', 'assistance'],
    dedicated: true,
  },
  {
    // A duplicate joins the complaint it repeats; its complainant is kept and told.
    action: 'merge',
    from: ['received', 'triaged', 'accepted'],
    to: 'merged',
    roles: STAFF,
    requires: ['reason'],
    stopsClock: true,
    dedicated: true,
  },
  {
    // A converted complaint closes once its case is closed (checked by the service).
    action: 'close',
    from: ['accepted', 'not_accepted', 'answered', 'converted'],
    to: 'closed',
    roles: STAFF,
    requires: [],
    stopsClock: false,
  },
];

export function complaintTransition(state: string, action: string): ComplaintTransition | undefined {
  return COMPLAINT_TRANSITIONS.find((t) => t.action === action && t.from.includes(state as ComplaintState));
}
