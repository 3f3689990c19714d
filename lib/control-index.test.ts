import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildIndex, controlAt, nextChange, previousChange, stateKey, stateOf, supportingClaims, type PlaceState } from "./control-index";
import { dayToIso, endOfYear, parseDay } from "./dates";
import { claim, district, resolved, TEST_SIDES, town } from "./fixtures";
import { resolveClaims } from "./resolve";
import type { Claim, Place } from "./types";

const d = (iso: string) => parseDay(iso)!;
const at = (places: Place[], claims: Claim[], placeId: string, iso: string): PlaceState =>
  stateOf(buildIndex({ places, claims: resolved(claims) }), placeId, d(iso));

const T = [town("t")];

describe("rule 1: the latest claim on or before the date decides", () => {
  it("is unknown before any claim", () => {
    expect(at(T, [claim("t", "gna", "captured", "2016-03-30")], "t", "2016-03-29").status).toBe("unknown");
  });
  it("takes the latest claim", () => {
    const claims = [claim("t", "gna", "captured", "2016-03-30"), claim("t", "lna", "captured", "2019-04-05")];
    expect(at(T, claims, "t", "2019-04-04")).toMatchObject({ status: "held", side: "gna", since: d("2016-03-30") });
    expect(at(T, claims, "t", "2019-04-05")).toMatchObject({ status: "held", side: "lna", since: d("2019-04-05"), previous: "gna" });
  });
  it("keeps 'since' when a later claim only confirms the holder", () => {
    const claims = [claim("t", "gna", "captured", "2016-03-30"), claim("t", "gna", "controls", "2018-01-01")];
    const s = at(T, claims, "t", "2018-06-01");
    expect(s).toMatchObject({ status: "held", side: "gna", since: d("2016-03-30") });
    const index = buildIndex({ places: T, claims: resolved(claims) });
    expect(supportingClaims(index, "t", d("2018-06-01"))).toEqual(claims.map((c) => c.id));
  });
});

describe("rule 2: same-day claims that disagree make the place contested", () => {
  it("lists both sides and both claims as conflicts", () => {
    const claims = [claim("t", "gna", "controls", "2019-04-07", { id: "a" }), claim("t", "lna", "controls", "2019-04-07", { id: "b" })];
    const s = at(T, claims, "t", "2019-04-07");
    expect(s.status).toBe("contested");
    if (s.status !== "contested") return;
    expect(s.sides.sort()).toEqual(["gna", "lna"]);
    expect(s.conflicts.sort()).toEqual(["a", "b"]);
  });
});

describe("rule 3: offensive and contested keep the prior holder", () => {
  it("marks the place contested with the holder remembered, until a later claim settles it", () => {
    const claims = [claim("t", "gna", "controls", "2018-01-01"), claim("t", "lna", "offensive", "2019-04-04"), claim("t", "gna", "controls", "2020-06-04")];
    const s = at(T, claims, "t", "2019-05-01");
    expect(s).toMatchObject({ status: "contested", holder: "gna" });
    if (s.status === "contested") expect(s.sides.sort()).toEqual(["gna", "lna"]);
    expect(at(T, claims, "t", "2020-06-05")).toMatchObject({ status: "held", side: "gna", since: d("2018-01-01") });
  });
  it("ends a contest when the attacker withdraws", () => {
    const claims = [claim("t", "gna", "controls", "2018-01-01"), claim("t", "lna", "contested", "2019-04-04"), claim("t", "lna", "withdrew", "2020-06-01")];
    expect(at(T, claims, "t", "2020-06-02")).toMatchObject({ status: "held", side: "gna", since: d("2018-01-01") });
  });
});

describe("rule 4: lost and withdrew end the actor's hold", () => {
  it("leaves the place unknown when nobody is named as taking it", () => {
    const claims = [claim("t", "isil", "controls", "2015-06-01"), claim("t", "isil", "lost", "2016-12-06")];
    expect(at(T, claims, "t", "2016-12-07").status).toBe("unknown");
  });
  it("ignores a loss by a side that did not hold the place", () => {
    const claims = [claim("t", "gna", "controls", "2016-06-01"), claim("t", "isil", "withdrew", "2016-07-01")];
    expect(at(T, claims, "t", "2016-07-02")).toMatchObject({ status: "held", side: "gna" });
  });
});

