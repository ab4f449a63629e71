import { assertIsoDate, type IsoDate } from './iso-date';

/** Asia/Shanghai is UTC+8 all year (China has observed no DST since 1991), so a fixed offset is exact. */
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Asia/Shanghai calendar date ('YYYY-MM-DD') of an instant. */
export function shanghaiDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00:00.000 +08:00 on `date`. */
export function startOfShanghaiDay(date: IsoDate): Date {
  assertIsoDate(date);
  return new Date(`${date}T00:00:00.000+08:00`);
}

/** 23:59:59.999 +08:00 on `date` — the instant a deadline falling on `date` expires. */
export function endOfShanghaiDay(date: IsoDate): Date {
  assertIsoDate(date);
  return new Date(`${date}T23:59:59.999+08:00`);
}
