/**
 * 案件办理: the case API (list, detail, workflow actions, parties, rights, officers, notes, timeline, documents),
 * evidence (multipart upload, download, integrity check) and the workflow catalog. Every command sends the
 * `version` of the case it read; the server answers 409 STALE_VERSION when someone else changed the case since.
 */
import { http } from './http';
import type {
  AddPartyRequest,
  AssignableOfficer,
  AddRightRequest,
  CaseActionRequest,
  CaseDetail,
  CaseListQuery,
  CasePage,
  CasePartyPersonalData,
  CreateCaseRequest,
  Evidence,
  EvidenceUpload,
  EvidenceVerify,
  SetOfficersRequest,
  TimelineEntry,
  Workflow,
  WorkflowCatalog,
} from './types';

const seg = encodeURIComponent;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const casesApi = {
  list: (query: CaseListQuery, signal?: AbortSignal) =>
    http.get<CasePage>(
      '/cases',
      {
        ...query,
        status: query.status?.length ? query.status.join(',') : undefined,
        mine: query.mine || undefined,
        // false is a filter of its own (no office deadline has passed), so both values are sent
        overdue: query.overdue,
        major: query.major || undefined,
      },
      signal,
    ),
  /** Every case of the list's filters as a CSV or XLSX download (the server streams it; no pages). */
  exportList: (query: CaseListQuery, format: 'csv' | 'xlsx') => {
    const { page: _page, pageSize: _size, sort: _sort, ...filters } = query;
    return http.download(
      '/cases/export',
      {
        ...filters,
        format,
        status: filters.status?.length ? filters.status.join(',') : undefined,
        mine: filters.mine || undefined,
        overdue: filters.overdue,
        major: filters.major || undefined,
      },
      `cases.${format}`,
      format === 'csv' ? 'text/csv' : XLSX,
    );
  },
  /**
   * Who may be assigned to cases of `officeId` (default: the caller's office): its active officers and
   * supervisors. Open to the office's own officers and to supervisors over its region (403 otherwise).
   */
  assignableOfficers: (officeId?: string, signal?: AbortSignal) =>
    http.get<AssignableOfficer[]>('/cases/assignable-officers', { officeId }, signal),
  get: (id: string, signal?: AbortSignal) => http.get<CaseDetail>(`/cases/${seg(id)}`, undefined, signal),
  create: (body: CreateCaseRequest) => http.post<CaseDetail>('/cases', body),
  act: (id: string, action: string, body: CaseActionRequest) =>
    http.post<CaseDetail>(`/cases/${seg(id)}/actions/${seg(action)}`, body),
  setOfficers: (id: string, body: SetOfficersRequest) =>
    http.put<CaseDetail>(`/cases/${seg(id)}/officers`, body),
  addParty: (id: string, body: AddPartyRequest) => http.post<CaseDetail>(`/cases/${seg(id)}/parties`, body),
  removeParty: (id: string, partyId: string, version: number) =>
    http.delete<CaseDetail>(`/cases/${seg(id)}/parties/${seg(partyId)}`, { version }),
  /** 显示: a party's ID number and phone in full — officers of the handling office only; audited. */
  partyPersonalData: (id: string, partyId: string) =>
    http.get<CasePartyPersonalData>(`/cases/${seg(id)}/parties/${seg(partyId)}/personal-data`),
  addRight: (id: string, body: AddRightRequest) => http.post<CaseDetail>(`/cases/${seg(id)}/rights`, body),
  removeRight: (id: string, rightId: string, version: number) =>
    http.delete<CaseDetail>(`/cases/${seg(id)}/rights/${seg(rightId)}`, { version }),
  addNote: (id: string, body: string) => http.post<{ id: string }>(`/cases/${seg(id)}/notes`, { body }),
  timeline: (id: string, signal?: AbortSignal) =>
    http.get<TimelineEntry[]>(`/cases/${seg(id)}/timeline`, undefined, signal),
  downloadDocument: (id: string, documentId: string, fileName: string) =>
    http.download(`/cases/${seg(id)}/documents/${seg(documentId)}/content`, undefined, fileName, DOCX),
};

export const evidenceApi = {
  list: (caseId: string, signal?: AbortSignal) =>
    http.get<Evidence[]>(`/cases/${seg(caseId)}/evidence`, undefined, signal),
  /** The metadata fields first, the file last: the server checks them before it reads a byte of the file. */
  upload: (caseId: string, meta: EvidenceUpload, file: File) => {
    const form = new FormData();
    form.append('kind', meta.kind);
    form.append('title', meta.title);
    if (meta.description) form.append('description', meta.description);
    form.append('collectedBy', meta.collectedBy);
    form.append('collectedAt', meta.collectedAt);
    if (meta.collectedPlace) form.append('collectedPlace', meta.collectedPlace);
    form.append('file', file, file.name);
    return http.post<Evidence>(`/cases/${seg(caseId)}/evidence`, form);
  },
  download: (caseId: string, evidence: Pick<Evidence, 'id' | 'fileName'>) =>
    http.download(
      `/cases/${seg(caseId)}/evidence/${seg(evidence.id)}/content`,
      undefined,
      evidence.fileName,
      '*/*',
    ),
  verify: (caseId: string, evidenceId: string) =>
    http.post<EvidenceVerify>(`/cases/${seg(caseId)}/evidence/${seg(evidenceId)}/verify`),
};

let catalogPromise: Promise<WorkflowCatalog> | null = null;

export const workflowsApi = {
  /** The vocabularies and procedures. Static for a deployment: fetched once per page load and shared. */
  catalog: (): Promise<WorkflowCatalog> => {
    if (!catalogPromise) {
      catalogPromise = http.get<WorkflowCatalog>('/workflows').catch((error: unknown) => {
        catalogPromise = null; // try again on the next call
        throw error;
      });
    }
    return catalogPromise;
  },
  workflow: (procedure: string, signal?: AbortSignal) =>
    http.get<Workflow>(`/workflows/${seg(procedure)}`, undefined, signal),
};
