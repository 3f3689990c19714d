import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlacesAndActors } from "../scripts/extract";
import { evaluateFixtures, FIXTURE_DIR } from "../scripts/eval-extract";
import { extractClaims, findDates, parseDateline, readArticle, splitSentences } from "./extract";
import { buildGazetteer } from "./gazetteer";

const { places, actors } = loadPlacesAndActors();
const gazetteer = buildGazetteer(places, actors);
const extract = (text: string, published?: string) => extractClaims(text, { published, places, actors, gazetteer });
const brief = (text: string, published?: string) => extract(text, published).map((c) => `${c.placeId} ${c.side} ${c.status} ${c.date}`);

describe("gazetteer", () => {
  it("finds transliteration variants, optional articles and region names", () => {
    const found = gazetteer.find("Fighting in Misurata, Sirt, Darnah, Ajdabiyah, Tarabulus, al-Zintan and the oil crescent, and in Fezzan.");
    expect(found.filter((m) => m.kind === "place").map((m) => m.id)).toEqual(["misrata", "sirte", "derna", "ajdabiya", "tripoli", "zintan", "oil-crescent", "fezzan"]);
  });

  it("finds actors through aliases, acronyms only in capitals, longest match first", () => {
    const found = gazetteer.find("Haftar's forces and the LNA fought the Government of National Accord; Daesh and ISIS is gone. The Benghazi Defense Brigades attacked.");
    expect(found.map((m) => `${m.kind}:${m.id}`)).toEqual(["actor:lna", "actor:lna", "actor:gna", "actor:isil", "actor:isil", "actor:benghazi-defense-brigades"]);
  });

  it("needs a capital for a one-word place that is also an English word", () => {
    expect(gazetteer.find("the sultan's hun").filter((m) => m.kind === "place")).toEqual([]);
  });
});

describe("seed article", () => {
  const raw = fs.readFileSync(path.join(FIXTURE_DIR, "2019-04-06-rossa-primavera-haftar-offensive.txt"), "utf8");
  const { text } = readArticle(raw);
  const candidates = extract(text);

  it("gives exactly its four claims", () => {
    expect(candidates.map((c) => [c.placeId, c.actorId, c.side, c.status, c.date, c.precision])).toEqual([
      ["tripoli", "lna", "lna", "offensive", "2019-04", "month"],
      ["benghazi", "lna", "lna", "captured", "2017", "year"],
      ["derna", "lna", "lna", "captured", "2018", "year"],
      ["fezzan", "lna", "lna", "offensive", "2019-01", "month"],
    ]);
  });

  it("quotes each claim with exact offsets", () => {
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, "2019-04-06-rossa-primavera-haftar-offensive.expected.json"), "utf8")) as { claims: { place: string; quote: string }[] };
    for (const c of candidates) {
      expect(text.slice(c.start, c.end)).toBe(c.quote);
      expect(c.quote.split(/\s+/).length).toBeLessThanOrEqual(25);
      expect(c.quote).toBe(expected.claims.find((e) => e.place === c.placeId)?.quote);
      expect(c.reason.length).toBeGreaterThan(0);
    }
  });
});

describe("datelines", () => {
  it.each([
    ["Headline\n\n06.04.2019, Tripoli.\n\nText.", "2019-04-06"],
    ["TRIPOLI, April 6 (Reuters) - Forces loyal to Haftar advanced in 2019.", "2019-04-06"],
    ["Key oil ports\n\nTRIPOLI, September 12, 2016 – At least two ports were seized.", "2016-09-12"],
    ["BENGHAZI (UrduPoint News / Sputnik - 27th June, 2019) The forces entered.", "2019-06-27"],
    ["Benghazi 'liberated'\n\nJuly 6, 2017\n\nText.", "2017-07-06"],
    ["No date here at all.", null],
  ])("%j → %s", (text, iso) => {
    expect(parseDateline(text)).toBe(iso);
  });

  it("dates undated claims from the dateline when no publication date is given", () => {
    expect(brief("06.01.2020, Cairo.\nThe Libyan National Army captured the city of Sirte.")).toEqual(["sirte lna captured 2020-01"]);
  });
});

