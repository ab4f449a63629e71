import type { FormRule } from 'antd';

/*
 * The checks the server makes on a complaint's fields (libs/intake complaint.service), made in the browser as
 * well by the staff console and the public form, so a mistake shows beside its field before anything is sent.
 */

/** Digits, spaces, + - ( ), 5–30 characters. */
export const PHONE_PATTERN = /^[0-9+\-() ]{5,30}$/;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const URL_PATTERN = /^https?:\/\/\S+$/i;

/** `v` without surrounding blanks; undefined when nothing is left. */
export function trimmed(v: string | undefined): string | undefined {
  const s = v?.trim();
  return s ? s : undefined;
}

/** The respondent is named by its name, its shop or its URL (a rule on `respondentName`); `optional`: not asked. */
export function respondentRule(message: string, optional = false): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_: unknown, value: string | undefined) =>
      optional ||
      trimmed(value) ||
      trimmed(getFieldValue('respondentShop') as string | undefined) ||
      trimmed(getFieldValue('respondentUrl') as string | undefined)
        ? Promise.resolve()
        : Promise.reject(new Error(message)),
  });
}
