import { pinyin } from 'pinyin-pro';
import { isPlaceholderRegionName } from './region-names';

/**
 * What a region can be found by besides its name, as space-separated keys (so a query term matches a key by
 * `' ' || keys LIKE '% term%'` and exactly by `' ' || keys || ' ' LIKE '% term %'`):
 * - `keys`: the name without its administrative suffix (杭州), and the full pinyin and initials of the name with and
 *   without the suffix (hangzhoushi hangzhou hzs hz), in the reading pinyin-pro gives the whole name;
 * - `altKeys`: the same built from the other readings of polyphonic characters, one character at a time (单县 is
 *   read shanxian, 乐清 yueqing, 宁都 ningdu, which a dictionary reading can get wrong), and with u for ü (lv/lu).
 *   A hit on these ranks below a hit on `keys`.
 * Pinyin is lower case without tones, ü written v (as typed on a keyboard). Grouping entries (市辖区, 县) get none.
 */
export interface RegionSearchKeys {
  keys: string;
  altKeys: string;
}

/** Administrative suffixes, longest first. */
const SUFFIXES = [
  '自治区',
  '自治州',
  '自治县',
  '自治旗',
  '地区',
  '林区',
  '特区',
  '新区',
  '省',
  '市',
  '区',
  '县',
  '旗',
  '盟',
];

/** Peoples named before 自治X (延边朝鲜族自治州 → 延边), longest first so 蒙古族 goes before 蒙古. */
const PEOPLES = [
  '柯尔克孜',
  '达斡尔族',
  '鄂温克族',
  '哈萨克族',
  '维吾尔',
  '蒙古族',
  '朝鲜族',
  '土家族',
  '布依族',
  '哈尼族',
  '傈僳族',
  '仫佬族',
  '毛南族',
  '仡佬族',
  '纳西族',
  '拉祜族',
  '布朗族',
  '独龙族',
  '普米族',
  '裕固族',
  '撒拉族',
  '保安族',
  '东乡族',
  '景颇族',
  '哈萨克',
  '塔吉克',
  '鄂伦春',
  '各族',
  '蒙古',
  '锡伯',
  '壮族',
  '回族',
  '藏族',
  '羌族',
  '苗族',
  '侗族',
  '彝族',
  '傣族',
  '白族',
  '满族',
  '畲族',
  '瑶族',
  '黎族',
  '水族',
  '佤族',
  '怒族',
  '土族',
];

/** A core shorter than this keeps its suffix: 单县 is not 单, 内蒙古 is not 内. */
const MIN_CORE = 2;

/** How many characters of `name` form its core (the name without 市/区/县…, and without the peoples of 自治X). */
export function regionCoreLength(name: string): number {
  return split(name).core;
}

/**
 * `core`: characters of the core (see {@link regionCoreLength}); `stem`: characters before the administrative suffix
 * even when that leaves one character (单 of 单县) — only those characters are read in other ways, a suffix has
 * one reading.
 */
function split(name: string): { core: number; stem: number } {
  const suffix = SUFFIXES.find((s) => name.endsWith(s) && name.length > s.length);
  if (!suffix) return { core: name.length, stem: name.length };
  let core = name.slice(0, -suffix.length);
  const stem = core.length;
  if (core.length < MIN_CORE) return { core: name.length, stem };
  if (suffix.startsWith('自治')) {
    for (;;) {
      const people = PEOPLES.find((p) => core.endsWith(p) && core.length - p.length >= MIN_CORE);
      if (!people) break;
      core = core.slice(0, -people.length);
    }
  }
  return { core: core.length, stem: Math.min(stem, core.length) };
}

const syllables = (text: string, multiple = false): string[] =>
  pinyin(text, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive', multiple }).map((s) =>
    s.toLowerCase().replace(/[^a-z0-9]/g, ''),
  );

/** Full pinyin, core pinyin, full initials, core initials of one reading (one syllable per character). */
function keysOf(reading: readonly string[], coreLength: number): string[] {
  const core = reading.slice(0, coreLength);
  return [
    reading.join(''),
    core.join(''),
    reading.map((s) => s[0] ?? '').join(''),
    core.map((s) => s[0] ?? '').join(''),
  ];
}

/** Search keys of a region name; see {@link RegionSearchKeys}. */
export function regionSearchKeys(name: string): RegionSearchKeys {
  const chars = [...name];
  if (isPlaceholderRegionName(name) || !chars.length) return { keys: '', altKeys: '' };
  const { core: coreLength, stem } = split(name);
  const reading = syllables(name);
  // pinyin-pro gives one syllable per Chinese character; anything else (a Latin letter, a digit) is kept as typed.
  const primary = new Set<string>();
  if (coreLength < chars.length) primary.add(chars.slice(0, coreLength).join(''));
  const alternatives = new Set<string>();
  if (reading.length === chars.length) {
    keysOf(reading, coreLength).forEach((k) => primary.add(k));
    chars.slice(0, stem).forEach((ch, i) => {
      for (const other of syllables(ch, true)) {
        if (!other || other === reading[i]) continue;
        const variant = [...reading];
        variant[i] = other;
        keysOf(variant, coreLength).forEach((k) => alternatives.add(k));
      }
    });
    if (reading.some((s) => s.includes('v'))) {
      keysOf(
        reading.map((s) => s.replace(/v/g, 'u')),
        coreLength,
      ).forEach((k) => alternatives.add(k));
    }
  }
  primary.delete('');
  return {
    keys: [...primary].join(' '),
    altKeys: [...alternatives].filter((k) => k && !primary.has(k)).join(' '),
  };
}

/**
 * A search term as it is compared with the keys: trimmed, lower case, ü as v, apostrophes (xi'an) dropped.
 * Chinese characters pass unchanged.
 */
export function normalizeSearchTerm(term: string): string {
  return term
    .trim()
    .toLowerCase()
    .replace(/ü/g, 'v')
    .replace(/['’‘`]/g, '');
}
