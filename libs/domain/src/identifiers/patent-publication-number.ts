import { fail, readInput, succeed, type ValidationResult } from './validation-result';

export type PatentDocumentKind = 'invention_publication' | 'invention_grant' | 'utility_model' | 'design';

/**
 * CN kind codes: A invention application published; B invention granted (since 2010; C before); U utility model
 * (since 2010; Y before); S design (since 2010; D before).
 */
const KIND_CODES: Readonly<Record<string, PatentDocumentKind>> = {
  A: 'invention_publication',
  B: 'invention_grant',
  C: 'invention_grant',
  U: 'utility_model',
  Y: 'utility_model',
  S: 'design',
  D: 'design',
};

/** In the 9-digit numbers used since 2010 the first digit is the patent type. */
const TYPE_DIGIT: Readonly<Record<PatentDocumentKind, string>> = {
  invention_publication: '1',
  invention_grant: '1',
  utility_model: '2',
  design: '3',
};

export interface PatentPublicationInfo {
  kind: PatentDocumentKind;
  /** The kind code as written, e.g. 'B' or 'A8' (a digit marks a corrected document). */
  kindCode: string;
}

/**
 * Publication / grant document number (公布号 / 授权公告号), domain.md §5: `CN` + 9 digits (older documents 6–8) +
 * kind code, optionally followed by one digit, e.g. CN102822194B, CN216979871U. No check character exists.
 */
export function validatePatentPublicationNumber(input: string): ValidationResult<PatentPublicationInfo> {
  const value = readInput(input, 'Patent publication number', '专利公布/公告号');
  if (typeof value !== 'string') return value;
  const m = /^CN(\d{6,9})([A-Z])(\d?)$/.exec(value);
  if (!m) {
    return fail(
      'FORMAT',
      `a publication or grant number is CN, 9 digits (6–8 for older documents) and a kind code, e.g. CN102822194B; got "${value}"`,
      `公布号/授权公告号应为CN加9位数字（早期文献6–8位）和文献种类代码，如CN102822194B；当前为"${value}"`,
    );
  }
  const [, serial, letter, suffix] = m;
  const kind = KIND_CODES[letter];
  if (!kind) {
    return fail(
      'OUT_OF_RANGE',
      `kind code '${letter}' is not used for Chinese patent documents; expected A, B, C, U, Y, S or D`,
      `文献种类代码"${letter}"无效，应为A、B、C、U、Y、S或D`,
    );
  }
  if (serial.length === 9 && serial[0] !== TYPE_DIGIT[kind]) {
    return fail(
      'OUT_OF_RANGE',
      `a ${kind.replace('_', ' ')} document number starts with ${TYPE_DIGIT[kind]} after CN, but this one starts with ` +
        `${serial[0]}; check the number and the kind code`,
      `该文献种类（${letter}）的号码在CN后应以${TYPE_DIGIT[kind]}开头，实际为${serial[0]}，请核对号码与种类代码`,
    );
  }
  return succeed(value, { kind, kindCode: letter + suffix });
}
