import { Roles } from '@app/auth';
import { AppConfig } from '@app/config';
import { CaseRules } from '@app/cases';
import {
  APPROVER_LEVELS,
  CASE_ACTIONS,
  CASE_FLAGS,
  CASE_SOURCES,
  CASE_STATES,
  DEADLINE_KEYS,
  DOCUMENT_KINDS,
  DomainError,
  EVIDENCE_KINDS,
  IP_TYPES,
  OUTCOMES,
  PARTY_KINDS,
  PARTY_ROLES,
  PAUSE_KINDS,
  PROCEDURES,
  procedureDef,
} from '@app/domain';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WorkflowCatalogDto, WorkflowDto } from './dto/workflow.dto';

/**
 * The case workflows as data (design.md rule 1): the vocabularies, each procedure's transition table and its
 * deadline rules with their legal sources. The web UI builds its action dialogs from this.
 */
@ApiTags('workflows')
@ApiBearerAuth()
@Roles('operator', 'officer', 'supervisor', 'admin')
@Controller('workflows')
export class WorkflowsController {
  constructor(
    private readonly rules: CaseRules,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Vocabularies and the list of procedures' })
  @ApiOkResponse({ type: WorkflowCatalogDto })
  catalog(): WorkflowCatalogDto {
    const pick = (l: readonly { code: string; zh: string; en: string }[]) =>
      l.map(({ code, zh, en }) => ({ code, zh, en }));
    return {
      ipTypes: IP_TYPES.map((t) => ({
        code: t.code,
        zh: t.zh,
        en: t.en,
        competence: t.competence,
        rightNumberKinds: [...t.rightNumberKinds],
      })),
      procedures: PROCEDURES.map((p) => ({
        code: p.code,
        zh: p.zh,
        en: p.en,
        kind: p.kind,
        ipTypes: [...p.ipTypes],
        sources: [...p.sources],
        minOfficers: p.minOfficers,
      })),
      states: CASE_STATES.map((s) => ({ code: s.code, zh: s.zh, en: s.en, open: s.open })),
      actions: pick(CASE_ACTIONS),
      sources: pick(CASE_SOURCES),
      outcomes: pick(OUTCOMES),
      pauseKinds: pick(PAUSE_KINDS),
      approverLevels: pick(APPROVER_LEVELS),
      evidenceKinds: pick(EVIDENCE_KINDS),
      documentKinds: pick(DOCUMENT_KINDS),
      partyRoles: pick(PARTY_ROLES),
      partyKinds: pick(PARTY_KINDS),
      flags: pick(CASE_FLAGS),
      deadlineKeys: pick(DEADLINE_KEYS),
      evidence: {
        maxBytes: this.config.EVIDENCE_MAX_BYTES,
        extensions: [...this.config.EVIDENCE_EXTENSIONS],
      },
    };
  }

  @Get(':procedure')
  @ApiOperation({ summary: "A procedure's transition table and deadline rules (with their legal sources)" })
  @ApiOkResponse({ type: WorkflowDto })
  workflow(@Param('procedure') code: string): WorkflowDto {
    const p = procedureDef(code);
    if (!p) {
      throw new DomainError('NOT_FOUND', `Unknown procedure "${code}"`, {
        known: PROCEDURES.map((x) => x.code),
      });
    }
    return {
      code: p.code,
      zh: p.zh,
      en: p.en,
      kind: p.kind,
      law: p.law,
      ipTypes: [...p.ipTypes],
      minOfficers: p.minOfficers,
      pauseKinds: [...p.pauseKinds],
      startsOnRegistration: [...p.startsOnRegistration],
      transitions: p.transitions.map((t) => ({
        action: t.action,
        from: [...t.from],
        to: t.to,
        roles: [...t.roles],
        requires: [...t.requires],
        outcomes: [...(t.outcomes ?? [])],
        starts: [...(t.starts ?? [])],
        stops: [...(t.stops ?? [])],
        pause: t.pause ?? null,
        document:
          t.document === undefined
            ? null
            : typeof t.document === 'string'
              ? { '*': t.document }
              : (Object.fromEntries(Object.entries(t.document).filter(([, d]) => d)) as Record<
                  string,
                  string
                >),
      })),
      deadlineRules: this.rules.rulesOf(p.code).map((r) => ({
        id: r.id,
        key: r.key,
        zh: r.zh,
        en: r.en,
        amount: r.amount,
        unit: r.unit,
        actor: r.actor,
        tolledBy: [...r.tolledBy],
        extensions: r.extensions.map((e) => ({
          level: e.level,
          max: e.max,
          unit: e.unit,
          repeatable: !!e.repeatable,
        })),
        from: r.from,
        source: r.source,
        when: r.when
          ? {
              sources: r.when.sources ? [...r.when.sources] : undefined,
              foreignRespondent: r.when.foreignRespondent,
            }
          : null,
      })),
    };
  }
}
