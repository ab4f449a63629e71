import { deadlineWithTolling } from '../calendar';
import { fixtureCalendar } from '../calendar/calendar.fixture';
import { acceptanceRuleFor, formatTrackingNumber } from './catalog';

describe('12330 acceptance rules', () => {
  it('picks the rule by channel, IP type and category, specific rows first', () => {
    const id = (category: string, ipType: string | null, channel = 'phone') =>
      acceptanceRuleFor({ category, ipType, channel })?.id;
    expect(id('complaint', 'trademark')).toBe('intake.complaint');
    expect(id('assistance', null)).toBe('intake.complaint');
    expect(id('complaint', 'copyright')).toBe('intake.copyright_complaint');
    expect(id('report', 'patent_design')).toBe('intake.passing_off_report');
    expect(id('report', 'trademark')).toBe('intake.report');
    expect(id('consultation', 'trademark', 'trade_fair')).toBe('intake.consultation');
    expect(id('complaint', 'trademark', 'trade_fair')).toBe('intake.trade_fair');
  });

  it('counts the 7 working days of a complaint across the National Day holiday and the make-up Saturday', () => {
    const rule = acceptanceRuleFor({ category: 'complaint', ipType: 'trademark', channel: 'web' })!;
    const r = deadlineWithTolling(
      { start: '2026-09-30', amount: rule.amount, unit: rule.unit },
      fixtureCalendar(),
    );
    expect(r.due).toBe('2026-10-15');
  });

  it('formats readable, increasing tracking numbers', () => {
    expect(formatTrackingNumber('2026-11-25', 123)).toBe('12330-261125-000123');
    expect(formatTrackingNumber('2026-11-25', 1_234_567)).toBe('12330-261125-1234567');
  });
});
