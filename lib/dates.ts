/**
 * Dates in the atlas are ISO strings with an explicit precision: "2019-04-06" (day),
 * "2019-04" (month) or "2019" (year). Internally they become day numbers (days since
 * 1970-01-01, UTC), so comparisons never touch local time.
 */

export type Precision = "day" | "month" | "year";

/** A parsed date: the first and last day of its period, as day numbers. */
export interface DatePeriod {
  iso: string;
  precision: Precision;
  start: number;
  end: number;
}

const MS_PER_DAY = 86_400_000;
const ISO_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Day number of a calendar date (UTC). @example dayNumber(1970, 1, 2) === 1 */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" into its period, or returns null when the
 * string is not a real date of that form (e.g. "2019-02-30", "2019-13").
 * @example parsePeriod("2019-01") // { precision: "month", start: 17897, end: 17927, … }
 */
export function parsePeriod(iso: string): DatePeriod | null {
  const m = ISO_RE.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1000) return null;
  if (m[2] === undefined) {
    return { iso, precision: "year", start: dayNumber(year, 1, 1), end: dayNumber(year, 12, 31) };
  }
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) {
    return { iso, precision: "month", start: dayNumber(year, month, 1), end: dayNumber(year, month, daysInMonth(year, month)) };
  }
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  const n = dayNumber(year, month, day);
  return { iso, precision: "day", start: n, end: n };
}

/** Day number of a full "YYYY-MM-DD" date, or null. */
export function parseDay(iso: string): number | null {
  const p = parsePeriod(iso);
  return p && p.precision === "day" ? p.start : null;
}

/** "YYYY-MM-DD" of a day number. @example dayToIso(0) === "1970-01-01" */
export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Today's day number (UTC). */
export function today(): number {
  return Math.floor(Date.now() / MS_PER_DAY);
}

/** Last day of the calendar year that contains `day`. */
export function endOfYear(day: number): number {
  const y = new Date(day * MS_PER_DAY).getUTCFullYear();
  return dayNumber(y, 12, 31);
}

/** The atlas never shows anything before this day. */
export const EARLIEST_DAY = dayNumber(2011, 1, 1);