describe("dates", () => {
  const pub = "2019-04-06"; // a Saturday
  it.each([
    ["In 2017, he seized Benghazi.", "2017", "year"],
    ["In January 2019, his forces launched an offensive.", "2019-01", "month"],
    ["On Thursday the army entered the town.", "2019-04-04", "day"],
    ["Rebels said on Monday they had taken the town.", "2019-04-01", "day"],
    ["Yesterday the army entered the town.", "2019-04-05", "day"],
    ["The town fell last week.", "2019-03", "month"],
    ["The city was seized in June 2015.", "2015-06", "month"],
    ["On March 13 the rebels abandoned the town.", "2019-03-13", "day"],
  ])("%s", (sentence, iso, precision) => {
    const [d] = findDates(sentence, pub);
    expect(d).toMatchObject({ iso, precision });
  });

  it("puts relative dates on the claim", () => {
    expect(brief("Haftar's forces captured Gharyan on Tuesday.", "2019-04-06")).toEqual(["gharyan lna captured 2019-04-02"]);
    expect(brief("Rebels retook Brega last week.", "2011-03-26")).toEqual(["brega ntc captured 2011-03"]);
  });

  it("uses the publication month for an undated event and the day for a present state", () => {
    expect(brief("Rebels have retaken Brega.", "2011-03-26")).toEqual(["brega ntc captured 2011-03"]);
    expect(brief("Ajdabiya is still under rebel control.", "2011-03-13")).toEqual(["ajdabiya ntc controls 2011-03-13"]);
  });
});

describe("negative cases", () => {
  it.each([
    "The aim of Haftar's offensive is to capture Tripoli.",
    "Haftar's ultimate goal is to take Tripoli.",
    "The LNA aims to capture Sirte.",
    "The LNA plans to seize Misrata next month.",
    "GNA forces will liberate Tarhuna from Haftar's forces.",
    "The LNA would take Sirte if talks fail.",
    "The GNA has been fighting to prevent the LNA from capturing Tripoli.",
    "Rebels failed to retake Brega.",
    "UN envoy Ghassan Salame, who is in Tripoli, met the GNA.",
    "Haftar visited Benghazi on Monday.",
  ])("%s", (sentence) => {
    expect(extract(sentence, "2019-04-06")).toEqual([]);
  });

  it("drops an alias used outside its actor's era (\"rebels\" in 2020)", () => {
    expect(extract("Rebel forces say they have taken control of Sirte.", "2020-01-07")).toEqual([]);
  });

  it("keeps a place named only as a landmark out of the claim", () => {
    expect(brief("GNA forces recaptured Gharyan, 80 km south of Tripoli.", "2019-06-27")).toEqual(["gharyan gna captured 2019-06"]);
  });
});

describe("sentences", () => {
  it("keeps abbreviations inside a sentence and offsets exact", () => {
    const text = "Gen. Khalifa Haftar took Sirte on Sept. 11. Rebels left.";
    const s = splitSentences(text);
    expect(s.map((x) => x.text)).toEqual(["Gen. Khalifa Haftar took Sirte on Sept. 11.", "Rebels left."]);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
  });
});

describe("evaluation over the fixtures", () => {
  it("keeps precision >= 0.8 and recall >= 0.7", () => {
    const { fixtures, precision, recall } = evaluateFixtures({ places, actors });
    expect(fixtures.length).toBeGreaterThanOrEqual(11);
    expect(precision).toBeGreaterThanOrEqual(0.8);
    expect(recall).toBeGreaterThanOrEqual(0.7);
  });

  it("annotates only places that exist", () => {
    const ids = new Set(places.map((p) => p.id));
    for (const f of evaluateFixtures({ places, actors }).fixtures) for (const e of f.expected) expect(ids.has(e.place), `${f.name}: ${e.place}`).toBe(true);
  });
});
