import type { Complaint } from '../../api/complaints';

/** Who the complaint is about: the respondent's name, else its shop or URL. */
export function respondentOf(
  c: Pick<Complaint, 'respondentName' | 'respondentShop' | 'respondentUrl'>,
): string {
  return c.respondentName ?? c.respondentShop ?? c.respondentUrl ?? '';
}
