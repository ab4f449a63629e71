import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { buildCaseExportSql, buildCaseListSql, LIST_COLUMNS, type CaseListFilter } from './case-list.query';
import type {
  CaseDocumentView,
  CaseOfficerView,
  CasePartyView,
  CaseRightView,
  CaseSummary,
} from './case-views';

/** A case row as the service works with it. */
export interface CaseRow {
  id: string;
  reg_no: string;
  case_no: string | null;
  title: string;
  ip_type: string;
  procedure: string;
  source: string;
  status: string;
  outcome: string | null;
  office_id: string;
  office_name: string;
  office_prefix: string;
  region_code: string;
  region_name: string;
  summary: string;
  value_fen: string | null;
  illegal_gains_fen: string | null;
  fine_fen: string | null;
  confiscated_fen: string | null;
  major: boolean;
  supervised: boolean;
  repeat_infringer: boolean;
  online: boolean;
  received_on: string;
  filed_on: string | null;
  decided_on: string | null;
  closed_on: string | null;
  next_due_at: Date | null;
  next_due_key: string | null;
  version: number;
  updated_at: Date;
  /** Detail only: the 12330 complaint the case was filed from. */
  complaint_id?: string | null;
  complaint_tracking_no?: string | null;
}

export interface NewCase {
  title: string;
  ipType: string;
  procedure: string;
  source: string;
  status: string;
  officeId: string;
  regionCode: string;
  provinceCode: string;
  cityCode: string | null;
  summary: string;
  valueFen: number | null;
  illegalGainsFen: number | null;
  major: boolean;
  repeatInfringer: boolean;
  online: boolean;
  receivedOn: string;
  createdBy: string;
}

export interface NewParty {
  role: string;
  kind: string;
  name: string;
  uscc: string | null;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  foreignDomicile: boolean;
}

export interface NewRight {
  numberKind: string | null;
  number: string;
  title: string;
  holder: string;
}

const DETAIL_COLUMNS = `${LIST_COLUMNS}, o.short_name AS office_prefix, c.summary, c.value_fen::text,
  c.illegal_gains_fen::text, c.confiscated_fen::text, c.decided_on::text, c.complaint_id,
  (SELECT k.tracking_no FROM complaints k WHERE k.id = c.complaint_id) AS complaint_tracking_no`;

const num = (v: string | null) => (v === null ? null : Number(v));