describe("rule 5: fuzzy dates count from the start of their period and stay uncertain", () => {
  it("holds from January, uncertain until the year ends", () => {
    const claims = [claim("t", "lna", "captured", "2017")];
    expect(at(T, claims, "t", "2016-12-31").status).toBe("unknown");
    expect(at(T, claims, "t", "2017-01-01")).toMatchObject({ status: "held", side: "lna", certain: false });
    expect(at(T, claims, "t", "2017-12-31")).toMatchObject({ certain: false });
    expect(at(T, claims, "t", "2018-01-01")).toMatchObject({ status: "held", side: "lna", certain: true });
  });
  it("anchors a fuzzy claim to the precise claim it corroborates", () => {
    const claims = [claim("t", "shura", "controls", "2014-07-30"), claim("t", "lna", "captured", "2017"), claim("t", "lna", "captured", "2017-07-05")];
    expect(at(T, claims, "t", "2017-03-01")).toMatchObject({ status: "held", side: "shura" });
    // The precise claim dates the change, so the state is certain from its day.
    expect(at(T, claims, "t", "2017-07-05")).toMatchObject({ status: "held", side: "lna", certain: true });
    expect(at(T, claims, "t", "2018-01-01")).toMatchObject({ status: "held", side: "lna", certain: true, since: d("2017-07-05") });
  });
  it("a month claim is uncertain until the month ends", () => {
    const claims = [claim("t", "lna", "offensive", "2019-01")];
    expect(at(T, claims, "t", "2019-01-15")).toMatchObject({ status: "contested", certain: false });
    expect(at(T, claims, "t", "2019-02-01")).toMatchObject({ status: "contested", certain: true });
  });
});

describe("rule 6: a district without claims takes its state from its towns, by population", () => {
  const places = [district("D"), town("big", { region: "D", population: 1000 }), town("small", { region: "D", population: 100 }), town("none", { region: "D" })];
  it("follows the side with more than half of the known population", () => {
    const claims = [claim("big", "gna", "controls", "2016-04-01"), claim("small", "lna", "controls", "2016-04-01")];
    expect(at(places, claims, "D", "2016-05-01")).toMatchObject({ status: "held", side: "gna", derived: true });
  });
  it("is mixed when no side has a clear majority", () => {
    const claims = [claim("big", "gna", "controls", "2016-04-01"), claim("small", "lna", "controls", "2016-04-01")];
    const p = [district("D"), town("big", { region: "D", population: 500 }), town("small", { region: "D", population: 500 })];
    const s = at(p, claims, "D", "2016-05-01");
    expect(s.status).toBe("mixed");
    if (s.status === "mixed") expect(s.shares).toEqual([{ side: "gna", share: 0.5 }, { side: "lna", share: 0.5 }]);
  });
  it("is contested when the towns with most people are fought over", () => {
    const claims = [claim("big", "gna", "controls", "2016-04-01"), claim("big", "lna", "offensive", "2019-04-04"), claim("small", "lna", "controls", "2019-04-04")];
    expect(at(places, claims, "D", "2019-04-05")).toMatchObject({ status: "contested", derived: true });
  });
  it("is unknown when no town is known", () => {
    expect(at(places, [], "D", "2016-05-01").status).toBe("unknown");
  });
  it("prefers the district's own claim when it is more recent than the towns'", () => {
    const claims = [claim("big", "gna", "controls", "2016-04-01"), claim("D", "lna", "captured", "2017-01-01")];
    expect(at(places, claims, "D", "2017-02-01")).toMatchObject({ status: "held", side: "lna", derived: false });
    const later = [...claims, claim("big", "gna", "controls", "2018-01-01")];
    expect(at(places, later, "D", "2018-02-01")).toMatchObject({ status: "held", side: "gna", derived: true });
  });
});

describe("change days", () => {
  it("lists every day a state or its certainty changes, and steps through them", () => {
    const index = buildIndex({ places: T, claims: resolved([claim("t", "gna", "captured", "2016-03-30"), claim("t", "lna", "offensive", "2019-04")]) });
    // …including the day the unreported contest turns uncertain (rule 11).
    expect(index.changeDays.map(dayToIso)).toEqual(["2016-03-30", "2019-04-01", "2019-05-01", "2019-06-30"]);
    expect(dayToIso(nextChange(index, d("2016-03-30"))!)).toBe("2019-04-01");
    expect(dayToIso(previousChange(index, d("2019-04-01"))!)).toBe("2016-03-30");
    expect(nextChange(index, d("2019-06-30"))).toBeNull();
  });
});

