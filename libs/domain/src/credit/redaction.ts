/**
 * What the public sees of a natural person (domain.md §2E: masking ID numbers, phone numbers and home addresses of
 * natural persons is normal practice, [U]): the first six digits (the region) and the last four of a resident ID,
 * and the surname of a name.
 */
export function maskIdNumber(id: string): string {
  const v = id.trim().toUpperCase();
  if (v.length <= 10) return '*'.repeat(v.length);
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}

export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  // A Latin-script name keeps its first letter; a Chinese name its surname (one character; two for 欧阳-type
  // compound surnames is not guessed: one character is shown, which never reveals more).
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}

const ID_LIKE = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE_LIKE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/**
 * Masks what looks like a resident ID or a mobile number in free text an officer wrote, before it goes public
 * (a second line of defence: the public views never include the personal fields themselves).
 */
export function scrubPersonalData(text: string): string {
  return text.replace(ID_LIKE, '$1********$2').replace(MOBILE_LIKE, '$1****$2');
}
