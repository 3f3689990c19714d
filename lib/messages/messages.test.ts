import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ar } from "./ar";
import { en } from "./en";
import { formattersFor, LANGS, messagesFor, placeNameIn, sideNameIn } from "./index";

/** Every leaf path of a messages object, with the type of its value. */
function leaves(o: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (o && typeof o === "object" && !Array.isArray(o)) {
    for (const [k, v] of Object.entries(o)) for (const [p, t] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, t);
  } else {
    out.set(prefix, Array.isArray(o) ? `array:${o.length}` : typeof o);
  }
  return out;
}

describe("messages", () => {
  it("has every key in both languages, with the same kind of value", () => {
    const a = leaves(en), b = leaves(ar);
    const missingInAr = [...a.keys()].filter((k) => !b.has(k));
    const missingInEn = [...b.keys()].filter((k) => !a.has(k));
    expect(missingInAr, "keys missing in ar.ts").toEqual([]);
    expect(missingInEn, "keys missing in en.ts").toEqual([]);
    for (const [k, t] of a) expect(b.get(k), k).toBe(t);
  });

  it("has no empty string and no function that answers an empty string", () => {
    for (const lang of LANGS) {
      const walk = (o: unknown, where: string) => {
        if (typeof o === "string") expect(o.trim(), `${lang}:${where}`).not.toBe("");
        else if (typeof o === "function") {
          const fn = o as (...a: unknown[]) => unknown;
          let out: unknown;
          try {
            out = fn(2, "2", "x", "y");
          } catch {
            out = fn(["x", "y"], "x", "y"); // the few that take a list
          }
          expect(String(out).trim(), `${lang}:${where}`).not.toBe("");
        }
        else if (o && typeof o === "object") for (const [k, v] of Object.entries(o)) walk(v, `${where}.${k}`);
      };
      walk(messagesFor(lang), "");
    }
  });

  it("writes Arabic in Arabic script, with Arabic plural forms", () => {
    expect(ar.title).toMatch(/[\u0600-\u06FF]/);
    expect(ar.changedBetween(0, "0", "أ", "ب")).toMatch(/^لم يتغيّر/);
    expect(ar.changedBetween(2, "2", "أ", "ب")).toMatch(/^تغيّر مكانان/);
    expect(ar.changedBetween(5, "5", "أ", "ب")).toMatch(/^تغيّرت 5 أماكن/);
    expect(ar.changedBetween(12, "12", "أ", "ب")).toMatch(/^تغيّر 12 مكانًا/);
    expect(ar.changedBetween(103, "103", "أ", "ب")).toMatch(/^تغيّرت 103 أماكن/);
    expect(ar.claimCount(7, "7")).toBe("7 ادعاءات");
  });

  it("gives every side in data/sides.json an Arabic name", () => {
    const sides = JSON.parse(fs.readFileSync(path.join(__dirname, "../../data/sides.json"), "utf8")) as { id: string; name: string; nameAr?: string }[];
    for (const s of sides) expect(s.nameAr?.trim(), s.id).toBeTruthy();
    expect(sideNameIn("ar", { name: "X", nameAr: "س" }, "x")).toBe("س");
    expect(placeNameIn("ar", { name: "Sirte", nameAr: null })).toBe("Sirte");
  });
});

describe("formatters", () => {
  const day = Date.UTC(2019, 3, 10) / 86_400_000;
  it("formats dates in UTC per language", () => {
    expect(formattersFor("en").day(day)).toBe("10 April 2019");
    expect(formattersFor("ar").day(day)).toBe("10 أبريل 2019");
    expect(formattersFor("en").claimDate("2019-04")).toBe("April 2019");
    expect(formattersFor("ar").claimDate("2019-04")).toBe("أبريل 2019");
    expect(formattersFor("ar").claimDate("2019")).toBe("2019");
  });
});
