import {
  bucketOf,
  FINE_YUAN_BUCKETS,
  HANDLING_WD_BUCKETS,
  histogramPercentile,
  monthsBetween,
  parseMonth,
  previousPeriod,
  STATS_COUNTER_CODES,
} from './catalog';

describe('statistics rules', () => {
  it('puts a value in the bucket whose lower bound it reaches', () => {
    expect(bucketOf(HANDLING_WD_BUCKETS, 0)).toBe(0);
    expect(bucketOf(HANDLING_WD_BUCKETS, 4)).toBe(0);
    expect(bucketOf(HANDLING_WD_BUCKETS, 5)).toBe(1);
    expect(bucketOf(HANDLING_WD_BUCKETS, 36)).toBe(7);
    expect(bucketOf(HANDLING_WD_BUCKETS, 10_000)).toBe(HANDLING_WD_BUCKETS.length - 1);
    expect(bucketOf(FINE_YUAN_BUCKETS, 8_000)).toBe(3);
  });

  it('reads percentiles by interpolating inside the bucket', () => {
    const counts = HANDLING_WD_BUCKETS.map(() => 0);
    expect(histogramPercentile(HANDLING_WD_BUCKETS, counts, 0.5)).toBeNull();
    counts[bucketOf(HANDLING_WD_BUCKETS, 36)] = 1; // [35, 40)
    counts[bucketOf(HANDLING_WD_BUCKETS, 54)] = 1; // [50, 55)
    expect(histogramPercentile(HANDLING_WD_BUCKETS, counts, 0.5)).toBe(40);
    expect(histogramPercentile(HANDLING_WD_BUCKETS, counts, 0.9)).toBe(54);
    // Four in [0, 5): the median is halfway through the bucket.
    const four = HANDLING_WD_BUCKETS.map((_, i) => (i === 0 ? 4 : 0));
    expect(histogramPercentile(HANDLING_WD_BUCKETS, four, 0.5)).toBe(2.5);
    // The open last bucket is read as wide as the one before it.
    const last = HANDLING_WD_BUCKETS.map((_, i) => (i === HANDLING_WD_BUCKETS.length - 1 ? 2 : 0));
    expect(histogramPercentile(HANDLING_WD_BUCKETS, last, 0.5)).toBe(450);
  });

  it('parses months and spans periods', () => {
    expect(parseMonth('2025-03')).toBe('2025-03-01');
    expect(parseMonth('2025-13')).toBeNull();
    expect(parseMonth('2025-3')).toBeNull();
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsBetween('2025-03', '2025-02')).toEqual([]);
    expect(previousPeriod('2025-03', '2025-05')).toEqual({ from: '2024-12', to: '2025-02' });
    expect(previousPeriod('2025-01', '2025-12')).toEqual({ from: '2024-01', to: '2024-12' });
  });

  it('names every counter once', () => {
    expect(new Set(STATS_COUNTER_CODES).size).toBe(STATS_COUNTER_CODES.length);
  });
});
