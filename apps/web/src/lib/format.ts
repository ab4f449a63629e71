/** All times are shown in China Standard Time, whatever the browser's own zone. */
export const TIME_ZONE = 'Asia/Shanghai';

const dateTimeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const dateFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function parts(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of format.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** `2026-03-05 14:03:22` in Asia/Shanghai; `—` for empty values. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const p = parts(dateTimeFormat, date);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The civil date `YYYY-MM-DD` in Asia/Shanghai. */
export function shanghaiDate(value: Date = new Date()): string {
  const p = parts(dateFormat, value);
  return `${p.year}-${p.month}-${p.day}`;
}

export function currentShanghaiYear(): number {
  return Number(shanghaiDate().slice(0, 4));
}

/** Day of week of a civil date, Monday = 0 … Sunday = 6 (the Chinese calendar layout). */
export function weekdayIndex(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (d + 6) % 7;
}

export function isLocked(lockedUntil: string | null | undefined, now = Date.now()): boolean {
  return !!lockedUntil && new Date(lockedUntil).getTime() > now;
}
