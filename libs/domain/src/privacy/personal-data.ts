import type { FieldViolation } from '../cases/transition-check';
import { residentIdCheckCharacter } from '../identifiers/resident-id';

/**
 * Personal data of natural persons in staff views (issue 9) — the one place the masking rules live.
 *
 * 《个人信息保护法》 (PIPL, 2021): art. 28 makes the identity document number of a natural person sensitive personal
 * information (with financial accounts, whereabouts …), processed only with a specific purpose and strict protection;
 * art. 6 and art. 51 require the minimum necessary and access controlled by role (合理确定个人信息处理的操作权限).
 * Phone numbers and e-mail addresses identify a person too (art. 4). Staff reads therefore show these values masked;
 * the unmasked value is given by an explicit, audited reveal to those whose work needs it.
 */

/** The character that stands for a hidden digit or letter. A stored value never contains it. */
export const MASK_CHAR = '*';

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * A resident ID (or any identity-document number): the first six characters (the region of first registration)
 * and the last four, e.g. `110101********1234`; ten characters or fewer (a passport number) hide them all.
 */
export function maskIdNumber(id: string): string {
  const v = id.trim().toUpperCase();
  if (v.length <= 10) return MASK_CHAR.repeat(v.length);
  return `${v.slice(0, 6)}${MASK_CHAR.repeat(v.length - 10)}${v.slice(-4)}`;
}

/**
 * A phone number. A mainland mobile (with or without +86 / 86 and separators) becomes `138****5678`; any other
 * number keeps its separators and the last four digits (the digits the public tracking page asks for), plus the
 * first three when it has ten digits or more (the area code of a landline: `057*-****9999` → which city), and hides
 * at least four digits; a number of four digits or fewer is hidden whole.
 */
export function maskPhone(phone: string): string {
  const v = phone.trim();
  const digits = v.replace(/\D/g, '');
  const national = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  if (MOBILE.test(national) && /^[+\d\s()-]+$/.test(v)) {
    return `${national.slice(0, 3)}${MASK_CHAR.repeat(4)}${national.slice(-4)}`;
  }
  const n = digits.length;
  const tail = n > 4 ? Math.min(4, n - 4) : 0;
  const head = n >= 10 ? 3 : 0;
  let seen = 0;
  return v.replace(/\d/g, (d) => {
    seen += 1;
    return seen <= head || seen > n - tail ? d : MASK_CHAR;
  });
}

/**
 * An e-mail address keeps the first character of the local part and the domain: `z***@example.com`. A value
 * without `@` is hidden but for its first character.
 */
export function maskEmail(email: string): string {
  const v = email.trim();
  const at = v.lastIndexOf('@');
  if (at < 1) return v ? `${[...v][0]}${MASK_CHAR.repeat(3)}` : v;
  return `${[...v][0]}${MASK_CHAR.repeat(3)}${v.slice(at)}`;
}

/** Masks a value that may be absent (null and undefined stay null). */
export const maskedOrNull = (value: string | null | undefined, mask: (v: string) => string): string | null =>
  value === null || value === undefined || value === '' ? null : mask(value);

/**
 * Whether an input looks like a masked value read back from a view (contains `*` or the full-width `＊`). A write
 * must never store one over the real value: such input is refused (400 MASKED_VALUE), never saved.
 */
export function looksMasked(value: unknown): boolean {
  return typeof value === 'string' && /[*＊]/.test(value);
}

/** The 400 field error for a masked value sent back as input (code MASKED_VALUE). */
export function maskedValueViolation(field: string): FieldViolation {
  return {
    field,
    code: 'MASKED_VALUE',
    message: 'This is a masked value as shown on screen; type the full value or leave the field out',
    messageZh: '这是屏显的脱敏值（含*），请填写完整号码或不填',
  };
}

const ID_LIKE = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE_LIKE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const EMAIL_LIKE = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

/**
 * Masks what looks like a resident ID, a mobile number or an e-mail address in free text an officer wrote, before it
 * goes public or into a staff view (a second line of defence: the views mask the personal fields themselves).
 */
export function scrubPersonalData(text: string): string {
  return text
    .replace(ID_LIKE, '$1********$2')
    .replace(MOBILE_LIKE, '$1****$2')
    .replace(EMAIL_LIKE, `$1${MASK_CHAR.repeat(3)}$2`);
}

/** {@link scrubPersonalData} on every string of a JSON-like value (audit event data shown in a timeline). */
export function scrubPersonalDataDeep<T>(value: T): T {
  if (typeof value === 'string') return scrubPersonalData(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => scrubPersonalDataDeep(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubPersonalDataDeep(v)])) as T;
  }
  return value;
}

/** The kinds of personal data a scan looks for in text that must not carry any. */
export type PersonalDataKind = 'mobile' | 'resident_id' | 'email';

export interface PersonalDataHit {
  kind: PersonalDataKind;
  value: string;
  index: number;
}

const MOBILE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ID_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * Finds unmasked personal data in text (a response body): mainland mobile numbers, 18-character resident IDs whose
 * check character is right (GB 11643 — an 18-digit order or document number almost never passes it, so the scan
 * does not cry wolf) and e-mail addresses. A masked value (`138****5678`, `110101********1234`, `z***@x.cn`) does not
 * match.
 */
export function findPersonalData(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of text.matchAll(MOBILE_IN_TEXT)) hits.push({ kind: 'mobile', value: m[0], index: m.index });
  for (const m of text.matchAll(ID_IN_TEXT)) {
    const v = m[0].toUpperCase();
    if (residentIdCheckCharacter(v.slice(0, 17)) === v[17]) {
      hits.push({ kind: 'resident_id', value: m[0], index: m.index });
    }
  }
  for (const m of text.matchAll(EMAIL_IN_TEXT)) hits.push({ kind: 'email', value: m[0], index: m.index });
  return hits.sort((a, b) => a.index - b.index);
}
