import fc from 'fast-check';
import { residentIdCheckCharacter } from '../identifiers/resident-id';
import {
  findPersonalData,
  looksMasked,
  maskedOrNull,
  maskedValueViolation,
  maskEmail,
  maskIdNumber,
  maskPhone,
  scrubPersonalData,
  scrubPersonalDataDeep,
} from './personal-data';

describe('maskPhone', () => {
  it('shows a mainland mobile as 138****5678, with or without +86 and separators', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone(' 138 1234 5678 ')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
    expect(maskPhone('8613812345678')).toBe('138****5678');
  });

  it('keeps the area code and the last four digits of a landline, and its separators', () => {
    expect(maskPhone('0571-88889999')).toBe('057*-****9999');
    expect(maskPhone('(010) 6552 1234')).toBe('(010) **** 1234');
    expect(maskPhone('88889999')).toBe('****9999');
  });

  it('hides short numbers whole, and always hides at least four digits', () => {
    expect(maskPhone('12345')).toBe('****5');
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('12330')).toBe('****0');
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9+\-() ]{5,30}$/), (phone) => {
        const masked = maskPhone(phone);
        const hidden = [...masked].filter((c) => c === '*').length;
        const digits = phone.replace(/\D/g, '').length;
        expect(hidden).toBeGreaterThanOrEqual(Math.min(4, digits));
        expect(looksMasked(masked) || digits === 0).toBe(true);
      }),
    );
  });
});

describe('maskIdNumber', () => {
  it('keeps the first six and the last four characters of a resident ID', () => {
    expect(maskIdNumber('110101199003071234')).toBe('110101********1234');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
  });

  it('hides a short document number (a passport) whole', () => {
    expect(maskIdNumber('E12345678')).toBe('*********');
  });
});

describe('maskEmail', () => {
  it('keeps the first character and the domain', () => {
    expect(maskEmail('zhangsan@example.com')).toBe('z***@example.com');
    expect(maskEmail('z@example.com')).toBe('z***@example.com');
    expect(maskEmail('张三@例子.中国')).toBe('张***@例子.中国');
  });

  it('hides a value that is not an address but for its first character', () => {
    expect(maskEmail('nobody')).toBe('n***');
  });
});

describe('maskedOrNull and looksMasked', () => {
  it('leaves absent values null and recognises masked input', () => {
    expect(maskedOrNull(null, maskPhone)).toBeNull();
    expect(maskedOrNull('', maskPhone)).toBeNull();
    expect(maskedOrNull('13812345678', maskPhone)).toBe('138****5678');
    expect(looksMasked('138****5678')).toBe(true);
    expect(looksMasked('138＊＊＊＊5678')).toBe(true);
    expect(looksMasked('13812345678')).toBe(false);
    expect(looksMasked(undefined)).toBe(false);
    expect(maskedValueViolation('phone')).toMatchObject({ field: 'phone', code: 'MASKED_VALUE' });
  });
});

describe('findPersonalData', () => {
  it('finds mobiles, valid resident IDs and e-mail addresses in text', () => {
    const text = '{"a":"13800138000","b":"11010519491231002X","c":"li.lei@example.cn"}';
    expect(findPersonalData(text).map((h) => [h.kind, h.value])).toEqual([
      ['mobile', '13800138000'],
      ['resident_id', '11010519491231002X'],
      ['email', 'li.lei@example.cn'],
    ]);
  });

  it('ignores masked values, 18-digit numbers with a wrong check character, landlines and longer digit runs', () => {
    const text =
      '138****8000 110105********002X z***@example.cn 110105194912310021 0571-88889999 913301060000000000 ' +
      '2138001380001 20261207123456789';
    expect(findPersonalData(text)).toEqual([]);
  });

  it('finds every resident ID with a correct check character and none with a wrong one', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-6]\d{16}$/), (body) => {
        const good = body + residentIdCheckCharacter(body);
        expect(findPersonalData(`ID ${good}.`).filter((h) => h.kind === 'resident_id')).toHaveLength(1);
        const bad = body + (residentIdCheckCharacter(body) === '0' ? '1' : '0');
        expect(findPersonalData(`ID ${bad}.`).filter((h) => h.kind === 'resident_id')).toHaveLength(0);
        expect(findPersonalData(maskIdNumber(good))).toEqual([]);
      }),
    );
  });
});

describe('scrubPersonalData', () => {
  it('masks IDs, mobiles and e-mail addresses in free text, deep in JSON-like values', () => {
    expect(scrubPersonalData('联系 zhang.san@example.cn 或 13800138000')).toBe(
      '联系 z***@example.cn 或 138****8000',
    );
    expect(
      scrubPersonalDataDeep({ facts: '身份证号11010519491231002X', n: 3, list: ['13800138000', null] }),
    ).toEqual({ facts: '身份证号110105********002X', n: 3, list: ['138****8000', null] });
  });
});
