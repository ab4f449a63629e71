import { IDENTIFIER_KINDS, type IdentifierKind } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { CodeLabelDto } from '../../http/code-label.dto';

export { CodeLabelDto };

class IpTypeDto extends CodeLabelDto {
  @ApiProperty() competence: string;
  @ApiProperty({
    enum: IDENTIFIER_KINDS,
    isArray: true,
    description: 'identifier kinds a right of this type is numbered with, tried in order (none: free text)',
  })
  rightNumberKinds: IdentifierKind[];
}

class StateDto extends CodeLabelDto {
  @ApiProperty() open: boolean;
}

class ProcedureSummaryDto extends CodeLabelDto {
  @ApiProperty() kind: string;
  @ApiProperty({ type: [String] }) ipTypes: string[];
  @ApiProperty({ type: [String] }) sources: string[];
  @ApiProperty() minOfficers: number;
}

class EvidenceRulesDto {
  @ApiProperty({ description: 'largest evidence file accepted, bytes' }) maxBytes: number;
  @ApiProperty({ type: [String], description: 'accepted file extensions, lower case, without the dot' })
  extensions: string[];
}

export class WorkflowCatalogDto {
  @ApiProperty({ type: [IpTypeDto] }) ipTypes: IpTypeDto[];
  @ApiProperty({ type: [ProcedureSummaryDto] }) procedures: ProcedureSummaryDto[];
  @ApiProperty({ type: [StateDto] }) states: StateDto[];
  @ApiProperty({ type: [CodeLabelDto] }) actions: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) sources: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) outcomes: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) pauseKinds: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) approverLevels: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) evidenceKinds: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) documentKinds: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) partyRoles: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) partyKinds: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) flags: CodeLabelDto[];
  @ApiProperty({ type: [CodeLabelDto] }) deadlineKeys: CodeLabelDto[];
  @ApiProperty({ type: EvidenceRulesDto }) evidence: EvidenceRulesDto;
}

class TransitionDto {
  @ApiProperty() action: string;
  @ApiProperty({ type: [String] }) from: string[];
  @ApiProperty({ type: String, nullable: true, description: 'null: stays in the current state' }) to:
    string | null;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty({ type: [String] }) requires: string[];
  @ApiProperty({ type: [String] }) outcomes: string[];
  @ApiProperty({ type: [String] }) starts: string[];
  @ApiProperty({ type: [String], description: "'*' stops every open deadline" }) stops: string[];
  @ApiProperty({ type: String, nullable: true, enum: ['open', 'close'] }) pause: 'open' | 'close' | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    nullable: true,
    description: "document generated, by outcome ('*' for any)",
  })
  document: Record<string, string> | null;
}

class LabelDto {
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}

class SourceDto {
  @ApiProperty() law: string;
  @ApiProperty() article: string;
  @ApiProperty({ enum: ['V', 'S', 'U'] }) confidence: 'V' | 'S' | 'U';
}

class ExtensionStepDto {
  @ApiProperty() level: string;
  @ApiProperty({ type: Number, nullable: true }) max: number | null;
  @ApiProperty() unit: string;
  @ApiProperty() repeatable: boolean;
}

class RuleConditionDto {
  @ApiPropertyOptional({ type: [String] }) sources?: string[];
  @ApiPropertyOptional() foreignRespondent?: boolean;
}

class DeadlineRuleDto {
  @ApiProperty() id: string;
  @ApiProperty() key: string;
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
  @ApiProperty() amount: number;
  @ApiProperty() unit: string;
  @ApiProperty({ enum: ['office', 'party'] }) actor: 'office' | 'party';
  @ApiProperty({ type: [String] }) tolledBy: string[];
  @ApiProperty({ type: [ExtensionStepDto] }) extensions: ExtensionStepDto[];
  @ApiProperty({ type: LabelDto }) from: LabelDto;
  @ApiProperty({ type: SourceDto }) source: SourceDto;
  @ApiProperty({ type: RuleConditionDto, nullable: true }) when: RuleConditionDto | null;
}

export class WorkflowDto {
  @ApiProperty() code: string;
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
  @ApiProperty() kind: string;
  @ApiProperty() law: string;
  @ApiProperty({ type: [String] }) ipTypes: string[];
  @ApiProperty() minOfficers: number;
  @ApiProperty({ type: [String] }) pauseKinds: string[];
  @ApiProperty({ type: [String] }) startsOnRegistration: string[];
  @ApiProperty({ type: [TransitionDto] }) transitions: TransitionDto[];
  @ApiProperty({ type: [DeadlineRuleDto] }) deadlineRules: DeadlineRuleDto[];
}
