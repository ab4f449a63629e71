import { AuditWriter } from '@app/audit';
import { FileStorage, UploadIntake, type UploadedFile } from '@app/cases';
import type { Actor } from '@app/contracts';
import { DomainError, failValidation, INVALID_REQUEST, isUuid, type FieldViolation } from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { CreditListingService } from './credit-listing.service';
import type { ListingAttachmentView } from './credit-views';

interface AttachmentRow {
  id: string;
  listing_id: string;
  kind: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  repair_id: string | null;
  created_at: Date;
}

const view = (a: AttachmentRow): ListingAttachmentView => ({
  id: a.id,
  kind: a.kind,
  fileName: a.file_name,
  contentType: a.content_type,
  sizeBytes: Number(a.size_bytes),
  sha256: a.sha256,
  repairId: a.repair_id,
  createdAt: new Date(a.created_at).toISOString(),
});

/**
 * Papers of a listing: the statement's attachments and the materials of a credit-repair application (the
 * application, proof of identity, the good-conduct pledge, proof of compliance — all four before a head may
 * approve it). Files are taken in like evidence (UploadIntake: type, size, sha256, scan), recorded with an audit
 * event, and downloaded by the listing's office only.
 */
@Injectable()
export class CreditAttachmentService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly listings: CreditListingService,
    private readonly intake: UploadIntake,
    private readonly storage: FileStorage,
    private readonly audit: AuditWriter,
  ) {}

  async upload(
    actor: Actor,
    listingId: string,
    kind: string,
    file: UploadedFile,
  ): Promise<ListingAttachmentView> {
    // Checked before a byte of the file is read.
    await this.txHost.withTransaction(() => this.listings.attachmentTarget(actor, listingId, kind));
    const v: FieldViolation[] = [];
    const fileName = this.intake.checkName(file.fileName, file.contentType, v);
    if (v.length) failValidation(v, INVALID_REQUEST);
    return this.intake.store(file, fileName!, (stored, scanEngine) =>
      this.txHost.withTransaction(async () => {
        const target = await this.listings.attachmentTarget(actor, listingId, kind);
        const [row] = (await this.txHost.tx.query(
          `INSERT INTO credit_attachments (listing_id, repair_id, kind, file_name, content_type, size_bytes, sha256,
                                           storage_key, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *, size_bytes::text`,
          [
            target.listingId,
            target.repairId,
            kind,
            fileName,
            file.contentType,
            stored.size,
            stored.sha256,
            stored.key,
            actor.id,
          ],
        )) as AttachmentRow[];
        await this.audit.record(actor, {
          action: 'credit.attachment_added',
          entityType: 'credit_listing',
          entityId: target.listingId,
          data: {
            listingNo: target.listingNo,
            attachmentId: row.id,
            kind,
            repairId: target.repairId,
            fileName,
            sizeBytes: stored.size,
            sha256: stored.sha256,
            scan: scanEngine,
          },
        });
        return view(row);
      }),
    );
  }

  async download(actor: Actor, listingId: string, attachmentId: string) {
    return this.txHost.withTransaction(async () => {
      const l = await this.listings.get(actor, listingId);
      const [row] = isUuid(attachmentId)
        ? ((await this.txHost.tx.query(
            `SELECT *, size_bytes::text FROM credit_attachments WHERE id = $1 AND listing_id = $2`,
            [attachmentId, l.id],
          )) as AttachmentRow[])
        : [];
      if (!row) throw new DomainError('NOT_FOUND', `Attachment ${attachmentId} not found`);
      const file = await this.storage.open(row.storage_key);
      await this.audit.record(actor, {
        action: 'credit.attachment_downloaded',
        entityType: 'credit_listing',
        entityId: l.id,
        data: { attachmentId: row.id, sha256: row.sha256 },
      });
      return { ...file, view: view(row) };
    });
  }
}
