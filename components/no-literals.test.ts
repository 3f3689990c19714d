// The interface's words live in lib/messages (en.ts, ar.ts): a component that writes English
// text straight into its markup would show it untranslated on /ar. This test finds such text.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const dir = path.join(__dirname);
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".tsx"));
/** Names of things, the same in every language. */
const PROPER_NAMES = new Set(["Natural Earth", "GeoNames", "OurAirports"]);

describe("components", () => {
  it.each(files)("%s writes no English text outside the message files", (file) => {
    const code = fs.readFileSync(path.join(dir, file), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    const text = [...code.matchAll(/(?<![=-])>\s*([A-Za-z][A-Za-z ,.'’]{2,}?)\s*</g)].map((m) => m[1]!).filter((t) => !PROPER_NAMES.has(t));
    const attrs = [...code.matchAll(/\b(aria-label|title|placeholder|alt)="([^"]*[A-Za-z][^"]*)"/g)].map((m) => `${m[1]}="${m[2]}"`).filter((a) => !a.includes("${"));
    expect([...text, ...attrs]).toEqual([]);
  });
});