// ---------- property tests ----------

const START = d("2011-02-15");
const END = d("2021-12-31");
const statuses = ["controls", "captured", "lost", "withdrew", "contested", "offensive"] as const;

const arbClaim = (places: string[]) => fc.record({
  place: fc.constantFrom(...places),
  side: fc.constantFrom(...TEST_SIDES.slice(0, 4)),
  status: fc.constantFrom(...statuses),
  day: fc.integer({ min: START, max: END }),
  precision: fc.constantFrom("day", "day", "day", "month", "year"),
}).map(({ place, side, status, day, precision }) => {
  const iso = dayToIso(day);
  const date = precision === "day" ? iso : precision === "month" ? iso.slice(0, 7) : iso.slice(0, 4);
  return claim(place, side, status, date);
});

const PROP_PLACES = [district("D"), town("a", { region: "D", population: 10 }), town("b", { region: "D", population: 20 }), town("c", { region: "D" })];
const ids = PROP_PLACES.map((p) => p.id);

/** The state by brute force: replay every claim up to the day through a fresh index of only those claims. */
function bruteForce(claims: Claim[], placeId: string, day: number): string {
  const applicable = resolved(claims).filter((c) => c.effectiveDay <= day);
  return stateKey(stateOf(buildIndex({ places: PROP_PLACES, claims: applicable }), placeId, day));
}

describe("properties", () => {
  it("the index and a brute-force replay agree on random data", () => {
    fc.assert(fc.property(fc.array(arbClaim(ids), { maxLength: 30 }), fc.integer({ min: START, max: END }), (claims, day) => {
      const index = buildIndex({ places: PROP_PLACES, claims: resolved(claims) });
      const states = controlAt(index, day);
      PROP_PLACES.forEach((p, i) => {
        expect(stateKey(states[i]!)).toBe(bruteForce(claims, p.id, day));
      });
    }), { numRuns: 150 });
  });

  it("the state at a date does not depend on claims dated after its year", () => {
    fc.assert(fc.property(fc.array(arbClaim(ids), { maxLength: 20 }), fc.array(arbClaim(ids), { maxLength: 10 }), fc.integer({ min: START, max: END }), (before, extra, day) => {
      const later = extra.filter((c) => parseDay(`${c.date}-01-01`.slice(0, 10)) === null ? true : true).filter((c) => {
        const start = c.date.length === 4 ? d(`${c.date}-01-01`) : c.date.length === 7 ? d(`${c.date}-01`) : d(c.date);
        return start > endOfYear(day);
      });
      const a = controlAt(buildIndex({ places: PROP_PLACES, claims: resolved(before) }), day).map(stateKey);
      const b = controlAt(buildIndex({ places: PROP_PLACES, claims: resolved([...before, ...later]) }), day).map(stateKey);
      expect(b).toEqual(a);
    }), { numRuns: 150 });
  });

  it("past the last change nothing changes any more", () => {
    fc.assert(fc.property(fc.array(arbClaim(ids), { minLength: 1, maxLength: 25 }), fc.integer({ min: 1, max: 4000 }), (claims, extra) => {
      const index = buildIndex({ places: PROP_PLACES, claims: resolved(claims) });
      const last = index.changeDays[index.changeDays.length - 1]!;
      expect(controlAt(index, last + extra).map(stateKey)).toEqual(controlAt(index, last).map(stateKey));
    }), { numRuns: 150 });
  });
});

