/**
 * Key moments the engine must reproduce from the shipped data, each tied to the claims and
 * sources that decide it. If a data edit changes one of these, the test says which claim moved.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildIndex, stateOf, supportingClaims, type PlaceState } from "./control-index";
import { parseData } from "./check";
import { readDataFiles } from "./data-files";
import { parseDay } from "./dates";
import { resolveClaims } from "./resolve";

const ds = parseData(readDataFiles(path.join(__dirname, "..")));
const index = buildIndex(ds);
const d = (iso: string) => parseDay(iso)!;
const state = (place: string, iso: string) => stateOf(index, place, d(iso));
const holderOf = (s: PlaceState) => (s.status === "held" ? s.side : s.status === "contested" ? s.holder : null);
const support = (place: string, iso: string) => supportingClaims(index, place, d(iso));
const sourceOf = (claimId: string) => ds.sources.find((s) => s.id === ds.claims.find((c) => c.id === claimId)?.source);

interface Checkpoint {
  place: string;
  date: string;
  expect: Partial<{ status: PlaceState["status"]; side: string; holder: string; since: string }>;
  /** A claim (id prefix) that must be among those supporting the state. */
  because: string;
}

const CHECKPOINTS: Checkpoint[] = [
  { place: "tripoli", date: "2014-03-01", expect: { status: "held", side: "interim" }, because: "magharebia-2013-11-18-troops-enter-tripoli-misratans-exit" },
  { place: "tripoli", date: "2014-08-01", expect: { status: "contested", holder: "interim" }, because: "guardian-2014-07-20-militias-battle-tripoli-airport" },
  { place: "benghazi", date: "2011-03-01", expect: { status: "held", side: "ntc" }, because: "latimes-2011-02-23-opposition-seizes-western-city" },
  { place: "ajdabiya", date: "2011-04-01", expect: { status: "held", side: "ntc" }, because: "" },
  { place: "tripoli", date: "2011-08-30", expect: { status: "held", side: "ntc" }, because: "" },
  { place: "sirte", date: "2011-10-21", expect: { status: "held", side: "ntc" }, because: "reuters-2011-10-20-sirte-captured" },
  { place: "bani-walid", date: "2011-10-20", expect: { status: "held", side: "ntc", since: "2011-10-17" }, because: "" },
  { place: "tripoli-international-airport", date: "2014-09-01", expect: { status: "held", side: "gna" }, because: "xinhua-2014-08-23-tripoli-airport" },
  { place: "sirte", date: "2015-07-01", expect: { status: "held", side: "isil" }, because: "" },
  { place: "sirte", date: "2016-12-20", expect: { status: "held", side: "gna" }, because: "reuters-2016-12-06-sirte-final-district" },
  { place: "benghazi", date: "2017-12-31", expect: { status: "held", side: "lna", since: "2017-07-05" }, because: "" },
  { place: "derna", date: "2018-07-15", expect: { status: "held", side: "lna", since: "2018-06-28" }, because: "africanews-2018-06-29-derna-victory" },
  { place: "fezzan", date: "2019-01-20", expect: { status: "contested" }, because: "rossa-primavera-2019-04-06-haftar-offensive-3" },
  { place: "tripoli", date: "2019-04-10", expect: { status: "contested", holder: "gna" }, because: "rossa-primavera-2019-04-06-haftar-offensive-4" },
  { place: "gharyan", date: "2019-04-10", expect: { status: "held", side: "lna" }, because: "" },
  { place: "gharyan", date: "2019-06-28", expect: { holder: "gna" }, because: "" },
  { place: "sirte", date: "2020-01-10", expect: { status: "held", side: "lna", since: "2020-01-06" }, because: "" },
  { place: "sabratha", date: "2020-04-20", expect: { status: "held", side: "gna" }, because: "" },
  { place: "al-watiya-air-base", date: "2020-05-25", expect: { status: "held", side: "gna", since: "2020-05-18" }, because: "reuters-2020-05-18-watiya" },
  { place: "tarhuna", date: "2020-06-10", expect: { status: "held", side: "gna" }, because: "" },
  { place: "sirte", date: "2021-06-01", expect: { status: "held", side: "lna" }, because: "" },
  // Audit of key places against the history (2011–2020): each fixed with the sourced claim named.
  { place: "benghazi", date: "2011-06-01", expect: { status: "held", side: "ntc" }, because: "afp-2011-03-21-qaddafi-forces-retreat-after-air-strikes" },
  { place: "brega", date: "2011-05-15", expect: { status: "held", side: "gaddafi" }, because: "wikipedia-2011-battle-of-brega-ajdabiya-road" },
  { place: "ajdabiya", date: "2011-08-01", expect: { status: "held", side: "ntc" }, because: "reuters-2011-06-14-rebels-edge-forward-eastern-front" },
  { place: "kufra", date: "2011-08-01", expect: { status: "held", side: "ntc", since: "2011-05-05" }, because: "libyaherald-2018-03-15-lna-units-kufra-2" },
  { place: "es-sider", date: "2011-06-01", expect: { status: "held", side: "gaddafi" }, because: "reuters-2011-04-01-east-libya-rebels-organize-head-towards-oil-town" },
  { place: "tobruk", date: "2014-09-15", expect: { status: "held", side: "lna" }, because: "aljazeera-2014-09-01-libyan-mp-asked-form-new-government" },
  { place: "gharyan", date: "2017-06-01", expect: { status: "held", side: "gna" }, because: "" },
  { place: "es-sider", date: "2017-01-01", expect: { status: "held", side: "lna" }, because: "libyaherald-2016-12-07-lna-retake-ben-jawad-nufliya" },
  { place: "mitiga-airport", date: "2019-06-01", expect: { status: "held", side: "gna" }, because: "libyaherald-2018-09-17-serraj-forces-mitiga-security" },
  { place: "ras-lanuf", date: "2019-01-01", expect: { status: "held", side: "lna" }, because: "aawsat-2018-06-23-oil-crescent-2" },
  { place: "jufra-air-base", date: "2020-01-15", expect: { status: "held", side: "lna" }, because: "" },
  { place: "abu-qurain", date: "2021-01-01", expect: { status: "held", side: "gna" }, because: "middleeastmonitor-2020-07-20-gna-reinforcements-sirte-jufra" },
  { place: "el-feel-oil-field", date: "2021-01-01", expect: { status: "held", side: "lna" }, because: "almarsad-2020-06-10-el-feel-shut-pro-haftar-militia" },
  // Oil crescent after the September 2016 LNA takeover, and Ajdabiya in spring 2011 (rebel-held between loyalist attacks).
  { place: "ras-lanuf", date: "2016-10-15", expect: { status: "held", side: "lna", since: "2016-09-11" }, because: "lana-2016-09-19-lna-holds-oil-ports" },
  { place: "es-sider", date: "2016-11-15", expect: { status: "held", side: "lna", since: "2016-09-11" }, because: "lana-2016-09-19-lna-holds-oil-ports" },
  { place: "brega", date: "2016-11-15", expect: { status: "held", side: "lna" }, because: "maltaindependent-2016-09-26-second-tanker-ras-lanuf" },
  { place: "ajdabiya", date: "2011-05-20", expect: { status: "held", side: "ntc" }, because: "news24-2011-05-12-rockets-strike-ajdabiya" },
  // After the August 2014 split (no successor to the interim government), Sirte's fall in October 2011 and its last ISIS district in late 2016, and Zintan from April 2019.
  { place: "misrata", date: "2014-10-01", expect: { status: "held", side: "gna" }, because: "libyasecuritymonitor-2014-07-21-tripoli-battle-alignments-4" },
  { place: "sirte", date: "2014-12-20", expect: { status: "held", side: "gna" }, because: "libyaherald-2014-12-13-dawn-attack-oil-terminals-3" },
  { place: "zintan", date: "2014-12-15", expect: { status: "held", side: "lna" }, because: "libyaherald-2014-11-21-zintan-airstrikes-nafusa" },
  { place: "brega", date: "2015-06-01", expect: { status: "held", side: "local" }, because: "reuters-2014-07-12-brega-port-shut-oil-guards" },
  { place: "brega", date: "2016-06-01", expect: { status: "held", side: "gna" }, because: "reuters-2016-04-23-is-clash-oil-guards-brega" },
  { place: "surman", date: "2015-01-01", expect: { status: "held", side: "gna" }, because: "xinhua-2014-12-28-misrata-airstrikes-libya-dawn-1" },
  { place: "bani-walid", date: "2015-01-01", expect: { status: "held", side: "local" }, because: "libyaherald-2014-09-25-bani-walid-remembers" },
  { place: "sirte", date: "2011-10-15", expect: { status: "contested", holder: "gaddafi" }, because: "yourmiddleeast-2011-10-12-ntc-cleaning-up-sirte-1" },
  { place: "sirte", date: "2011-10-21", expect: { status: "held", side: "ntc", since: "2011-10-20" }, because: "reuters-2011-10-20-sirte-captured" },
  { place: "sirte", date: "2016-10-25", expect: { status: "contested", holder: "gna" }, because: "libyasecuritymonitor-2016-10-25-sirte-ghiza-bahriya" },
  { place: "sirte", date: "2016-12-01", expect: { status: "contested", holder: "gna" }, because: "libyasecuritymonitor-2016-11-01-sirte-jiza-bahriya" },
  { place: "zintan", date: "2019-10-01", expect: { status: "held", side: "gna" }, because: "arraedlg-2019-04-13-zintan-rejects-militarization" },
  { place: "zintan", date: "2020-06-01", expect: { status: "held", side: "gna" }, because: "middleeastmonitor-2020-05-20-zintan-mizda-support-gna" },
  { place: "kufra", date: "2017-03-01", expect: { status: "held", side: "lna", since: "2016-08-28" }, because: "libyaherald-2016-08-28-hafter-military-rule-south" },
  { place: "sabratha", date: "2018-06-01", expect: { status: "held", side: "lna", since: "2017-10-06" }, because: "libyasecuritymonitor-2017-10-11-aior-controls-sabratha" },
];

