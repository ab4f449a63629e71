/**
 * What the public sees of a natural person (domain.md §2E: masking ID numbers, phone numbers and home addresses of
 * natural persons is normal practice, [U]): the first six digits (the region) and the last four of a resident ID
 * (maskIdNumber, from the personal-data rules in ../privacy), and the surname of a name.
 */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  // A Latin-script name keeps its first letter; a Chinese name its surname (one character; two for 欧阳-type
  // compound surnames is not guessed: one character is shown, which never reveals more).
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}