describe("rule 7: sides that stopped existing hand over or fade to unknown", () => {
  const sides = [
    { id: "ntc", name: "", nameAr: "", short: "", color: "#000000", pattern: "solid" as const, description: "", until: "2011-11-30", successor: "interim" },
    { id: "interim", name: "", nameAr: "", short: "", color: "#000000", pattern: "solid" as const, description: "", until: "2014-08-24" },
  ];
  const build = (claims: Claim[]) => buildIndex({ places: T, claims: resolved(claims), sides });
  it("passes an NTC-held town to the interim government, uncertain, then to unknown at the 2014 split", () => {
    const index = build([claim("t", "ntc", "captured", "2011-08-22")]);
    expect(stateOf(index, "t", d("2011-11-30"))).toMatchObject({ status: "held", side: "ntc", certain: true });
    expect(stateOf(index, "t", d("2011-12-01"))).toMatchObject({ status: "held", side: "interim", certain: false, previous: "ntc" });
    expect(stateOf(index, "t", d("2014-08-25")).status).toBe("unknown");
  });
  it("leaves a later claim alone", () => {
    const index = build([claim("t", "ntc", "captured", "2011-08-22"), claim("t", "gna", "controls", "2013-01-01")]);
    expect(stateOf(index, "t", d("2014-09-01"))).toMatchObject({ status: "held", side: "gna", certain: true });
  });
});

describe("fuzzy confirmations", () => {
  it("a month-precision claim that confirms a certain state keeps it certain", () => {
    const claims = [claim("t", "gna", "controls", "2019-04-02"), claim("t", "lna", "offensive", "2019-04-04"), claim("t", "lna", "contested", "2019-05")];
    expect(at(T, claims, "t", "2019-05-10")).toMatchObject({ status: "contested", certain: true });
  });
});

describe("rule 8: low-confidence claims do not overturn firmer ones", () => {
  it("sets a low-confidence claim aside when firmer claims of the same day disagree", () => {
    const claims = [claim("t", "ntc", "captured", "2011-03-04"), claim("t", "gaddafi", "captured", "2011-03-06", { id: "state-tv", confidence: "low" }), claim("t", "ntc", "controls", "2011-03-06", { confidence: "medium" })];
    const s = at(T, claims, "t", "2011-03-07");
    expect(s).toMatchObject({ status: "held", side: "ntc" });
    expect(s.conflicts).toContain("state-tv");
  });
  it("keeps the firm state and lists the low-confidence claim as conflicting", () => {
    const claims = [claim("t", "ntc", "captured", "2011-10-17"), claim("t", "gaddafi", "controls", "2011-10-20", { id: "stale", confidence: "low" })];
    const s = at(T, claims, "t", "2011-10-21");
    expect(s).toMatchObject({ status: "held", side: "ntc", since: d("2011-10-17") });
    expect(s.conflicts).toEqual(["stale"]);
  });
  it("lets low-confidence claims decide when nothing firmer exists", () => {
    expect(at(T, [claim("t", "gaddafi", "controls", "2011-10-20", { confidence: "low" })], "t", "2011-10-21")).toMatchObject({ status: "held", side: "gaddafi" });
  });
});

describe("rule 7 inside the claims: a later fight does not revive an ended side", () => {
  const sides = [
    { id: "ntc", name: "", nameAr: "", short: "", color: "#000000", pattern: "solid" as const, description: "", until: "2011-11-30", successor: "interim" },
    { id: "interim", name: "", nameAr: "", short: "", color: "#000000", pattern: "solid" as const, description: "", until: "2014-08-24" },
  ];
  it("an LNA offensive in 2014 on a town last held by the NTC names the interim government as holder", () => {
    const index = buildIndex({ places: T, claims: resolved([claim("t", "ntc", "captured", "2011-02-20"), claim("t", "lna", "offensive", "2014-05-16")]), sides });
    expect(stateOf(index, "t", d("2014-06-01"))).toMatchObject({ status: "contested", holder: "interim" });
    const late = stateOf(index, "t", d("2014-09-01"));
    expect(late).toMatchObject({ status: "contested" });
    if (late.status === "contested") expect(late.sides).toEqual(["lna"]);
  });
});

describe("fighting within the holder's side", () => {
  it("does not make the place contested", () => {
    const claims = [claim("t", "gna", "controls", "2021-03-16"), claim("t", "gna", "contested", "2023-08-15")];
    expect(at(T, claims, "t", "2023-09-01")).toMatchObject({ status: "held", side: "gna", since: d("2021-03-16") });
  });
  it("a day-precision claim dates a change even when a fuzzy one joins it", () => {
    const claims = [claim("t", "gna", "controls", "2018-01-01"), claim("t", "lna", "offensive", "2019-04-04"), claim("t", "lna", "offensive", "2019-04")];
    expect(at(T, claims, "t", "2019-04-10")).toMatchObject({ status: "contested", certain: true });
  });
});

