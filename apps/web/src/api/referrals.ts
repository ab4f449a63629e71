/**
 * 移送协作: referrals between offices — of a case (jurisdiction transfer, assistance, joint action, criminal
 * transfer) or of a complaint (jurisdiction transfer, assistance) — the journey of a case between offices, and joint
 * supervision (督办) of a case by a higher level. Every referral step sends the `version` it read; the server
 * answers 409 STALE_VERSION when the referral changed since.
 */
import { http } from './http';
import type {
  CaseTravel,
  CreateReferralRequest,
  EndSupervisionRequest,
  JurisdictionSuggestions,
  ReferralActionRequest,
  ReferralCatalog,
  ReferralDetail,
  ReferralListQuery,
  ReferralPage,
  ReferralSummary,
  StartSupervisionRequest,
  Supervision,
  SupervisionReportRequest,
} from './types';

const seg = encodeURIComponent;

let catalogPromise: Promise<ReferralCatalog> | null = null;

export const referralsApi = {
  /** Incoming or outgoing referrals of the reader's office, overdue first, with the open and overdue counts. */
  list: (query: ReferralListQuery, signal?: AbortSignal) =>
    http.get<ReferralPage>('/referrals', { ...query }, signal),
  /** Kinds, states, actions, clocks, the transition table and the time limits. Static: fetched once and shared. */
  catalog: (): Promise<ReferralCatalog> => {
    if (!catalogPromise) {
      catalogPromise = http.get<ReferralCatalog>('/referrals/catalog').catch((error: unknown) => {
        catalogPromise = null; // try again on the next call
        throw error;
      });
    }
    return catalogPromise;
  },
  get: (id: string, signal?: AbortSignal) =>
    http.get<ReferralDetail>(`/referrals/${seg(id)}`, undefined, signal),
  /** A step of the referral (one of the detail's `actions`); answers with the fresh referral. */
  act: (id: string, action: string, body: ReferralActionRequest) =>
    http.post<ReferralDetail>(`/referrals/${seg(id)}/actions/${seg(action)}`, body),
  /** Refer a case (a joint action creates one referral per office and answers with the first). */
  create: (caseId: string, body: CreateReferralRequest) =>
    http.post<ReferralDetail>(`/cases/${seg(caseId)}/referrals`, body),
  forCase: (caseId: string, signal?: AbortSignal) =>
    http.get<ReferralSummary[]>(`/cases/${seg(caseId)}/referrals`, undefined, signal),
  /** The offices with jurisdiction over the case by the rule of its IP type (the handling office marked). */
  suggestions: (caseId: string, signal?: AbortSignal) =>
    http.get<JurisdictionSuggestions>(`/cases/${seg(caseId)}/referrals/suggestions`, undefined, signal),
  /**
   * Refer a complaint: a jurisdiction transfer (while it is undecided) or an assistance request (until it is
   * decided or filed); no evidence or county is sent for a complaint.
   */
  createForComplaint: (complaintId: string, body: CreateReferralRequest) =>
    http.post<ReferralDetail>(`/complaints/${seg(complaintId)}/referrals`, body),
  forComplaint: (complaintId: string, signal?: AbortSignal) =>
    http.get<ReferralSummary[]>(`/complaints/${seg(complaintId)}/referrals`, undefined, signal),
  /** The offices with jurisdiction over the complaint by the rule of its IP type (the handling office marked). */
  complaintSuggestions: (complaintId: string, signal?: AbortSignal) =>
    http.get<JurisdictionSuggestions>(
      `/complaints/${seg(complaintId)}/referrals/suggestions`,
      undefined,
      signal,
    ),
  /** Where the case has been handled, with its number at each office. */
  travel: (caseId: string, signal?: AbortSignal) =>
    http.get<CaseTravel>(`/cases/${seg(caseId)}/travel`, undefined, signal),
};

export const supervisionApi = {
  /** The case's active (or latest) supervision; 404 when it never was supervised. */
  get: (caseId: string, signal?: AbortSignal) =>
    http.get<Supervision>(`/cases/${seg(caseId)}/supervision`, undefined, signal),
  /** A supervisor above the handling office (the server decides; 403 otherwise). */
  start: (caseId: string, body: StartSupervisionRequest) =>
    http.post<Supervision>(`/cases/${seg(caseId)}/supervision`, body),
  /** A progress report of the handling office; the next one falls due. */
  report: (caseId: string, body: SupervisionReportRequest) =>
    http.post<Supervision>(`/cases/${seg(caseId)}/supervision/reports`, body),
  end: (caseId: string, body: EndSupervisionRequest) =>
    http.post<Supervision>(`/cases/${seg(caseId)}/supervision/end`, body),
};
