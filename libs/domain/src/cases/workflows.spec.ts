import { DomainError } from '../domain-error';
import { CASE_DEADLINE_RULES, type DeadlineRule } from './deadline-rules';
import { checkRequirements, resolveTransition, ruleFor, type CaseFacts } from './transition-check';
import {
  CASE_STATE_CODES,
  PROCEDURES,
  type CaseState,
  type ProcedureDef,
  type Transition,
} from './workflows';

const TERMINAL: CaseState[] = ['archived', 'not_filed', 'referred_out', 'transferred_police'];

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  state: 'registered',
  officerCount: 3,
  openDeadlines: [],
  metDeadlines: [],
  today: '2026-11-25',
  ...over,
});

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'THROWN';
  }
};

describe.each(PROCEDURES.map((p) => [p.code, p] as const))('workflow of %s', (_code, p: ProcedureDef) => {
  it('names only known states, and each (state, action) has at most one transition', () => {
    const seen = new Set<string>();
    for (const t of p.transitions) {
      for (const s of [...t.from, ...(t.to ? [t.to] : [])]) expect(CASE_STATE_CODES).toContain(s);
      for (const s of t.from) {
        const key = `${s}/${t.action}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
    }
  });

  it('has a rule for every deadline it starts, citing its source', () => {
    const keys = [...p.startsOnRegistration, ...p.transitions.flatMap((t) => t.starts ?? [])];
    for (const key of keys) {
      for (const source of p.sources) {
        for (const foreignRespondent of [false, true]) {
          const rule = ruleFor(CASE_DEADLINE_RULES, p.code, key, { source, foreignRespondent });
          expect(rule).toBeDefined();
          expect(rule!.source.law).toMatch(/《.+》|规范/);
          expect(rule!.source.article).not.toBe('');
        }
      }
    }
  });

  it('reaches a final state from every state it can enter', () => {
    const reachable = new Set<CaseState>(['registered']);
    for (let changed = true; changed;) {
      changed = false;
      for (const t of p.transitions) {
        if (t.to && t.from.some((s) => reachable.has(s)) && !reachable.has(t.to)) {
          reachable.add(t.to);
          changed = true;
        }
      }
    }
    expect(reachable.has('closed')).toBe(true);
    for (const s of reachable) {
      if (TERMINAL.includes(s)) continue;
      // A non-final state offers a way out.
      expect(p.transitions.some((t) => t.from.includes(s) && t.to && t.to !== s)).toBe(true);
    }
  });

  const rows: [string, CaseState, Transition][] = p.transitions.flatMap((t) =>
    t.from.map((s) => [`${t.action} from ${s}`, s, t] as [string, CaseState, Transition]),
  );
  it.each(rows)('%s: allowed for its roles, refused for others, refused in other states', (_n, state, t) => {
    for (const role of ['officer', 'supervisor'] as const) {
      const code = codeOf(() => resolveTransition(p, state, t.action, [role]));
      expect(code).toBe(t.roles.includes(role) ? null : 'FORBIDDEN');
    }
    expect(resolveTransition(p, state, t.action, [...t.roles])).toBe(t);
    expect(codeOf(() => resolveTransition(p, state, t.action, ['operator']))).toBe('FORBIDDEN');
    const elsewhere = CASE_STATE_CODES.filter(
      (s) => !p.transitions.some((x) => x.action === t.action && x.from.includes(s)),
    );
    for (const s of elsewhere) {
      expect(codeOf(() => resolveTransition(p, s, t.action, [...t.roles]))).toBe('INVALID_TRANSITION');
    }
  });

  it.each(rows)('%s: names each missing piece of data', (_n, state, t) => {
    const missing = checkRequirements(p, t, facts({ state, officerCount: 0 }), {});
    const fields = missing.map((v) => v.field);
    for (const r of t.requires) {
      const expected = {
        officers: 'officers',
        panel: 'officers',
        reason: 'reason',
        legal_basis: 'legalBasis',
        facts: 'facts',
        outcome: 'outcome',
        pause_kind: 'pauseKind',
        extension: 'extension',
        defence_heard: null, // only while a statement window is open
        decision_served: null, // only while a decision-service deadline is open
      }[r];
      if (expected) expect(fields).toContain(expected);
    }
    if (!t.requires.length) expect(missing).toEqual([]);
  });

  it('rejects an unknown action as not found', () => {
    expect(codeOf(() => resolveTransition(p, 'registered', 'explode', ['officer']))).toBe('NOT_FOUND');
  });
});

describe('requirements', () => {
  const penalty = PROCEDURES.find((p) => p.code === 'penalty_trademark')!;
  const adjudication = PROCEDURES.find((p) => p.code === 'patent_adjudication')!;
  const t = (p: ProcedureDef, action: string, from: CaseState) =>
    p.transitions.find((x) => x.action === action && x.from.includes(from))!;
  const closing = CASE_DEADLINE_RULES.find((r) => r.id === 'patent_adjudication.closing')!;
  const open = (rule: DeadlineRule, extensions: string[] = [], due = '2026-12-31') => ({
    key: rule.key,
    rule,
    extensions: extensions as never[],
    due,
  });

  it('asks for two officers in a penalty case and an odd panel of three or more to adjudicate', () => {
    expect(
      checkRequirements(penalty, t(penalty, 'file', 'registered'), facts({ officerCount: 1 }), {}),
    ).toHaveLength(1);
    expect(
      checkRequirements(penalty, t(penalty, 'file', 'registered'), facts({ officerCount: 2 }), {}),
    ).toEqual([]);
    const file = t(adjudication, 'file', 'registered');
    expect(
      [2, 3, 4, 5].map((n) => checkRequirements(adjudication, file, facts({ officerCount: n }), {}).length),
    ).toEqual([1, 0, 1, 0]);
  });

  it('needs a fine or confiscation for a penalty, not for a warning', () => {
    const notify = t(penalty, 'notify', 'investigating');
    const base = { facts: 'x', legalBasis: 'y' };
    expect(
      checkRequirements(penalty, notify, facts(), { ...base, outcome: 'penalty' }).map((v) => v.field),
    ).toEqual(['fineFen']);
    expect(
      checkRequirements(penalty, notify, facts(), { ...base, outcome: 'penalty', fineFen: 100 }),
    ).toEqual([]);
    expect(checkRequirements(penalty, notify, facts(), { ...base, outcome: 'warning' })).toEqual([]);
    expect(
      checkRequirements(penalty, notify, facts(), { ...base, outcome: 'ruling_infringing' })[0].code,
    ).toBe('OUTCOME');
  });

  it('waits out the statement-and-defence window unless the party was heard', () => {
    const decide = t(penalty, 'decide', 'notified');
    const statement = CASE_DEADLINE_RULES.find((r) => r.id === 'penalty_trademark.statement')!;
    const input = { facts: 'x', legalBasis: 'y', outcome: 'warning' };
    const running = facts({ openDeadlines: [open(statement, [], '2026-11-30')] });
    expect(checkRequirements(penalty, decide, running, input)[0].code).toBe('DEFENCE_WINDOW_OPEN');
    expect(checkRequirements(penalty, decide, running, { ...input, defenceHeard: true })).toEqual([]);
    const lapsed = facts({ openDeadlines: [open(statement, [], '2026-11-24')] });
    expect(checkRequirements(penalty, decide, lapsed, input)).toEqual([]);
  });

  it('grants extensions level by level, within their length', () => {
    const extend = t(adjudication, 'extend', 'investigating');
    const check = (granted: string[], level: string, amount: number) =>
      checkRequirements(adjudication, extend, facts({ openDeadlines: [open(closing, granted)] }), {
        reason: 'complex',
        extension: { deadlineKey: 'closing', level, amount },
      }).map((v) => v.code);
    expect(check([], 'department_head', 1)).toEqual([]);
    expect(check([], 'department_head', 2)).toEqual(['EXTENSION_LENGTH']);
    expect(check([], 'next_level', 1)).toEqual(['APPROVER_LEVEL']);
    expect(check(['department_head'], 'next_level', 2)).toEqual([]);
    expect(check(['department_head', 'next_level'], 'next_level', 1)).toEqual(['NO_EXTENSION_LEFT']);
    expect(
      checkRequirements(adjudication, extend, facts(), {
        reason: 'x',
        extension: { deadlineKey: 'closing', level: 'department_head', amount: 1 },
      })[0].code,
    ).toBe('NO_OPEN_DEADLINE');
  });
});