export function toSummary(r: CaseRow): CaseSummary {
  return {
    id: r.id,
    regNo: r.reg_no,
    caseNo: r.case_no,
    title: r.title,
    ipType: r.ip_type,
    procedure: r.procedure,
    source: r.source,
    status: r.status,
    outcome: r.outcome,
    officeId: r.office_id,
    officeName: r.office_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    receivedOn: r.received_on,
    filedOn: r.filed_on,
    closedOn: r.closed_on,
    nextDueAt: r.next_due_at ? new Date(r.next_due_at).toISOString() : null,
    nextDueKey: r.next_due_key,
    major: r.major,
    supervised: r.supervised,
    repeatInfringer: r.repeat_infringer,
    online: r.online,
    fineFen: num(r.fine_fen),
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export const amountOf = num;

/** Reads and writes of cases and their child rows; every method joins the ambient transaction. */
@Injectable()
export class CaseRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly dataSource: DataSource,
  ) {}

  private q<T = unknown>(sql: string, params: unknown[] = []): Promise<T> {
    return this.txHost.tx.query(sql, params) as Promise<T>;
  }

  async list(filter: CaseListFilter): Promise<{ items: CaseSummary[]; total: number; totalExact: boolean }> {
    const { listSql, listParams, countSql, countParams, countCap } = buildCaseListSql(filter);
    const [rows, count] = await Promise.all([
      this.q<CaseRow[]>(listSql, listParams),
      this.q<{ n: number }[]>(countSql, countParams),
    ]);
    return { items: rows.map(toSummary), total: count[0].n, totalExact: count[0].n <= countCap };
  }

  /**
   * Every case of the filter, newest received first, in keyset batches on the application's connection (an export
   * streams after the request's context has ended), so memory holds one batch however many rows there are.
   */
  async *exportRows(filter: CaseListFilter, batchSize = 2000): AsyncGenerator<CaseSummary[]> {
    let after: { receivedOn: string; id: string } | null = null;
    for (;;) {
      const { sql, params } = buildCaseExportSql(filter, after, batchSize);
      const rows = (await this.dataSource.query(sql, params)) as CaseRow[];
      if (!rows.length) return;
      yield rows.map(toSummary);
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1];
      after = { receivedOn: String(last.received_on), id: String(last.id) };
    }
  }

  async find(id: string, lock = false): Promise<CaseRow | null> {
    const rows = await this.q<CaseRow[]>(
      `SELECT ${DETAIL_COLUMNS}
         FROM cases c JOIN offices o ON o.id = c.office_id JOIN regions r ON r.code = c.region_code
        WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insert(c: NewCase): Promise<string> {
    const rows = await this.q<{ id: string }[]>(
      `INSERT INTO cases (title, ip_type, procedure, source, status, office_id, region_code, province_code, city_code,
                          summary, value_fen, illegal_gains_fen, major, repeat_infringer, online, received_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [
        c.title,
        c.ipType,
        c.procedure,
        c.source,
        c.status,
        c.officeId,
        c.regionCode,
        c.provinceCode,
        c.cityCode,
        c.summary,
        c.valueFen,
        c.illegalGainsFen,
        c.major,
        c.repeatInfringer,
        c.online,
        c.receivedOn,
        c.createdBy,
      ],
    );
    return rows[0].id;
  }

  /** Sets columns and bumps the version. Column names come from the service, never from input. */
  async update(id: string, set: Record<string, unknown>): Promise<void> {
    const keys = Object.keys(set);
    const assignments = keys.map((k, i) => `${k} = $${i + 2}`);
    await this.q(
      `UPDATE cases SET ${[...assignments, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
      [id, ...keys.map((k) => set[k])],
    );
  }

  /** Rebuilds the free-text column from the case number, title, parties and rights. */
  async refreshSearchText(id: string): Promise<void> {
    await this.q(
      `UPDATE cases c SET search_text = concat_ws(' ', c.case_no, 'DJ' || c.reg_no, c.title,
          (SELECT string_agg(concat_ws(' ', p.name, p.uscc), ' ' ORDER BY p.created_at, p.id)
             FROM case_parties p WHERE p.case_id = c.id),
          (SELECT string_agg(r.number, ' ' ORDER BY r.created_at, r.id) FROM case_rights r WHERE r.case_id = c.id))
        WHERE c.id = $1`,
      [id],
    );
  }

  /** The next gap-free number of `kind` for the office and year (locks the counter row until commit). */
  async nextNumber(officeId: string, year: number, kind: string): Promise<number> {
    const rows = await this.q<{ last: number }[]>(
      `INSERT INTO number_counters (office_id, year, kind, last) VALUES ($1, $2, $3, 1)
       ON CONFLICT (office_id, year, kind) DO UPDATE SET last = number_counters.last + 1
       RETURNING last`,
      [officeId, year, kind],
    );
    return rows[0].last;
  }

  /**
   * Officers, parties, rights, documents and the evidence count of a case in one round trip (the detail view is read
   * after every command, so its cost is every command's cost).
   */
  async children(caseId: string): Promise<{
    officers: CaseOfficerView[];
    parties: CasePartyView[];
    rights: CaseRightView[];
    documents: (CaseDocumentView & { storageKey: string })[];
    evidenceCount: number;
  }> {
    const [row] = await this.q<
      {
        officers: CaseOfficerView[];
        parties: CasePartyView[];
        rights: CaseRightView[];
        documents: (CaseDocumentView & { storageKey: string })[];
        evidence_count: number;
      }[]
    >(
      `SELECT
         (SELECT coalesce(json_agg(json_build_object('userId', co.user_id, 'username', u.username,
                   'displayName', u.display_name, 'lead', co.lead)
                   ORDER BY co.lead DESC, co.assigned_at, u.username), '[]')
            FROM case_officers co JOIN users u ON u.id = co.user_id WHERE co.case_id = $1) AS officers,
         (SELECT coalesce(json_agg(json_build_object('id', p.id, 'role', p.role, 'kind', p.kind, 'name', p.name,
                   'uscc', p.uscc, 'idNumber', p.id_number, 'phone', p.phone, 'address', p.address,
                   'foreignDomicile', p.foreign_domicile) ORDER BY p.created_at, p.id), '[]')
            FROM case_parties p WHERE p.case_id = $1) AS parties,
         (SELECT coalesce(json_agg(json_build_object('id', r.id, 'numberKind', r.number_kind, 'number', r.number,
                   'title', r.title, 'holder', r.holder) ORDER BY r.created_at, r.id), '[]')
            FROM case_rights r WHERE r.case_id = $1) AS rights,
         (SELECT coalesce(json_agg(json_build_object('id', d.id, 'kind', d.kind, 'docNo', d.doc_no,
                   'action', d.action, 'fileName', d.file_name, 'contentType', d.content_type,
                   'sizeBytes', d.size_bytes, 'sha256', d.sha256, 'storageKey', d.storage_key,
                   'createdAt', to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                   ORDER BY d.created_at, d.id), '[]')
            FROM case_documents d WHERE d.case_id = $1) AS documents,
         (SELECT count(*)::int FROM case_evidence e WHERE e.case_id = $1) AS evidence_count`,
      [caseId],
    );
    return {
      officers: row.officers,
      parties: row.parties,
      rights: row.rights,
      documents: row.documents,
      evidenceCount: row.evidence_count,
    };
  }

  async officers(caseId: string): Promise<CaseOfficerView[]> {
    const rows = await this.q<{ user_id: string; username: string; display_name: string; lead: boolean }[]>(
      `SELECT co.user_id, u.username, u.display_name, co.lead FROM case_officers co JOIN users u ON u.id = co.user_id
        WHERE co.case_id = $1 ORDER BY co.lead DESC, co.assigned_at, u.username`,
      [caseId],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      lead: r.lead,
    }));
  }

  /** Replaces the officer list; returns the users newly assigned. */
  async setOfficers(caseId: string, userIds: string[], leadId: string | null): Promise<string[]> {
    const before = new Set((await this.officers(caseId)).map((o) => o.userId));
    await this.q(`DELETE FROM case_officers WHERE case_id = $1 AND NOT (user_id = ANY($2::uuid[]))`, [
      caseId,
      userIds,
    ]);
    await this.q(
      `INSERT INTO case_officers (case_id, user_id, lead)
       SELECT $1, u, u = $3::uuid FROM unnest($2::uuid[]) u
       ON CONFLICT (case_id, user_id) DO UPDATE SET lead = EXCLUDED.lead`,
      [caseId, userIds, leadId],
    );
    return userIds.filter((u) => !before.has(u));
  }

  /** Every active officer or supervisor of the office, by name. */
  async assignable(officeId: string): Promise<{ userId: string; username: string; displayName: string }[]> {
    const rows = await this.q<{ id: string; username: string; display_name: string }[]>(
      `SELECT id, username, display_name FROM users
        WHERE office_id = $1 AND active AND roles && ARRAY['officer','supervisor']::text[]
        ORDER BY display_name, username`,
      [officeId],
    );
    return rows.map((r) => ({ userId: r.id, username: r.username, displayName: r.display_name }));
  }

  /** Active users of the office with an officer or supervisor role, among `ids`. */
  async eligibleOfficers(officeId: string, ids: string[]): Promise<{ id: string; display_name: string }[]> {
    return this.q(
      `SELECT id, display_name FROM users
        WHERE id = ANY($1::uuid[]) AND office_id = $2 AND active AND roles && ARRAY['officer','supervisor']::text[]`,
      [ids, officeId],
    );
  }

  async parties(caseId: string): Promise<CasePartyView[]> {
    const rows = await this.q<
      {
        id: string;
        role: string;
        kind: string;
        name: string;
        uscc: string | null;
        id_number: string | null;
        phone: string | null;
        address: string | null;
        foreign_domicile: boolean;
      }[]
    >(
      `SELECT id, role, kind, name, uscc, id_number, phone, address, foreign_domicile FROM case_parties
        WHERE case_id = $1 ORDER BY created_at, id`,
      [caseId],
    );
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      kind: r.kind,
      name: r.name,
      uscc: r.uscc,
      idNumber: r.id_number,
      phone: r.phone,
      address: r.address,
      foreignDomicile: r.foreign_domicile,
    }));
  }

  async insertParty(caseId: string, p: NewParty): Promise<string> {
    const rows = await this.q<{ id: string }[]>(
      `INSERT INTO case_parties (case_id, role, kind, name, uscc, id_number, phone, address, foreign_domicile)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [caseId, p.role, p.kind, p.name, p.uscc, p.idNumber, p.phone, p.address, p.foreignDomicile],
    );
    return rows[0].id;
  }

  async deleteParty(caseId: string, partyId: string): Promise<boolean> {
    const [, count] = await this.q<[unknown, number]>(
      `DELETE FROM case_parties WHERE case_id = $1 AND id = $2`,
      [caseId, partyId],
    );
    return count > 0;
  }

  async rights(caseId: string): Promise<CaseRightView[]> {
    const rows = await this.q<
      { id: string; number_kind: string | null; number: string; title: string; holder: string }[]
    >(
      `SELECT id, number_kind, number, title, holder FROM case_rights WHERE case_id = $1 ORDER BY created_at, id`,
      [caseId],
    );
    return rows.map((r) => ({
      id: r.id,
      numberKind: r.number_kind,
      number: r.number,
      title: r.title,
      holder: r.holder,
    }));
  }

  async insertRight(caseId: string, r: NewRight): Promise<string> {
    const rows = await this.q<{ id: string }[]>(
      `INSERT INTO case_rights (case_id, number_kind, number, title, holder) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [caseId, r.numberKind, r.number, r.title, r.holder],
    );
    return rows[0].id;
  }

  async deleteRight(caseId: string, rightId: string): Promise<boolean> {
    const [, count] = await this.q<[unknown, number]>(
      `DELETE FROM case_rights WHERE case_id = $1 AND id = $2`,
      [caseId, rightId],
    );
    return count > 0;
  }

  async insertNote(caseId: string, authorId: string, body: string): Promise<string> {
    const rows = await this.q<{ id: string }[]>(
      `INSERT INTO case_notes (case_id, author_id, body) VALUES ($1, $2, $3) RETURNING id::text`,
      [caseId, authorId, body],
    );
    return rows[0].id;
  }

  async documents(caseId: string): Promise<(CaseDocumentView & { storageKey: string })[]> {
    const rows = await this.q<
      {
        id: string;
        kind: string;
        doc_no: string;
        action: string;
        file_name: string;
        content_type: string;
        size_bytes: string;
        sha256: string;
        storage_key: string;
        created_at: Date;
      }[]
    >(
      `SELECT id, kind, doc_no, action, file_name, content_type, size_bytes::text, sha256, storage_key, created_at
         FROM case_documents WHERE case_id = $1 ORDER BY created_at, id`,
      [caseId],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      docNo: r.doc_no,
      action: r.action,
      fileName: r.file_name,
      contentType: r.content_type,
      sizeBytes: Number(r.size_bytes),
      sha256: r.sha256,
      storageKey: r.storage_key,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  async evidenceCount(caseId: string): Promise<number> {
    const rows = await this.q<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM case_evidence WHERE case_id = $1`,
      [caseId],
    );
    return rows[0].n;
  }

  /** Whether any respondent is domiciled outside China (30-day defence period, Decree 81 Art 22). */
  async hasForeignRespondent(caseId: string): Promise<boolean> {
    const rows = await this.q<{ f: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM case_parties WHERE case_id = $1 AND role = 'respondent' AND foreign_domicile) AS f`,
      [caseId],
    );
    return rows[0].f;
  }
}
