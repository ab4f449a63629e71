import type { MessageKey, TFunction } from '../../i18n';

/**
 * The public pages cannot read the staff catalog (`/complaints/catalog`, `/workflows` need a sign-in), so their
 * vocabularies live in the web dictionary under `public.*`; an unknown code shows as itself.
 */
export const PUBLIC_CATEGORIES = ['complaint', 'report', 'assistance', 'consultation'] as const;
export type PublicCategory = (typeof PUBLIC_CATEGORIES)[number];

/** Categories that may be filed anonymously (the server checks the same: only reports and consultations). */
export const ANONYMOUS_CATEGORIES: readonly string[] = ['report', 'consultation'];

export const PUBLIC_IP_TYPES = [
  'patent_invention',
  'patent_utility',
  'patent_design',
  'trademark',
  'copyright',
  'copyright_software',
  'plant_variety',
] as const;

/** `t(prefix + code)`, or `fallback` (the code) when the dictionary has no such key. */
export function labelOf(
  t: TFunction,
  prefix: string,
  code: string | null | undefined,
  fallback?: string,
): string {
  if (!code) return fallback ?? '';
  const key = `${prefix}${code}`;
  const text = t(key as MessageKey);
  return text === key ? (fallback ?? code) : text;
}
