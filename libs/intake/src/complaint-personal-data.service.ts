import { AuditWriter } from '@app/audit';
import type { Actor } from '@app/contracts';
import { DomainError } from '@app/domain';
import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { ComplaintStore } from './complaint-store';
import { handles, toComplaintView, type ComplainantPersonalData } from './complaint-view';

/** The complainant's unmasked contact data, and which of its fields were given (and audited). */
export interface ComplainantPersonalDataView extends ComplainantPersonalData {
  complaintId: string;
  trackingNo: string;
  revealed: (keyof ComplainantPersonalData)[];
}

/**
 * The audited reveal of a complainant's phone, ID number and e-mail (issue 9; PIPL art. 28 and 51: sensitive
 * personal information, the minimum necessary, access by role). Staff views show them masked; this gives them in
 * full to those whose work needs them, and records each reveal on the complaint's audit stream:
 *
 * - operators (12330) whose region scope holds the complaint — they call complainants back and tell them outcomes;
 * - officers of the handling office, or whoever took the complaint — they handle it;
 * - supervisors and admins never: they supervise figures and procedure, not people (a supervisor who also handles
 *   cases as an officer of the handling office is allowed as that officer);
 * - a confidential complaint (总局令第20号 Art 33) only to its handling office and whoever took it, whatever the role;
 * - seeing a complaint only through a referral grant is read-only and reveals nothing.
 */
@Injectable()
export class ComplaintPersonalDataService {
  constructor(
    private readonly store: ComplaintStore,
    private readonly audit: AuditWriter,
  ) {}

  /** A GET that writes: the audit event commits before the answer is sent, or the answer is not sent. */
  @Transactional()
  async reveal(actor: Actor, id: string): Promise<ComplainantPersonalDataView> {
    const row = await this.store.row(id);
    if (!row) throw new DomainError('NOT_FOUND', `Complaint ${id} not found`);
    this.store.assertVisible(actor, row);
    const handler = handles(actor, row);
    const allowed =
      (actor.roles.includes('operator') && (!row.confidential || handler)) ||
      (actor.roles.includes('officer') && handler);
    if (!allowed) {
      throw new DomainError(
        'FORBIDDEN',
        row.confidential
          ? '保密投诉人的身份信息只对承办机关和受理人员显示 / A confidential complainant’s identity is shown only to the handling office and whoever took the complaint'
          : '只有接线员和承办机关的执法人员可以查看完整的个人信息 / Only operators and officers of the handling office may see personal data in full',
        { complaintId: id },
      );
    }
    const view = toComplaintView(row);
    const data: ComplainantPersonalData = {
      complainantPhone: view.complainantPhone,
      complainantIdNumber: view.complainantIdNumber,
      complainantEmail: view.complainantEmail,
    };
    const revealed = (Object.keys(data) as (keyof ComplainantPersonalData)[]).filter((k) => data[k] !== null);
    if (revealed.length) {
      await this.audit.record(actor, {
        action: 'personal_data.revealed',
        entityType: 'complaint',
        entityId: view.id,
        data: { subject: 'complainant', trackingNo: view.trackingNo, fields: revealed },
      });
    }
    return { complaintId: view.id, trackingNo: view.trackingNo, ...data, revealed };
  }
}
