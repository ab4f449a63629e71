import {
  looksMasked,
  maskedValueViolation,
  PARTY_KIND_CODES,
  PARTY_ROLE_CODES,
  validateResidentId,
  validateRightNumber,
  validateUscc,
  type FieldViolation,
  type IpTypeDef,
} from '@app/domain';
import type { NewParty, NewRight } from './case.repository';

export interface PartyInput {
  role: string;
  kind: string;
  name: string;
  uscc?: string;
  /** Required to keep a USCC whose check character does not match (the code is printed wrong on a licence…). */
  usccOverrideReason?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  foreignDomicile?: boolean;
}

export interface RightInput {
  number: string;
  title?: string;
  holder?: string;
}

const PHONE = /^[0-9+\-() ]{5,30}$/;
const at = (prefix: string, f: string) => (prefix ? `${prefix}.${f}` : f);

/**
 * Validates a party: an enterprise needs a valid unified social credit code (unless domiciled abroad), an
 * individual a valid resident ID (unless domiciled abroad). Pushes violations; returns the normalised row.
 */
export function validateParty(p: PartyInput, prefix: string, v: FieldViolation[]): NewParty | null {
  const before = v.length;
  const name = typeof p?.name === 'string' ? p.name.trim() : '';
  if (!PARTY_ROLE_CODES.includes(p?.role as never)) {
    v.push({
      field: at(prefix, 'role'),
      code: 'INVALID',
      message: `role must be one of ${PARTY_ROLE_CODES.join(', ')}`,
      messageZh: '当事人类别无效',
    });
  }
  if (!PARTY_KIND_CODES.includes(p?.kind as never)) {
    v.push({
      field: at(prefix, 'kind'),
      code: 'INVALID',
      message: `kind must be one of ${PARTY_KIND_CODES.join(', ')}`,
      messageZh: '当事人类型应为单位或自然人',
    });
  }
  if (!name || name.length > 200) {
    v.push({
      field: at(prefix, 'name'),
      code: 'REQUIRED',
      message: 'Give the name (1–200 characters)',
      messageZh: '请填写名称或姓名（1–200字）',
    });
  }
  const foreign = p?.foreignDomicile === true;
  let uscc: string | null = null;
  let idNumber: string | null = null;
  if (p?.kind === 'enterprise') {
    if (p.uscc) {
      const r = validateUscc(p.uscc);
      if (!r.ok) {
        v.push({ field: at(prefix, 'uscc'), code: r.code, message: r.reason, messageZh: r.reasonZh });
      } else if (r.checkMismatch && !p.usccOverrideReason?.trim()) {
        v.push({
          field: at(prefix, 'uscc'),
          code: 'CHECK_CHARACTER',
          message: `${r.notes[0]?.message ?? 'The check character does not match'}; give usccOverrideReason to keep it`,
          messageZh: `${r.notes[0]?.messageZh ?? '校验码不符'}；如确认无误，请填写保留原因`,
        });
      } else uscc = r.normalized;
    } else if (!foreign) {
      v.push({
        field: at(prefix, 'uscc'),
        code: 'REQUIRED',
        message: 'An enterprise needs its unified social credit code',
        messageZh: '单位须填写统一社会信用代码',
      });
    }
  }
  // A masked value read back from a view (138****5678) must never be stored as the party's data (issue 9).
  if (looksMasked(p?.idNumber)) v.push(maskedValueViolation(at(prefix, 'idNumber')));
  if (looksMasked(p?.phone)) v.push(maskedValueViolation(at(prefix, 'phone')));
  if (p?.kind === 'individual' && !looksMasked(p.idNumber)) {
    if (p.idNumber) {
      if (foreign) idNumber = String(p.idNumber).trim().slice(0, 40);
      else {
        const r = validateResidentId(p.idNumber);
        if (!r.ok)
          v.push({ field: at(prefix, 'idNumber'), code: r.code, message: r.reason, messageZh: r.reasonZh });
        else idNumber = r.normalized;
      }
    } else if (!foreign) {
      v.push({
        field: at(prefix, 'idNumber'),
        code: 'REQUIRED',
        message: 'An individual needs a resident ID number',
        messageZh: '自然人须填写居民身份证号码',
      });
    }
  }
  const phone = p?.phone?.trim() || null;
  if (phone && !looksMasked(phone) && !PHONE.test(phone)) {
    v.push({
      field: at(prefix, 'phone'),
      code: 'FORMAT',
      message: 'Phone: digits, spaces, + - ( ) only',
      messageZh: '电话号码格式无效',
    });
  }
  const address = p?.address?.trim() || null;
  if (address && address.length > 300) {
    v.push({
      field: at(prefix, 'address'),
      code: 'TOO_LONG',
      message: 'Address is at most 300 characters',
      messageZh: '地址不超过300字',
    });
  }
  if (v.length > before) return null;
  return { role: p.role, kind: p.kind, name, uscc, idNumber, phone, address, foreignDomicile: foreign };
}

/**
 * Validates an IP right's number against the formats of the case's IP type (patent application or publication
 * numbers with their check digit, trademark registration numbers, plant-variety right numbers; copyright
 * registrations are free text).
 */
export function validateRight(
  ipType: IpTypeDef,
  r: RightInput,
  prefix: string,
  v: FieldViolation[],
): NewRight | null {
  const raw = typeof r?.number === 'string' ? r.number.trim() : '';
  const title = typeof r?.title === 'string' ? r.title.trim() : '';
  const holder = typeof r?.holder === 'string' ? r.holder.trim() : '';
  if (title.length > 200 || holder.length > 200) {
    v.push({
      field: at(prefix, 'title'),
      code: 'TOO_LONG',
      message: 'Title and holder are at most 200 characters',
      messageZh: '名称和权利人不超过200字',
    });
    return null;
  }
  if (!raw || raw.length > 64) {
    v.push({
      field: at(prefix, 'number'),
      code: 'REQUIRED',
      message: 'Give the right number (1–64 characters)',
      messageZh: '请填写权利号（1–64字符）',
    });
    return null;
  }
  const res = validateRightNumber(ipType, raw);
  if (res.ok) return { numberKind: res.kind, number: res.number, title, holder };
  v.push({ field: at(prefix, 'number'), code: res.code, message: res.reason, messageZh: res.reasonZh });
  return null;
}
