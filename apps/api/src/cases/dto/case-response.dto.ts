import type {
  CasePartyPersonalData,
  AvailableAction,
  CaseDeadlineView,
  CaseDetail,
  CaseDocumentView,
  CaseOfficerView,
  CasePartyView,
  CasePauseView,
  CaseRightView,
  CaseSummary,
  EvidenceView,
  ExtensionView,
  TimelineEntry,
} from '@app/cases';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BilingualDto } from '../../http/code-label.dto';

export class CaseSummaryDto implements CaseSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'registration number (shown as DJ…)' }) regNo: string;
  @ApiProperty({ type: String, nullable: true, example: '杭知执〔2026〕12号' }) caseNo: string | null;
  @ApiProperty() title: string;
  @ApiProperty() ipType: string;
  @ApiProperty() procedure: string;
  @ApiProperty() source: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: String, nullable: true }) outcome: string | null;
  @ApiProperty({ format: 'uuid' }) officeId: string;
  @ApiProperty() officeName: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() regionName: string;
  @ApiProperty({ format: 'date' }) receivedOn: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) filedOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) closedOn: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextDueAt: string | null;
  @ApiProperty({ type: String, nullable: true }) nextDueKey: string | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'working days to nextDueAt (lists only)',
  })
  workingDaysLeft?: number | null;
  @ApiProperty() major: boolean;
  @ApiProperty({ description: 'Under joint supervision (督办) by a higher region' }) supervised: boolean;
  @ApiProperty() repeatInfringer: boolean;
  @ApiProperty() online: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'fen' }) fineFen: number | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items: CaseSummaryDto[];
  @ApiProperty({ description: 'exact when totalExact; otherwise "more than total - 1"' }) total: number;
  @ApiProperty({
    description: 'false when counting stopped early (10,000 rows; 1,000 for free-text searches)',
  })
  totalExact: boolean;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

class CaseOfficerDto implements CaseOfficerView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty() lead: boolean;
}

class CasePartyDto implements CasePartyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() role: string;
  @ApiProperty() kind: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) uscc: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'masked (110101********1234); GET /cases/{id}/parties/{partyId}/personal-data gives it in full, audited',
  })
  idNumber: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'masked (138****5678)' }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty() foreignDomicile: boolean;
}

export class CasePartyPersonalDataDto implements CasePartyPersonalData {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) partyId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, example: '11010519491231002X' }) idNumber: string | null;
  @ApiProperty({ type: String, nullable: true, example: '13800138000' }) phone: string | null;
  @ApiProperty({
    enum: ['idNumber', 'phone'],
    isArray: true,
    description: 'the fields given in full, as recorded in the audit event personal_data.revealed',
  })
  revealed: CasePartyPersonalData['revealed'];
}

class CaseRightDto implements CaseRightView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) numberKind: string | null;
  @ApiProperty() number: string;
  @ApiProperty() title: string;
  @ApiProperty() holder: string;
}

class ExtensionViewDto implements ExtensionView {
  @ApiProperty() level: string;
  @ApiProperty() amount: number;
  @ApiProperty({ enum: ['WD', 'ND', 'MONTH', 'HOUR'] }) unit: 'WD' | 'ND' | 'MONTH' | 'HOUR';
  @ApiProperty() reason: string;
  @ApiProperty() approvedBy: string;
  @ApiProperty({ format: 'date' }) approvedOn: string;
}

class RuleSourceDto {
  @ApiProperty() law: string;
  @ApiProperty() article: string;
  @ApiProperty({ enum: ['V', 'S', 'U'] }) confidence: 'V' | 'S' | 'U';
}

