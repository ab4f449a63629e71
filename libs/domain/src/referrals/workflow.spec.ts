import {
  OPEN_REFERRAL_STATES,
  REFERRAL_DEADLINE_RULES,
  REFERRAL_KIND_CODES,
  REFERRAL_STATES,
  referralRule,
} from './catalog';
import {
  commonSuperiorRegion,
  REFERRAL_ACTIONS,
  REFERRAL_TRANSITIONS,
  referralStart,
  referralTransition,
} from './workflow';

describe('referral workflows', () => {
  it('has a deadline rule, with its source, for every clock a kind starts', () => {
    for (const kind of REFERRAL_KIND_CODES) {
      const clocks = [
        referralStart(kind).clock,
        ...REFERRAL_TRANSITIONS.filter((t) => t.kinds.includes(kind) && t.starts).map((t) => t.starts!),
      ];
      for (const clock of clocks)
        expect([kind, clock, referralRule(kind, clock)?.source.law]).toEqual([
          kind,
          clock,
          expect.any(String),
        ]);
    }
    expect(new Set(REFERRAL_DEADLINE_RULES.map((r) => r.id)).size).toBe(REFERRAL_DEADLINE_RULES.length);
  });

  it('is deterministic: one transition per kind, state and action', () => {
    const seen = new Set<string>();
    for (const t of REFERRAL_TRANSITIONS) {
      for (const kind of t.kinds) {
        for (const from of t.from) {
          const key = `${kind}/${from}/${t.action}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        }
      }
      expect(REFERRAL_ACTIONS.some((a) => a.code === t.action)).toBe(true);
    }
  });

  it('leaves closed states closed and lets every open state move on', () => {
    const closed = REFERRAL_STATES.filter((s) => !s.open).map((s) => s.code as string);
    for (const t of REFERRAL_TRANSITIONS) for (const from of t.from) expect(closed).not.toContain(from);
    for (const kind of REFERRAL_KIND_CODES) {
      const reachable = new Set<string>([referralStart(kind).state]);
      for (let grew = true; grew;) {
        grew = false;
        for (const t of REFERRAL_TRANSITIONS.filter((x) => x.kinds.includes(kind))) {
          if (t.from.some((f) => reachable.has(f)) && !reachable.has(t.to)) {
            reachable.add(t.to);
            grew = true;
          }
        }
      }
      for (const state of reachable) {
        if (!OPEN_REFERRAL_STATES.includes(state as never)) continue;
        expect([
          kind,
          state,
          REFERRAL_TRANSITIONS.some((t) => t.kinds.includes(kind) && t.from.includes(state as never)),
        ]).toEqual([kind, state, true]);
      }
    }
  });

  it('follows the criminal-transfer limits of 国务院令第310号', () => {
    expect(referralStart('criminal')).toEqual({ state: 'proposed', clock: 'approval' });
    expect(referralRule('criminal', 'approval')).toMatchObject({ amount: 3, unit: 'ND' });
    expect(referralRule('criminal', 'transfer')).toMatchObject({ amount: 24, unit: 'HOUR' });
    expect(referralTransition('criminal', 'proposed', 'approve')).toMatchObject({
      roles: ['supervisor'],
      starts: 'transfer',
    });
    expect(referralTransition('criminal', 'proposed', 'send')).toBeUndefined();
    expect(referralTransition('jurisdiction', 'closed', 'return')).toBeUndefined();
  });

  it('finds the lowest common superior region', () => {
    expect(commonSuperiorRegion('330106', '330110')).toBe('330100');
    expect(commonSuperiorRegion('330106', '330100')).toBe('330100');
    expect(commonSuperiorRegion('330106', '330782')).toBe('330000');
    expect(commonSuperiorRegion('330100', '330000')).toBe('330000');
    expect(commonSuperiorRegion('330106', '330106')).toBe('330106');
    expect(commonSuperiorRegion('330106', '320583')).toBeNull();
  });
});
