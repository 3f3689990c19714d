import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { articleMeta, slugify } from "./editor-article";
import { seedText } from "./editor-fixtures";
import { ABSENT, mergeSource } from "./editor-store";
import { ID_RE } from "./schema";

describe("articleMeta", () => {
  test("the seed article: headline, dateline, 'Source:' line", () => {
    expect(articleMeta(seedText())).toEqual({
      title: "Rebellious General Haftar continues offensive against Libyan capital",
      publisher: "Rossa Primavera News Agency",
      url: "",
      published: "2019-04-06",
      language: "en",
      id: "rossa-primavera-2019-04-06-rebellious-general-haftar-continues",
    });
  });

  test("fixture header lines win; an agency in the dateline is the publisher", () => {
    const m = articleMeta("Forces take Sirte\n\nSIRTE, Jan 6, 2020 (Reuters) - Forces loyal to Haftar took Sirte.\n");
    expect(m).toMatchObject({ title: "Forces take Sirte", publisher: "Reuters", published: "2020-01-06" });
    expect(articleMeta("# url: https://example.org/a\n# publisher: BBC\nText.").publisher).toBe("BBC");
    expect(articleMeta("# url: https://example.org/a\nText.").url).toBe("https://example.org/a");
  });

  test("the suggested id is always a valid slug (or empty)", () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const id = articleMeta(s).id;
      expect(id === "" || ID_RE.test(id)).toBe(true);
    }));
    expect(slugify("Haftar’s forces take Misrata – again!")).toBe("haftars-forces-take-misrata-again");
  });
});

describe("mergeSource", () => {
  const meta = { id: "s", title: "T", publisher: "P", url: "https://e.org/s", published: "2019-04-06", language: "en" };
  const claim = (n: number, extra = {}) => ({ place: "gharyan", actor: "lna", status: "controls", date: `2019-01-0${n}`, quote: `q${n}`, confidence: "medium", ...extra });

  test("whatever order concurrent additions arrive in, every claim is kept exactly once", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 }), (ns) => {
      let file: Record<string, unknown> | null = null;
      for (const n of ns) {
        const r = mergeSource(file, file ? "rev-x" : ABSENT, { source: meta, claims: [claim(n)], baseRevision: null });
        if ("conflict" in r) throw new Error(r.conflict);
        file = r.file;
      }
      const dates = (file!.claims as { date: string }[]).map((c) => c.date);
      expect(new Set(dates).size).toBe(dates.length);
      expect(new Set(dates)).toEqual(new Set(ns.map((n) => `2019-01-0${n}`)));
    }));
  });

  test("leaving out the text keeps the text on disk", () => {
    const r = mergeSource({ ...meta, text: "kept", claims: [] }, "r1", { source: meta, claims: [], baseRevision: "r1" });
    expect("file" in r && r.file.text).toBe("kept");
  });
});
