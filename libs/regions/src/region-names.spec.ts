import { displayNameOf, isPlaceholderRegionName } from './region-names';

describe('region display names', () => {
  it('joins a path and skips grouping entries', () => {
    expect(displayNameOf([{ name: '浙江省' }, { name: '杭州市' }, { name: '西湖区' }])).toBe(
      '浙江省杭州市西湖区',
    );
    expect(displayNameOf([{ name: '北京市' }, { name: '市辖区' }, { name: '东城区' }])).toBe('北京市东城区');
    expect(displayNameOf([{ name: '河南省' }, { name: '省直辖县级行政区划' }, { name: '济源市' }])).toBe(
      '河南省济源市',
    );
  });

  it('knows the grouping names', () => {
    expect(isPlaceholderRegionName('县')).toBe(true);
    expect(isPlaceholderRegionName('杭州市')).toBe(false);
  });
});
