import { inOrder } from '@app/database';
import {
  DOCUMENT_KINDS,
  formatCaseNumber,
  IP_TYPES,
  procedureDef,
  type DocumentKind,
  type IsoDate,
  type Outcome,
  type PartyKind,
  type PartyRole,
} from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { CaseRepository, amountOf, type CaseRow } from '../case.repository';
import { FileStorage } from '../storage/file-storage';
import { renderCaseDocument } from './case-document.renderer';

export interface DocumentContext {
  action: string;
  issuedOn: IsoDate;
  facts?: string | null;
  legalBasis?: string | null;
  reason?: string | null;
  outcome?: string | null;
  statementDue?: IsoDate | null;
  createdBy: string;
}

export interface GeneratedDocument {
  id: string;
  docNo: string;
  kind: DocumentKind;
  sha256: string;
  storageKey: string;
}

/**
 * Generates a case document (告知书, 处罚决定书, 行政裁决书, 不予立案通知书 …) from its template with the case data,
 * numbers it gap-free per office, year and kind (e.g. 杭知执罚决〔2026〕3号), stores the DOCX and records it with the
 * case — all in the caller's transaction. If the transaction fails after the file was written, the caller removes
 * the file ({@link discard}).
 */
@Injectable()
export class CaseDocumentService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cases: CaseRepository,
    private readonly storage: FileStorage,
  ) {}

  async generate(c: CaseRow, kind: DocumentKind, ctx: DocumentContext): Promise<GeneratedDocument> {
    const def = DOCUMENT_KINDS.find((d) => d.code === kind)!;
    const year = Number(ctx.issuedOn.slice(0, 4));
    const seq = await this.cases.nextNumber(c.office_id, year, `doc:${kind}`);
    const docNo = formatCaseNumber(c.office_prefix, year, seq, def.numberWord);
    const [parties, rights, officers] = await inOrder(
      () => this.cases.parties(c.id),
      () => this.cases.rights(c.id),
      () => this.cases.officers(c.id),
    );
    const rendered = await renderCaseDocument({
      kind,
      docNo,
      officeName: c.office_name,
      caseNo: c.case_no,
      regNo: `DJ${c.reg_no}`,
      title: c.title,
      ipTypeZh: IP_TYPES.find((t) => t.code === c.ip_type)?.zh ?? c.ip_type,
      procedureZh: procedureDef(c.procedure)?.zh ?? c.procedure,
      issuedOn: ctx.issuedOn,
      receivedOn: c.received_on,
      filedOn: c.filed_on,
      parties: parties.map((p) => ({
        role: p.role as PartyRole,
        kind: p.kind as PartyKind,
        name: p.name,
        uscc: p.uscc,
        idNumber: p.idNumber,
        address: p.address,
      })),
      rights: rights.map((r) => ({ number: r.number, title: r.title, holder: r.holder })),
      officers: officers.map((o) => ({ name: o.displayName })),
      facts: ctx.facts ?? null,
      legalBasis: ctx.legalBasis ?? null,
      reason: ctx.reason ?? null,
      outcome: (ctx.outcome as Outcome | null) ?? null,
      fineFen: amountOf(c.fine_fen),
      confiscatedFen: amountOf(c.confiscated_fen),
      illegalGainsFen: amountOf(c.illegal_gains_fen),
      statementDue: ctx.statementDue ?? null,
    });
    const stored = await this.storage.putBuffer(rendered.buffer);
    try {
      const rows = (await this.txHost.tx.query(
        `INSERT INTO case_documents (case_id, kind, doc_no, action, file_name, content_type, size_bytes, sha256,
                                     storage_key, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          c.id,
          kind,
          docNo,
          ctx.action,
          rendered.fileName,
          rendered.contentType,
          stored.size,
          stored.sha256,
          stored.key,
          ctx.createdBy,
        ],
      )) as { id: string }[];
      return { id: rows[0].id, docNo, kind, sha256: stored.sha256, storageKey: stored.key };
    } catch (e) {
      await this.storage.remove(stored.key);
      throw e;
    }
  }

  /** Removes the files of documents whose transaction did not commit. */
  async discard(docs: readonly GeneratedDocument[]): Promise<void> {
    await Promise.all(docs.map((d) => this.storage.remove(d.storageKey)));
  }
}
