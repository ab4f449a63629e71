import { chinaDivisionRegions } from './china-division.source';
import { normalizeSearchTerm, regionCoreLength, regionSearchKeys } from './region-search-keys';

const keys = (name: string) => regionSearchKeys(name).keys.split(' ');
const alt = (name: string) => regionSearchKeys(name).altKeys.split(' ');

describe('regionSearchKeys', () => {
  it('gives the name core, full pinyin and initials, with and without the suffix', () => {
    expect(regionSearchKeys('杭州市')).toEqual({ keys: '杭州 hangzhoushi hangzhou hzs hz', altKeys: '' });
    expect(keys('西湖区')).toEqual(['西湖', 'xihuqu', 'xihu', 'xhq', 'xh']);
    expect(keys('浙江省')).toEqual(['浙江', 'zhejiangsheng', 'zhejiang', 'zjs', 'zj']);
  });

  it('reads place names in context (重庆, 厦门, 长沙, 蚌埠, 六安, 番禺, 铅山)', () => {
    expect(keys('重庆市')).toContain('chongqing');
    expect(keys('厦门市')).toContain('xiamen');
    expect(keys('长沙市')).toContain('changsha');
    expect(keys('蚌埠市')).toContain('bengbu');
    expect(keys('六安市')).toContain('luan');
    expect(keys('番禺区')).toContain('panyu');
    expect(keys('铅山县')).toContain('yanshan');
  });

  it('also finds other readings of polyphonic characters, as alternative keys', () => {
    // 单县 is read Shàn xiàn; 乐清 Yuèqīng; 宁都 Níngdū — a dictionary may read them otherwise.
    expect([...keys('单县'), ...alt('单县')]).toEqual(expect.arrayContaining(['shanxian', 'sx', 'danxian']));
    expect([...keys('乐清市'), ...alt('乐清市')]).toEqual(expect.arrayContaining(['yueqing', 'yqs']));
    expect([...keys('宁都县'), ...alt('宁都县')]).toEqual(expect.arrayContaining(['ningdu', 'ningduxian']));
    // The suffix has one reading: 区 is never "ou", 县 never "xuan".
    expect(regionSearchKeys('西湖区').altKeys).toBe('');
    // ü is typed v, and some type u.
    expect(keys('吕梁市')).toContain('lvliang');
    expect(alt('吕梁市')).toContain('luliang');
  });

  it('keeps a one-character core with its suffix, and drops the peoples of an autonomous area', () => {
    expect(regionCoreLength('单县')).toBe(2);
    expect(regionCoreLength('内蒙古自治区')).toBe(3);
    expect(keys('广西壮族自治区').slice(0, 3)).toEqual(['广西', 'guangxizhuangzuzizhiqu', 'guangxi']);
    expect(keys('延边朝鲜族自治州')).toEqual(expect.arrayContaining(['延边', 'yanbian', 'yb']));
    expect(keys('海西蒙古族藏族自治州')).toEqual(expect.arrayContaining(['海西', 'haixi']));
    expect(keys('双江拉祜族佤族布朗族傣族自治县')).toEqual(expect.arrayContaining(['双江', 'shuangjiang']));
    expect(keys('浦东新区')).toEqual(expect.arrayContaining(['浦东', 'pudong']));
    expect(keys('神农架林区')).toEqual(expect.arrayContaining(['神农架', 'shennongjia', 'snj']));
  });

  it('gives grouping entries no keys', () => {
    expect(regionSearchKeys('市辖区')).toEqual({ keys: '', altKeys: '' });
    expect(regionSearchKeys('县')).toEqual({ keys: '', altKeys: '' });
  });

  it('gives every region of the package lower-case ASCII pinyin keys, quickly', () => {
    const t0 = performance.now();
    const all = chinaDivisionRegions().map((r) => ({ name: r.name, ...regionSearchKeys(r.name) }));
    expect(performance.now() - t0).toBeLessThan(2000);
    const bad = all.filter(
      (r) =>
        (r.keys && r.keys.split(' ').filter((k) => /^[a-z]+$/.test(k)).length < 2) ||
        [...r.keys.split(' '), ...r.altKeys.split(' ')]
          .filter(Boolean)
          .some((k) => !/^([a-z0-9]+|[\u4e00-\u9fff]+)$/.test(k)),
    );
    expect(bad).toEqual([]);
  });
});

describe('normalizeSearchTerm', () => {
  it('lower-cases, writes ü as v and drops apostrophes', () => {
    expect(normalizeSearchTerm(' HangZhou ')).toBe('hangzhou');
    expect(normalizeSearchTerm("Xi'an")).toBe('xian');
    expect(normalizeSearchTerm('Lüliang')).toBe('lvliang');
    expect(normalizeSearchTerm('西湖')).toBe('西湖');
  });
});
