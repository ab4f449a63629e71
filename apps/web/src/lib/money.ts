/** Amounts travel as integer fen (分) and are shown and entered in yuan (元) with two decimals. */

const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `12,345.60`; `—` for none. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  return yuanFormat.format(fen / 100);
}

/** Yuan as typed (up to two decimals) to whole fen; undefined for an empty input. */
export function yuanToFen(yuan: number | string | null | undefined): number | undefined {
  if (yuan === null || yuan === undefined || yuan === '') return undefined;
  const n = typeof yuan === 'number' ? yuan : Number(yuan);
  if (!Number.isFinite(n)) return undefined;
  return Math.round(n * 100);
}

export function fenToYuan(fen: number | null | undefined): number | undefined {
  return fen === null || fen === undefined ? undefined : fen / 100;
}
