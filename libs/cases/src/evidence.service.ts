import { AuditWriter } from '@app/audit';
import { AppConfig } from '@app/config';
import type { Actor } from '@app/contracts';
import { DomainError, EVIDENCE_KIND_CODES, type FieldViolation } from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { CaseGrant } from './case-hooks';
import { CaseService } from './case.service';
import type { EvidenceView } from './case-views';
import { FileStorage } from './storage/file-storage';
import { UploadIntake } from './storage/upload-intake';

export interface EvidenceMeta {
  kind?: string;
  title?: string;
  description?: string;
  collectedBy?: string;
  collectedAt?: string;
  collectedPlace?: string;
}

export interface EvidenceFile {
  fileName: string;
  contentType: string;
  stream: Readable;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const COLUMNS = `e.id, e.case_id, e.kind, e.title, e.description, e.file_name, e.content_type, e.size_bytes::text,
  e.sha256, e.storage_key, e.collected_by, e.collected_at, e.collected_place, e.uploaded_by, u.display_name AS uploader,
  e.created_at`;

interface EvidenceRow {
  id: string;
  case_id: string;
  kind: string;
  title: string;
  description: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  collected_by: string;
  collected_at: Date;
  collected_place: string;
  uploaded_by: string;
  uploader: string;
  created_at: Date;
}

const toView = (r: EvidenceRow): EvidenceView => ({
  id: r.id,
  caseId: r.case_id,
  kind: r.kind,
  title: r.title,
  description: r.description,
  fileName: r.file_name,
  contentType: r.content_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  collectedBy: r.collected_by,
  collectedAt: new Date(r.collected_at).toISOString(),
  collectedPlace: r.collected_place,
  uploadedBy: r.uploaded_by,
  uploadedByName: r.uploader,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Evidence files of a case: streamed to disk while hashed (sha256), limited in size and type, scanned, and recorded
 * with who collected it, when and where. Upload, download and integrity checks are chain-of-custody events in the
 * case's audit stream. Nothing is written for a rejected upload: the file is removed unless its row commits.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cases: CaseService,
    private readonly storage: FileStorage,
    private readonly audit: AuditWriter,
    private readonly config: AppConfig,
    private readonly intake: UploadIntake,
  ) {}

  /** Checks access and the metadata before a byte of the file is read. */
  async prepare(actor: Actor, caseId: string, meta: EvidenceMeta, fileName: string, contentType: string) {
    const c = await this.cases.readable(actor, caseId);
    if (!this.cases.canAct(actor, c)) {
      throw new DomainError('FORBIDDEN', 'Only officers of the handling office may add evidence');
    }
    if (c.status === 'archived') {
      throw new DomainError('INVALID_TRANSITION', '案件已归档，不能再添加证据 / The case is archived');
    }
    const v: FieldViolation[] = [];
    if (!EVIDENCE_KIND_CODES.includes(meta.kind as never)) {
      v.push({
        field: 'kind',
        code: 'INVALID',
        message: `kind must be one of ${EVIDENCE_KIND_CODES.join(', ')}`,
        messageZh: '证据种类无效',
      });
    }
    const title = meta.title?.trim() ?? '';
    if (!title || title.length > 200)
      v.push({
        field: 'title',
        code: 'REQUIRED',
        message: 'Give a title (1–200 characters)',
        messageZh: '请填写证据名称（1–200字）',
      });
    const collectedBy = meta.collectedBy?.trim() ?? '';
    if (!collectedBy || collectedBy.length > 100)
      v.push({
        field: 'collectedBy',
        code: 'REQUIRED',
        message: 'Say who collected it',
        messageZh: '请填写取证人',
      });
    const collectedAt = meta.collectedAt ? new Date(meta.collectedAt) : null;
    if (!collectedAt || Number.isNaN(collectedAt.getTime()) || collectedAt.getTime() > Date.now() + 60_000) {
      v.push({
        field: 'collectedAt',
        code: 'INVALID',
        message: 'Give when it was collected (ISO date-time, not in the future)',
        messageZh: '请填写取证时间（不能晚于现在）',
      });
    }
    const name = this.intake.checkName(fileName, contentType, v);
    if ((meta.description ?? '').length > 2000)
      v.push({
        field: 'description',
        code: 'TOO_LONG',
        message: 'Description is at most 2000 characters',
        messageZh: '说明不超过2000字',
      });
    if ((meta.collectedPlace ?? '').length > 200)
      v.push({
        field: 'collectedPlace',
        code: 'TOO_LONG',
        message: 'Place is at most 200 characters',
        messageZh: '取证地点不超过200字',
      });
    if (v.length) {
      throw new DomainError('VALIDATION_FAILED', v.map((x) => x.message).join('; '), { errors: v });
    }
    return { title, collectedBy, collectedAt: collectedAt!, fileName: name! };
  }

  async upload(actor: Actor, caseId: string, meta: EvidenceMeta, file: EvidenceFile): Promise<EvidenceView> {
    const ok = await this.prepare(actor, caseId, meta, file.fileName, file.contentType);
    return this.intake.store(file, ok.fileName, (stored, scanEngine) =>
      this.txHost.withTransaction(async () => {
        const c = await this.cases.readable(actor, caseId, true);
        const rows = (await this.txHost.tx.query(
          `INSERT INTO case_evidence (case_id, kind, title, description, file_name, content_type, size_bytes, sha256,
                                      storage_key, collected_by, collected_at, collected_place, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
          [
            c.id,
            meta.kind,
            ok.title,
            meta.description?.trim() ?? '',
            ok.fileName,
            file.contentType,
            stored.size,
            stored.sha256,
            stored.key,
            ok.collectedBy,
            ok.collectedAt,
            meta.collectedPlace?.trim() ?? '',
            actor.id,
          ],
        )) as { id: string }[];
        await this.audit.record(actor, {
          action: 'case.evidence_added',
          entityType: 'case',
          entityId: c.id,
          data: {
            evidenceId: rows[0].id,
            kind: meta.kind,
            title: ok.title,
            fileName: ok.fileName,
            sizeBytes: stored.size,
            sha256: stored.sha256,
            collectedBy: ok.collectedBy,
            collectedAt: ok.collectedAt.toISOString(),
            scan: scanEngine,
          },
        });
        return toView(await this.row(c.id, rows[0].id));
      }),
    );
  }

  /** The case's evidence; for a reader by grant (a referral), only the items selected for it. */
  async list(actor: Actor, caseId: string): Promise<EvidenceView[]> {
    const { c, grant } = await this.cases.readAccess(actor, caseId);
    const only = grant && grant.evidenceIds !== 'all' ? grant.evidenceIds : null;
    const rows = (await this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM case_evidence e JOIN users u ON u.id = e.uploaded_by
        WHERE e.case_id = $1 AND ($2::uuid[] IS NULL OR e.id = ANY($2::uuid[]))
        ORDER BY e.created_at, e.id`,
      [c.id, only],
    )) as EvidenceRow[];
    return rows.map(toView);
  }

  /** Opens the file for download and records who took it (chain of custody). */
  async download(actor: Actor, caseId: string, evidenceId: string) {
    return this.txHost.withTransaction(async () => {
      const { c, grant } = await this.cases.readAccess(actor, caseId);
      const row = await this.row(c.id, evidenceId, grant);
      const file = await this.storage.open(row.storage_key);
      await this.audit.record(actor, {
        action: 'case.evidence_downloaded',
        entityType: 'case',
        entityId: c.id,
        data: { evidenceId: row.id, sha256: row.sha256 },
      });
      return { ...file, view: toView(row) };
    });
  }

  /** Recomputes the stored file's sha256 and records the check. */
  async verify(
    actor: Actor,
    caseId: string,
    evidenceId: string,
  ): Promise<{ ok: boolean; sha256: string; actual: string }> {
    const { c, grant } = await this.cases.readAccess(actor, caseId);
    const row = await this.row(c.id, evidenceId, grant);
    const actual = await this.storage.sha256Of(row.storage_key).catch(() => 'missing');
    const ok = actual === row.sha256;
    await this.txHost.withTransaction(() =>
      this.audit.record(actor, {
        action: 'case.evidence_verified',
        entityType: 'case',
        entityId: c.id,
        data: { evidenceId: row.id, ok, expected: row.sha256, actual },
      }),
    );
    return { ok, sha256: row.sha256, actual };
  }

  private async row(caseId: string, id: string, grant: CaseGrant | null = null): Promise<EvidenceRow> {
    const shared = !grant || grant.evidenceIds === 'all' || grant.evidenceIds.includes(id);
    const rows =
      shared && UUID.test(id)
        ? ((await this.txHost.tx.query(
            `SELECT ${COLUMNS} FROM case_evidence e JOIN users u ON u.id = e.uploaded_by WHERE e.case_id = $1 AND e.id = $2`,
            [caseId, id],
          )) as EvidenceRow[])
        : [];
    if (!rows[0]) throw new DomainError('NOT_FOUND', `Evidence ${id} not found on this case`);
    return rows[0];
  }
}
