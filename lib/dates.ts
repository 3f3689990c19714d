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

// Calendar arithmetic without Date objects (proleptic Gregorian, UTC), after Howard Hinnant's
// days_from_civil / civil_from_days: the API server converts dates on every request, and a Date
// object per conversion (which a framework may also wrap) costs far more than this arithmetic.

/** Day number of a calendar date (UTC); month and day must be in range. @example dayNumber(1970, 1, 2) === 1 */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** Year, month (1–12) and day of a day number. */
function civil(dayNum: number): [year: number, month: number, day: number] {
  const z = dayNum + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1]!;
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
  const [y, m, d] = civil(day);
  if (y < 0 || y > 9999) return new Date(day * MS_PER_DAY).toISOString().slice(0, 10); // Date's expanded years; never for the atlas
  return `${y < 1000 ? String(y).padStart(4, "0") : y}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/** Today's day number (UTC). */
export function today(): number {
  return Math.floor(Date.now() / MS_PER_DAY);
}

/** Last day of the calendar year that contains `day`. */
export function endOfYear(day: number): number {
  return dayNumber(civil(day)[0], 12, 31);
}

/** The atlas never shows anything before this day. */
export const EARLIEST_DAY = dayNumber(2011, 1, 1);
