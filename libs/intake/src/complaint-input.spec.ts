import type { FieldViolation } from '@app/domain';
import { validateComplaintInput, type ComplaintInput } from './complaint-input';

const complaint: ComplaintInput = {
  channel: 'phone',
  category: 'complaint',
  complainantName: ' 张三 ',
  complainantPhone: '138 0013 8000',
  respondentName: '杭州某某贸易有限公司',
  respondentUscc: '91330106ma2cfxx47j',
  ipType: 'trademark',
  rightNumber: '1234567',
  regionCode: '330106',
  description: '销售假冒注册商标的茶叶',
};

const check = (input: Partial<ComplaintInput>) => {
  const v: FieldViolation[] = [];
  const c = validateComplaintInput({ ...complaint, ...input } as ComplaintInput, v);
  return { c, fields: v.map((x) => x.field).sort(), v };
};

describe('complaint input rules by category', () => {
  it('normalises what it accepts', () => {
    const { c, fields } = check({});
    expect(fields).toEqual([]);
    expect(c).toMatchObject({
      complainantName: '张三',
      respondentUscc: '91330106MA2CFXX47J',
      rightNumber: '1234567',
      confidential: false,
    });
  });

  it('lets only reports and consultations be anonymous, and hides an anonymous name', () => {
    expect(check({ anonymous: true }).fields).toEqual(['anonymous']);
    const report = check({ category: 'report', anonymous: true, complainantName: undefined });
    expect(report.fields).toEqual([]);
    expect(report.c).toMatchObject({ complainantName: null, confidential: true });
  });

  it('asks a complaint for a name, a phone, a respondent, an IP type and a place; a consultation for none', () => {
    const bare = { complainantName: '', complainantPhone: undefined, respondentName: undefined };
    const missing = {
      ...bare,
      respondentUscc: undefined,
      ipType: undefined,
      rightNumber: undefined,
      regionCode: undefined,
    };
    expect(check(missing).fields).toEqual([
      'complainantName',
      'complainantPhone',
      'ipType',
      'regionCode',
      'respondentName',
    ]);
    expect(check({ ...missing, category: 'consultation', complainantName: '来访群众' }).fields).toEqual([]);
    // A shop or a URL names the respondent as well as a name does.
    expect(check({ respondentName: undefined, respondentShop: '某某旗舰店' }).fields).toEqual([]);
  });

  it('checks identifiers, numbers, contact details and text by their rules', () => {
    const { v, fields } = check({
      complainantPhone: 'call me',
      complainantEmail: 'nobody',
      complainantIdNumber: '110105194912310021',
      respondentUscc: '91330106MA2CFXX4IJ', // I is not in the code's alphabet (a wrong check character only warns)
      rightNumber: '12AB',
      regionCode: '3301',
      respondentUrl: 'javascript:alert(1)',
      description: ' ',
    });
    expect(fields).toEqual([
      'complainantEmail',
      'complainantIdNumber',
      'complainantPhone',
      'description',
      'regionCode',
      'respondentUrl',
      'respondentUscc',
      'rightNumber',
    ]);
    expect(v.every((x) => x.message && x.messageZh)).toBe(true);
  });

  it('keeps script fragments as text', () => {
    const { c, fields } = check({ description: '<script>alert(1)</script>' });
    expect(fields).toEqual([]);
    expect(c.description).toBe('<script>alert(1)</script>');
  });
});
