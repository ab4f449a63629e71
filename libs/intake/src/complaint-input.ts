import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_CODES,
  COMPLAINT_CHANNEL_CODES,
  failValidation,
  fieldViolation,
  ipTypeDef,
  looksMasked,
  maskedValueViolation,
  validateResidentId,
  validateRightNumber,
  validateUscc,
  type FieldViolation,
} from '@app/domain';

/** What an operator types, or the public form sends. */
export interface ComplaintInput {
  channel: string;
  category: string;
  anonymous?: boolean;
  confidential?: boolean;
  complainantName?: string;
  complainantPhone?: string;
  complainantIdNumber?: string;
  complainantUscc?: string;
  complainantOrg?: string;
  complainantEmail?: string;
  respondentName?: string;
  respondentUscc?: string;
  respondentAddress?: string;
  respondentShop?: string;
  respondentPlatform?: string;
  respondentUrl?: string;
  ipType?: string;
  rightNumber?: string;
  regionCode?: string;
  description: string;
  /** Operators may route elsewhere than the suggestion. */
  officeId?: string;
}

const PHONE = /^[0-9+\-() ]{5,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A trimmed string, or null for anything else (absent, blank, not a string). */
export const textOrNull = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const text = textOrNull;

/** The shared validation helpers of @app/domain, under the names intake has used. */
export { failValidation };
export const fieldError = fieldViolation;

/**
 * The fields a complaint needs by its category, checked and normalised (identifiers by their check digits, right
 * numbers by the IP type's formats): pushes one violation per problem into `v` and returns the normalised values.
 * Pure — what the database must answer (the region exists, the office is active) is checked by the service.
 */
export function validateComplaintInput(input: ComplaintInput, v: FieldViolation[]) {
  const channel = input?.channel;
  const category = input?.category;
  if (!COMPLAINT_CHANNEL_CODES.includes(channel as never)) {
    v.push(
      fieldError('channel', `channel must be one of ${COMPLAINT_CHANNEL_CODES.join(', ')}`, '来源渠道无效'),
    );
  }
  const cat = COMPLAINT_CATEGORIES.find((x) => x.code === category);
  if (!cat) {
    v.push(
      fieldError(
        'category',
        `category must be one of ${COMPLAINT_CATEGORY_CODES.join(', ')}`,
        '诉求类型无效',
      ),
    );
  }
  const anonymous = input?.anonymous === true;
  if (anonymous && cat && !cat.anonymousAllowed) {
    v.push(
      fieldError('anonymous', 'Only reports and consultations may be anonymous', '只有举报和咨询可以匿名'),
    );
  }
  const complainantName = text(input?.complainantName);
  if (!anonymous && !complainantName) {
    v.push(
      fieldError('complainantName', 'Give the complainant’s name', '请填写投诉人姓名或名称', 'REQUIRED'),
    );
  }
  // A masked value read back from a view (138****5678) must never be stored as the complainant's data (issue 9).
  for (const f of ['complainantPhone', 'complainantIdNumber', 'complainantEmail'] as const) {
    if (looksMasked(input?.[f])) v.push(maskedValueViolation(f));
  }
  const complainantPhone = text(input?.complainantPhone);
  if (complainantPhone && !looksMasked(complainantPhone) && !PHONE.test(complainantPhone)) {
    v.push(fieldError('complainantPhone', 'Phone: digits, spaces, + - ( ) only', '电话号码格式无效'));
  }
  if (!anonymous && cat?.code !== 'consultation' && !complainantPhone) {
    v.push(
      fieldError(
        'complainantPhone',
        'Give a phone number to reach the complainant',
        '请填写联系电话',
        'REQUIRED',
      ),
    );
  }
  const complainantEmail = text(input?.complainantEmail);
  if (complainantEmail && !looksMasked(complainantEmail) && !EMAIL.test(complainantEmail)) {
    v.push(fieldError('complainantEmail', 'Not an e-mail address', '电子邮箱格式无效'));
  }
  const complainantIdNumber = looksMasked(input?.complainantIdNumber)
    ? null
    : identifier(input?.complainantIdNumber, 'complainantIdNumber', v, (s) => validateResidentId(s));
  const complainantUscc = identifier(input?.complainantUscc, 'complainantUscc', v, validateUscc);
  const respondentUscc = identifier(input?.respondentUscc, 'respondentUscc', v, validateUscc);
  const respondentName = text(input?.respondentName);
  const needsRespondent = cat && cat.code !== 'consultation';
  if (needsRespondent && !respondentName && !text(input?.respondentShop) && !text(input?.respondentUrl)) {
    v.push(
      fieldError(
        'respondentName',
        'Name the respondent (or its shop or URL)',
        '请填写被投诉（举报）对象，或其网店、网址',
        'REQUIRED',
      ),
    );
  }
  const ipType = text(input?.ipType);
  const ip = ipType ? ipTypeDef(ipType) : undefined;
  if (ipType && !ip) v.push(fieldError('ipType', `Unknown IP type ${ipType}`, '知识产权类型无效'));
  if (needsRespondent && !ipType)
    v.push(fieldError('ipType', 'Choose the IP type', '请选择知识产权类型', 'REQUIRED'));
  let rightNumber = text(input?.rightNumber);
  let rightNumberKind: string | null = null;
  if (rightNumber && ip) {
    const res = validateRightNumber(ip, rightNumber);
    if (res.ok) {
      rightNumber = res.number;
      rightNumberKind = res.kind;
    } else v.push({ field: 'rightNumber', code: res.code, message: res.reason, messageZh: res.reasonZh });
  }
  const regionCode = text(input?.regionCode);
  if (regionCode && !/^\d{6}$/.test(regionCode))
    v.push(fieldError('regionCode', 'A 6-digit region code', '行政区划代码应为6位数字'));
  if (needsRespondent && !regionCode) {
    v.push(
      fieldError('regionCode', 'Say where the infringement happens', '请选择侵权行为发生地', 'REQUIRED'),
    );
  }
  const description = text(input?.description);
  if (!description || description.length > 20000) {
    v.push(
      fieldError(
        'description',
        'Describe the matter (1–20,000 characters)',
        '请填写诉求内容（1–20000字）',
        'REQUIRED',
      ),
    );
  }
  const url = text(input?.respondentUrl);
  if (url && !/^https?:\/\/\S+$/i.test(url))
    v.push(fieldError('respondentUrl', 'An http(s) URL', '网址应以 http:// 或 https:// 开头'));
  return {
    channel: channel as string,
    category: category as string,
    anonymous,
    // A reporter's identity is confidential by default (总局令第20号 Art 33).
    confidential: input?.confidential ?? category === 'report',
    complainantName: anonymous ? null : complainantName,
    complainantPhone,
    complainantIdNumber,
    complainantUscc,
    complainantOrg: text(input?.complainantOrg),
    complainantEmail,
    respondentName,
    respondentUscc,
    respondentAddress: text(input?.respondentAddress),
    respondentShop: text(input?.respondentShop),
    respondentPlatform: text(input?.respondentPlatform),
    respondentUrl: url,
    ipType: ip?.code ?? null,
    rightNumber,
    rightNumberKind,
    regionCode,
    description: description ?? '',
  };
}

function identifier(
  value: unknown,
  field: string,
  v: FieldViolation[],
  validate: (
    s: string,
  ) => { ok: true; normalized: string } | { ok: false; code: string; reason: string; reasonZh: string },
): string | null {
  const s = text(value);
  if (!s) return null;
  const r = validate(s);
  if (!r.ok) {
    v.push({ field, code: r.code, message: r.reason, messageZh: r.reasonZh });
    return null;
  }
  return r.normalized;
}
