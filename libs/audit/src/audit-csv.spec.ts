import { csvField, shanghaiIso } from './audit-csv';

describe('csvField', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('一\n二')).toBe('"一\n二"');
    expect(csvField(null)).toBe('');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+86 571')).toBe("'+86 571");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-1', false)).toBe('-1');
  });
});

describe('shanghaiIso', () => {
  it('shows the instant in UTC+8', () => {
    expect(shanghaiIso(new Date('2026-01-31T16:30:00.123Z'))).toBe('2026-02-01T00:30:00.123+08:00');
  });
});
