import { AuditWriter } from '@app/audit';
import type { Actor } from '@app/contracts';
import { DomainError, isUuid } from '@app/domain';
import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { CaseService } from './case.service';
import { CaseRepository } from './case.repository';
import type { CasePartyPersonalData } from './case-views';

/**
 * The audited reveal of a case party's ID number and phone (issue 9; PIPL art. 28 and 51: sensitive personal
 * information, the minimum necessary, access by role). Case views show them masked; officers of the handling office
 * — who summon, notify and serve the parties — get them in full, and each reveal is recorded on the case's audit
 * stream (so it shows in the case's timeline). Supervisors and admins are refused: they supervise the handling, not
 * the people (a supervisor who is also an officer of the handling office is allowed as that officer). An office
 * that sees the case only through a grant (a referral) reads it masked.
 */
@Injectable()
export class CasePartyPersonalDataService {
  constructor(
    private readonly cases: CaseService,
    private readonly repository: CaseRepository,
    private readonly audit: AuditWriter,
  ) {}

  /** A GET that writes: the audit event commits before the answer is sent, or the answer is not sent. */
  @Transactional()
  async reveal(actor: Actor, caseId: string, partyId: string): Promise<CasePartyPersonalData> {
    const c = await this.cases.readable(actor, caseId);
    const party = isUuid(partyId)
      ? (await this.repository.parties(c.id)).find((p) => p.id === partyId)
      : undefined;
    if (!party) throw new DomainError('NOT_FOUND', `Party ${partyId} not found on this case`);
    if (!(actor.roles.includes('officer') && actor.officeId === c.office_id)) {
      throw new DomainError(
        'FORBIDDEN',
        '只有承办机关的执法人员可以查看当事人完整的个人信息 / Only officers of the handling office may see a party’s personal data in full',
        { caseId: c.id, partyId },
      );
    }
    const revealed = (['idNumber', 'phone'] as const).filter((k) => party[k] !== null);
    if (revealed.length) {
      await this.audit.record(actor, {
        action: 'personal_data.revealed',
        entityType: 'case',
        entityId: c.id,
        data: { subject: 'case_party', partyId: party.id, partyName: party.name, fields: revealed },
      });
    }
    return {
      caseId: c.id,
      partyId: party.id,
      name: party.name,
      idNumber: party.idNumber,
      phone: party.phone,
      revealed: [...revealed],
    };
  }
}
