import { AppConfig } from '@app/config';
import {
  applyDeadlineOverrides,
  CASE_DEADLINE_RULES,
  procedureDef,
  ruleFor,
  type DeadlineKey,
  type DeadlineOverride,
  type DeadlineRule,
  type ProcedureDef,
} from '@app/domain';
import { Injectable } from '@nestjs/common';

/**
 * The deadline rule table in force in this process: libs/domain's statutory table with the configured local values
 * (CASE_DEADLINE_OVERRIDES) for the rules domain.md marks [S] or [U]. A bad override stops the process at start-up.
 */
@Injectable()
export class CaseRules {
  readonly rules: readonly DeadlineRule[];
  private readonly byId: ReadonlyMap<string, DeadlineRule>;

  constructor(config: AppConfig) {
    let overrides: Record<string, DeadlineOverride>;
    try {
      overrides = JSON.parse(config.CASE_DEADLINE_OVERRIDES) as Record<string, DeadlineOverride>;
    } catch {
      throw new Error('CASE_DEADLINE_OVERRIDES must be a JSON object');
    }
    if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
      throw new Error('CASE_DEADLINE_OVERRIDES must be a JSON object');
    }
    this.rules = applyDeadlineOverrides(CASE_DEADLINE_RULES, overrides);
    this.byId = new Map(this.rules.map((r) => [r.id, r]));
  }

  rule(id: string): DeadlineRule | undefined {
    return this.byId.get(id);
  }

  /** The rules of one procedure, in table order. */
  rulesOf(procedure: string): DeadlineRule[] {
    return this.rules.filter((r) => r.id.startsWith(`${procedure}.`));
  }

  ruleFor(
    procedure: string,
    key: DeadlineKey,
    context: { source: string; foreignRespondent: boolean },
  ): DeadlineRule | undefined {
    return ruleFor(this.rules, procedure, key, context);
  }

  procedure(code: string): ProcedureDef | undefined {
    return procedureDef(code);
  }
}
