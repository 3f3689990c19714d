import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkData, formatIssue, parseData, DataError, type DataFile } from "./check";
import { readDataFiles } from "./data-files";

const FIXTURES = path.join(__dirname, "check-fixtures");
const good = readDataFiles(path.join(FIXTURES, "good"));

/** The good fixture with some files replaced (or added). */
function withFiles(files: Record<string, string>): DataFile[] {
  const out = good.filter((f) => !(f.path in files));
  for (const [p, text] of Object.entries(files)) out.push({ path: p, text });
  return out;
}

describe("data:check on fixtures", () => {
  it("accepts the good fixture", () => {
    const { issues, dataset } = checkData(good);
    expect(issues.map(formatIssue)).toEqual([]);
    expect(dataset?.claims).toHaveLength(2);
  });

  const bad = fs.readdirSync(path.join(FIXTURES, "bad")).filter((f) => f.endsWith(".json"));
  it("has a bad fixture for each kind of mistake", () => expect(bad.length).toBeGreaterThanOrEqual(25));
  for (const name of bad) {
    it(`rejects ${name.replace(/\.json$/, "")} with a precise message`, () => {
      const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, "bad", name), "utf8")) as { expect: string; files: Record<string, string> };
      const { issues, dataset } = checkData(withFiles(fixture.files));
      const lines = issues.map(formatIssue);
      expect(dataset).toBeNull();
      expect(lines.some((l) => l.includes(fixture.expect)), `expected a line containing ${JSON.stringify(fixture.expect)}, got:\n${lines.join("\n")}`).toBe(true);
      // Every line names the file it is about.
      for (const l of lines) expect(l).toMatch(/^data\//);
    });
  }

  it("never throws on garbage, whatever the file holds", () => {
    for (const text of ["", "null", "[]", "{}", '{"type":"FeatureCollection","features":[null, 1, "x", {"type":"Feature"}]}', "\u0000\uFFFF", "1e999"]) {
      for (const p of ["data/regions.geojson", "data/cities.geojson", "data/sides.json", "data/actors.json", "data/sources/good-source.json"]) {
        expect(() => checkData(withFiles({ [p]: text }))).not.toThrow();
      }
    }
  });

  it("parseData throws a DataError carrying the issues", () => {
    const files = withFiles({ "data/sources/good-source.json": "{" });
    expect(() => parseData(files)).toThrow(DataError);
    try {
      parseData(files);
    } catch (e) {
      expect((e as DataError).name).toBe("DataError");
      expect((e as DataError).issues.length).toBeGreaterThan(0);
    }
  });
});

describe("data:check on the shipped data", () => {
  it("passes", () => {
    const { issues, dataset } = checkData(readDataFiles(path.join(__dirname, "..")));
    expect(issues.map(formatIssue)).toEqual([]);
    expect(dataset!.places.filter((p) => p.kind === "region")).toHaveLength(22);
    expect(dataset!.places.filter((p) => p.kind === "city").length).toBeGreaterThanOrEqual(100);
  });
});

describe("the shipped geography", () => {
  const ds = parseData(readDataFiles(path.join(__dirname, "..")));
  const ids = new Set(ds.places.map((p) => p.id));
  it("has every town and site the history needs", () => {
    const required = ["tripoli", "benghazi", "misrata", "sirte", "derna", "tobruk", "ajdabiya", "ras-lanuf", "es-sider", "brega", "zueitina", "sabha", "ubari", "murzuq", "kufra", "gharyan", "tarhuna", "zawiya", "sabratha", "surman", "zintan", "bani-walid", "hun", "waddan", "sokna", "jufra-air-base", "al-watiya-air-base", "al-bayda", "marj", "ghadames", "nalut", "zuwara", "al-asabaa", "qasr-bin-ghashir", "ain-zara", "tamanhint-air-base", "brak", "sharara-oil-field", "ghat", "jalu", "awjila", "nofaliya", "bin-jawad", "harawa", "abu-qurain", "al-khums", "zliten", "msallata", "yafran", "mizdah", "tripoli-international-airport", "mitiga-airport"];
    expect(required.filter((id) => !ids.has(id))).toEqual([]);
  });
  it("puts towns in the right districts", () => {
    const region = (id: string) => ds.places.find((p) => p.id === id)?.region;
    expect(region("tripoli")).toBe("LY-TB");
    expect(region("misrata")).toBe("LY-MI");
    expect(region("sirte")).toBe("LY-SR");
    expect(region("ghadames")).toBe("LY-NL");
    expect(region("ajdabiya")).toBe("LY-WA");
    expect(region("derna")).toBe("LY-DR");
  });
  it("names every district in English and Arabic", () => {
    for (const r of ds.places.filter((p) => p.kind === "region")) {
      expect(r.name.length).toBeGreaterThan(2);
      expect(r.nameAr).toMatch(/[\u0600-\u06FF]/);
    }
  });
});
