import { describe, expect, it } from "vitest";
import { dayNumber, dayToIso, endOfYear, parseDay, parsePeriod } from "./dates";

const MS_PER_DAY = 86_400_000;

describe("calendar arithmetic", () => {
  it("agrees with Date for every day from 1600 to 2400", () => {
    const first = Date.UTC(1600, 0, 1) / MS_PER_DAY;
    const last = Date.UTC(2400, 11, 31) / MS_PER_DAY;
    for (let day = first; day <= last; day++) {
      const date = new Date(day * MS_PER_DAY);
      const iso = date.toISOString().slice(0, 10);
      if (dayToIso(day) !== iso) expect(dayToIso(day)).toBe(iso);
      const n = dayNumber(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
      if (n !== day) expect(n).toBe(day);
      if (parseDay(iso) !== day) expect(parseDay(iso)).toBe(day);
    }
  });

  it("knows month lengths and leap years", () => {
    expect(parsePeriod("2020-02")).toMatchObject({ start: dayNumber(2020, 2, 1), end: dayNumber(2020, 2, 29) });
    expect(parsePeriod("2019-02")).toMatchObject({ end: dayNumber(2019, 2, 28) });
    expect(parsePeriod("2000-02-29")).not.toBeNull();
    expect(parsePeriod("1900-02-29")).toBeNull();
    expect(parsePeriod("2019-02-29")).toBeNull();
    expect(parsePeriod("2019-04-31")).toBeNull();
    expect(parsePeriod("2019-12-31")).not.toBeNull();
    expect(parsePeriod("2019-13")).toBeNull();
    expect(parsePeriod("2019-00")).toBeNull();
    expect(parsePeriod("2019-01-00")).toBeNull();
    expect(parsePeriod("2019")).toMatchObject({ precision: "year", start: dayNumber(2019, 1, 1), end: dayNumber(2019, 12, 31) });
    expect(endOfYear(dayNumber(2016, 2, 29))).toBe(dayNumber(2016, 12, 31));
    expect(dayToIso(0)).toBe("1970-01-01");
    expect(dayToIso(-1)).toBe("1969-12-31");
  });
});