class CaseDeadlineDto implements CaseDeadlineView {
  @ApiProperty() id: string;
  @ApiProperty() key: string;
  @ApiProperty() ruleId: string;
  @ApiProperty({ type: BilingualDto }) label: BilingualDto;
  @ApiProperty({ enum: ['office', 'party'] }) actor: 'office' | 'party';
  @ApiProperty() amount: number;
  @ApiProperty({ enum: ['WD', 'ND', 'MONTH', 'HOUR'] }) unit: 'WD' | 'ND' | 'MONTH' | 'HOUR';
  @ApiProperty({ type: BilingualDto }) from: BilingualDto;
  @ApiProperty({ type: RuleSourceDto }) source: RuleSourceDto;
  @ApiProperty({ type: [String] }) tolledBy: string[];
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) suspendedSince: string | null;
  @ApiProperty() pausedDays: number;
  @ApiProperty({ type: [ExtensionViewDto] }) extensions: ExtensionViewDto[];
  @ApiProperty({ enum: ['open', 'met', 'cancelled'] }) status: 'open' | 'met' | 'cancelled';
  @ApiProperty({ type: String, format: 'date', nullable: true }) closedOn: string | null;
  @ApiProperty({ type: Number, nullable: true }) workingDaysLeft: number | null;
  @ApiProperty({ type: [String] }) warnings: string[];
}

class CasePauseDto implements CasePauseView {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty({ format: 'date' }) fromDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) toDate: string | null;
  @ApiProperty() reason: string;
}

export class CaseDocumentDto implements CaseDocumentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() kind: string;
  @ApiProperty() docNo: string;
  @ApiProperty() action: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class ExtendableDto {
  @ApiProperty() deadlineKey: string;
  @ApiProperty() level: string;
  @ApiProperty({ type: Number, nullable: true }) max: number | null;
  @ApiProperty({ enum: ['WD', 'ND', 'MONTH', 'HOUR'] }) unit: 'WD' | 'ND' | 'MONTH' | 'HOUR';
}

class AvailableActionDto implements AvailableAction {
  @ApiProperty() action: string;
  @ApiProperty({ type: BilingualDto }) label: BilingualDto;
  @ApiProperty({ type: String, nullable: true }) to: string | null;
  @ApiProperty({ type: [String] }) requires: string[];
  @ApiProperty({ type: [String] }) outcomes: string[];
  @ApiProperty({ type: [String] }) pauseKinds: string[];
  @ApiProperty({ type: [ExtendableDto] }) extendable: ExtendableDto[];
}

export class CaseComplaintLinkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '12330-261125-000123' }) trackingNo: string;
}

export class CaseDetailDto extends CaseSummaryDto implements CaseDetail {
  @ApiProperty() summary: string;
  @ApiProperty({ type: Number, nullable: true }) valueFen: number | null;
  @ApiProperty({ type: Number, nullable: true }) illegalGainsFen: number | null;
  @ApiProperty({ type: Number, nullable: true }) confiscatedFen: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) decidedOn: string | null;
  @ApiProperty({
    type: CaseComplaintLinkDto,
    nullable: true,
    description: 'the 12330 complaint it was filed from',
  })
  complaint: CaseComplaintLinkDto | null;
  @ApiProperty({ type: [CaseOfficerDto] }) officers: CaseOfficerDto[];
  @ApiProperty({ type: [CasePartyDto] }) parties: CasePartyDto[];
  @ApiProperty({ type: [CaseRightDto] }) rights: CaseRightDto[];
  @ApiProperty({ type: [CaseDeadlineDto] }) deadlines: CaseDeadlineDto[];
  @ApiProperty({ type: [CasePauseDto] }) pauses: CasePauseDto[];
  @ApiProperty({ type: [CaseDocumentDto] }) documents: CaseDocumentDto[];
  @ApiProperty() evidenceCount: number;
  @ApiProperty({ description: 'the caller may edit, add evidence and notes' }) canAct: boolean;
  @ApiProperty({ type: [AvailableActionDto], description: 'actions the caller may take now' })
  actions: AvailableActionDto[];
}

export class EvidenceDto implements EvidenceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() kind: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() collectedBy: string;
  @ApiProperty({ format: 'date-time' }) collectedAt: string;
  @ApiProperty() collectedPlace: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy: string;
  @ApiProperty() uploadedByName: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class EvidenceVerifyDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() sha256: string;
  @ApiProperty() actual: string;
}

export class TimelineEntryDto implements TimelineEntry {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ enum: ['event', 'notification'] }) kind: 'event' | 'notification';
  @ApiProperty() action: string;
  @ApiProperty({ type: String, nullable: true }) actor: string | null;
  @ApiProperty({ type: BilingualDto }) summary: BilingualDto;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
}

export class NoteCreatedDto {
  @ApiProperty() id: string;
}

export class AssignableOfficerDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
}
