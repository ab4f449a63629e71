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
  requires: readonly ('office' | 'refusal_ground' | 'reason' | 'answer' | 'target_office')[];
  stopsClock: boolean;
  /** Only for complaints of these categories. */
  categories?: readonly string[];
}

export const COMPLAINT_ACTIONS = [
  { code: 'triage', zh: '分办', en: 'Triage' },
  { code: 'transfer', zh: '转交其他机关', en: 'Transfer to another office' },
  { code: 'accept', zh: '受理', en: 'Accept' },
  { code: 'refuse', zh: '不予受理', en: 'Refuse' },
  { code: 'answer', zh: '答复', en: 'Answer' },
  { code: 'close', zh: '办结', en: 'Close' },
] as const satisfies readonly (Labelled & { code: string })[];
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number]['code'];

const STAFF = ['operator', 'officer', 'supervisor'] as const;
const HANDLERS = ['officer', 'supervisor'] as const;

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
    action: 'transfer',
    from: ['received', 'triaged'],
    to: 'triaged',
    roles: STAFF,
    requires: ['target_office', 'reason'],
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
    action: 'close',
    from: ['accepted', 'not_accepted', 'answered'],
    to: 'closed',
    roles: STAFF,
    requires: [],
    stopsClock: false,
  },
];

export function complaintTransition(state: string, action: string): ComplaintTransition | undefined {
  return COMPLAINT_TRANSITIONS.find((t) => t.action === action && t.from.includes(state as ComplaintState));
}
