import type { IndicatorKind } from './stats-model';

const countFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** `1,234`; `—` for none. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : countFormat.format(value);
}

/** A rate 0–1 as `66.7%`; `—` when undefined (nothing to divide by). */
export function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** `40.0` (working days, a satisfaction score); `—` for none. */
export function formatDecimal(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits);
}

export function formatIndicator(kind: IndicatorKind, value: number | null | undefined): string {
  switch (kind) {
    case 'rate':
      return formatRate(value);
    case 'wd':
    case 'score':
      return formatDecimal(value);
    default:
      return formatCount(value);
  }
}

/**
 * The change against the previous period: counts and means in percent of the previous figure, rates in percentage
 * points. `new` when the previous period had none; null when either side is undefined.
 */
export type PeriodChange =
  { kind: 'percent' | 'points'; delta: number } | { kind: 'new' } | { kind: 'same' } | null;

export function periodChange(
  current: number | null | undefined,
  previous: number | null | undefined,
  kind: IndicatorKind,
): PeriodChange {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  if (kind === 'rate') {
    const points = Math.round((current - previous) * 1000) / 10;
    return points === 0 ? { kind: 'same' } : { kind: 'points', delta: points };
  }
  if (previous === 0) return current === 0 ? { kind: 'same' } : { kind: 'new' };
  const percent = Math.round(((current - previous) / previous) * 1000) / 10;
  return percent === 0 ? { kind: 'same' } : { kind: 'percent', delta: percent };
}