describe("checkpoints the data must reproduce", () => {
  for (const cp of CHECKPOINTS) {
    it(`${cp.place} on ${cp.date}: ${JSON.stringify(cp.expect)}`, () => {
      const s = state(cp.place, cp.date);
      const claims = support(cp.place, cp.date);
      const why = `state ${JSON.stringify({ ...s, claims: undefined })}; claims ${claims.join(", ")}`;
      if (cp.expect.status) expect(s.status, why).toBe(cp.expect.status);
      if (cp.expect.side) expect(s.status === "held" ? s.side : null, why).toBe(cp.expect.side);
      if (cp.expect.holder) expect(holderOf(s), why).toBe(cp.expect.holder);
      if (cp.expect.since) expect(s.since, why).toBe(d(cp.expect.since));
      expect(claims.length, why).toBeGreaterThan(0);
      if (cp.because) expect(claims.some((c) => c.startsWith(cp.because)), why).toBe(true);
      // Every supporting claim cites a real source with a link.
      for (const c of claims) expect(sourceOf(c)?.url, c).toMatch(/^https?:\/\//);
    });
  }
});

describe("the seed article", () => {
  const seed = ds.claims.filter((c) => c.source === "rossa-primavera-2019-04-06-haftar-offensive");
  it("contributes its four claims with their quotes", () => {
    expect(seed.map((c) => [c.place, c.status, c.date]).sort()).toEqual([
      ["benghazi", "captured", "2017"], ["derna", "captured", "2018"], ["fezzan", "offensive", "2019-01"], ["tripoli", "offensive", "2019-04"],
    ]);
    const text = ds.sources.find((s) => s.id === "rossa-primavera-2019-04-06-haftar-offensive")!.text!;
    for (const c of seed) expect(text).toContain(c.quote);
  });
  it("gives the expected states on its own", () => {
    // Resolved afresh, so no other article's precise dates anchor the seed's fuzzy ones.
    const only = buildIndex({ places: ds.places, claims: resolveClaims(seed, ds.actors), sides: ds.sides });
    expect(stateOf(only, "benghazi", d("2017-06-01"))).toMatchObject({ status: "held", side: "lna", certain: false });
    expect(stateOf(only, "benghazi", d("2018-01-01"))).toMatchObject({ status: "held", side: "lna", certain: true });
    expect(stateOf(only, "derna", d("2018-12-31"))).toMatchObject({ status: "held", side: "lna" });
    expect(stateOf(only, "fezzan", d("2019-01-15"))).toMatchObject({ status: "contested" });
    expect(stateOf(only, "tripoli", d("2019-04-10"))).toMatchObject({ status: "contested" });
  });
});

describe("coverage", () => {
  it("has at least 300 claims over at least 70 places, and no empty year from 2011 to 2021", () => {
    expect(ds.claims.length).toBeGreaterThanOrEqual(300);
    expect(new Set(ds.claims.map((c) => c.place)).size).toBeGreaterThanOrEqual(70);
    for (let y = 2011; y <= 2021; y++) expect(ds.claims.filter((c) => c.date.startsWith(String(y))).length, String(y)).toBeGreaterThan(0);
  });
  it("cites at least 15 publishers", () => {
    expect(new Set(ds.sources.map((s) => s.publisher)).size).toBeGreaterThanOrEqual(15);
  });
});