describe("same-day capture and prior holder", () => {
  it("'X captured it' and 'Y had held it' on the same day agree: X holds it", () => {
    const claims = [claim("t", "lna", "controls", "2016-01-01"), claim("t", "gna", "captured", "2020-05-18"), claim("t", "lna", "controls", "2020-05-18")];
    expect(at(T, claims, "t", "2020-05-19")).toMatchObject({ status: "held", side: "gna", previous: "lna" });
  });
  it("forces of a side withdrawing the day other forces of the side hold it is a handover, not a loss", () => {
    const actors = [
      { id: "brigade", name: "Brigade", aliases: [], alignments: [{ side: "gna", from: "2011-01-01" }] },
      { id: "army", name: "Army", aliases: [], alignments: [{ side: "gna", from: "2011-01-01" }] },
    ];
    const c = (id: string, actor: string, status: Claim["status"], date: string): Claim =>
      ({ id, place: "t", actor, status, date, quote: "q", confidence: "high", source: "s" });
    const handover = [c("b1", "brigade", "controls", "2012-01-01"), c("a1", "army", "controls", "2013-11-18"), c("b2", "brigade", "withdrew", "2013-11-18")];
    const index = buildIndex({ places: T, claims: resolveClaims(handover, actors), actors });
    expect(stateOf(index, "t", d("2013-11-19"))).toMatchObject({ status: "held", side: "gna", since: d("2012-01-01") });
    // The same actor holding and withdrawing on one day still disagrees.
    const muddled = [c("b1", "brigade", "controls", "2012-01-01"), c("b3", "brigade", "controls", "2013-11-18"), c("b2", "brigade", "withdrew", "2013-11-18")];
    expect(stateOf(buildIndex({ places: T, claims: resolveClaims(muddled, actors), actors }), "t", d("2013-11-19")).status).toBe("contested");
  });
  it("two captures by different sides on one day still disagree", () => {
    const claims = [claim("t", "gna", "captured", "2020-05-18"), claim("t", "lna", "captured", "2020-05-18")];
    expect(at(T, claims, "t", "2020-05-19").status).toBe("contested");
  });
});

describe("rule 9: a place follows its holder when the holder changes sides", () => {
  it("Tarhuna held by the Kaniyat turns from GNA to LNA on the day the Kaniyat switch", () => {
    const actors = [
      { id: "kaniyat", name: "Kaniyat", aliases: [], alignments: [{ side: "gna", from: "2016-03-30", to: "2019-04-03" }, { side: "lna", from: "2019-04-04", to: "2020-06-30" }] },
      { id: "gna", name: "GNA", aliases: [], alignments: [{ side: "gna", from: "2011-01-01" }] },
    ];
    const claims = resolveClaims([
      { id: "k1", place: "t", actor: "kaniyat", status: "controls", date: "2018-01-01", quote: "q", confidence: "high", source: "s" },
      { id: "g1", place: "t", actor: "gna", status: "captured", date: "2020-06-05", quote: "q", confidence: "high", source: "s" },
    ], actors);
    const index = buildIndex({ places: T, claims, actors });
    expect(stateOf(index, "t", d("2019-04-03"))).toMatchObject({ status: "held", side: "gna" });
    expect(stateOf(index, "t", d("2019-04-04"))).toMatchObject({ status: "held", side: "lna", since: d("2019-04-04"), previous: "gna" });
    expect(stateOf(index, "t", d("2020-06-05"))).toMatchObject({ status: "held", side: "gna" });
  });
});

describe("rule 11: an old contest turns uncertain", () => {
  it("stays contested but uncertain 90 days after the last report", () => {
    const claims = [claim("t", "gna", "controls", "2015-01-01"), claim("t", "lna", "contested", "2015-04-26")];
    expect(at(T, claims, "t", "2015-06-01")).toMatchObject({ status: "contested", certain: true });
    expect(at(T, claims, "t", "2016-06-01")).toMatchObject({ status: "contested", certain: false, holder: "gna" });
  });
  it("a new report of fighting makes it certain again", () => {
    const claims = [claim("t", "gna", "controls", "2015-01-01"), claim("t", "lna", "contested", "2015-04-26"), claim("t", "lna", "contested", "2016-05-01")];
    expect(at(T, claims, "t", "2016-06-01")).toMatchObject({ status: "contested", certain: true });
  });
});
