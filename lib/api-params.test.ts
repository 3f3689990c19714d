import { describe, expect, it } from "vitest";
import { changesParams, claimsParams, EXPECTED, parseQuery, stateParams, type KnownIds } from "./api-params";
import { parseDay } from "./dates";

const NOW = parseDay("2025-06-30")!;
const IDS: KnownIds = { places: new Set(["tripoli", "LY-TB"]), sides: new Set(["gna", "lna"]), sources: new Set(["afp-1"]) };
const q = (s: string) => new URLSearchParams(s);

describe("parseQuery", () => {
  it("parses a date into a day number and names the answer with the filled-in defaults", () => {
    expect(parseQuery(stateParams(NOW), q("date=2019-04-06"))).toEqual({ ok: true, value: { day: parseDay("2019-04-06"), kind: null }, key: "date=2019-04-06&kind=all" });
    expect(parseQuery(stateParams(NOW), q(""))).toMatchObject({ ok: true, key: "date=2025-06-30&kind=all" });
  });
  it("rejects dates outside 2011-01-01..today", () => {
    expect(parseQuery(stateParams(NOW), q("date=2025-07-01"))).toEqual({ ok: false, error: { param: "date", expected: EXPECTED.date, got: "2025-07-01" } });
    expect(parseQuery(stateParams(NOW), q("date=2010-12-31")).ok).toBe(false);
    expect(parseQuery(stateParams(NOW), q("date=2011-01-01")).ok).toBe(true);
  });
  it("treats empty values as absent and ignores unknown names", () => {
    expect(parseQuery(stateParams(NOW), q("date=&kind=&zoom=3"))).toMatchObject({ ok: true, value: { day: NOW, kind: null } });
  });
  it("refuses a repeated parameter", () => {
    expect(parseQuery(stateParams(NOW), q("kind=city&kind=region"))).toEqual({ ok: false, error: { param: "kind", expected: EXPECTED.single, got: "city, region" } });
  });
  it("clips a long value in the error", () => {
    const r = parseQuery(stateParams(NOW), q(`date=${"9".repeat(5000)}`));
    expect(r.ok ? 0 : r.error.got!.length).toBeLessThanOrEqual(121);
  });
  it("checks claim filters against the known ids and accepts fuzzy ranges", () => {
    const ok = parseQuery(claimsParams(NOW, IDS), q("place=LY-TB&side=gna&from=2019&to=2019-06&format=csv"));
    expect(ok).toMatchObject({ ok: true, value: { place: "LY-TB", side: "gna", format: "csv", from: { iso: "2019" }, to: { iso: "2019-06" } } });
    expect(parseQuery(claimsParams(NOW, IDS), q("side=isil"))).toEqual({ ok: false, error: { param: "side", expected: "a side id: gna, lna", got: "isil" } });
    expect(parseQuery(claimsParams(NOW, IDS), q("place=__proto__"))).toMatchObject({ ok: false, error: { param: "place" } });
  });
  it("requires both ends of a change range, in order", () => {
    expect(parseQuery(changesParams(NOW), q("from=2019-04-01"))).toEqual({ ok: false, error: { param: "to", expected: EXPECTED.date, got: null } });
    expect(parseQuery(changesParams(NOW), q("from=2019-04-02&to=2019-04-01"))).toMatchObject({ ok: false, error: { param: "to", expected: "a date on or after from (2019-04-02)" } });
    expect(parseQuery(changesParams(NOW), q("from=2019-04-01&to=2019-04-01"))).toMatchObject({ ok: true, key: "from=2019-04-01&to=2019-04-01" });
  });
});
