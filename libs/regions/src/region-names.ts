/**
 * Prefecture-level entries of GB/T 2260 that group counties without being a place of their own
 * (北京 110100 "市辖区", 重庆 500200 "县", 河南 419000 "省直辖县级行政区划", …). They stay in the tree so every county has a
 * prefecture-level parent, but they are left out of display names: 110101 reads 北京市东城区, not 北京市市辖区东城区.
 */
export const PLACEHOLDER_REGION_NAMES: readonly string[] = [
  '市辖区',
  '县',
  '省直辖县级行政区划',
  '自治区直辖县级行政区划',
];
const PLACEHOLDER_NAMES: ReadonlySet<string> = new Set(PLACEHOLDER_REGION_NAMES);

export function isPlaceholderRegionName(name: string): boolean {
  return PLACEHOLDER_NAMES.has(name);
}

/** Joins the names of a path (province first) into a display name such as 浙江省杭州市西湖区. */
export function displayNameOf(path: readonly { name: string }[]): string {
  const names = path.map((p) => p.name).filter((n) => !isPlaceholderRegionName(n));
  return names.join('');
}
