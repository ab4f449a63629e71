import type { ReferralSummary } from '../../api/types';

/** The case of a referral in a list: its number when it has one (here or at the partner), else its title. */
export function referralCaseText(c: ReferralSummary['case']): string {
  const external = c.external as { caseNo?: unknown } | undefined;
  const partnerNo = typeof external?.caseNo === 'string' ? external.caseNo : null;
  return c.caseNo ?? partnerNo ?? c.title;
}
