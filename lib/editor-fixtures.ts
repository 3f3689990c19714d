/**
 * Test set-up for the editor: a temporary project root holding a small, valid copy of data/
 * (the geography, sides, actors and the seed article's source), so tests write to a copy.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const here = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/** The seed article's source file, copied into every temporary root. */
export const SEED_SOURCE = "rossa-primavera-2019-04-06-haftar-offensive";

/** A temporary root with data/{regions,cities,areas}.geojson, sides.json, actors.json and the seed source. */
export function tempRoot(prefix = "lca-editor-"): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(root, "data", "sources"), { recursive: true });
  for (const f of ["regions.geojson", "cities.geojson", "areas.geojson", "sides.json", "actors.json"]) {
    fs.copyFileSync(path.join(here, "data", f), path.join(root, "data", f));
  }
  fs.copyFileSync(path.join(here, "data", "sources", `${SEED_SOURCE}.json`), path.join(root, "data", "sources", `${SEED_SOURCE}.json`));
  return root;
}

/** Every file under dir, relative (to spot stray temporary files). */
export function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/** A valid source for tests, published on the seed's day. */
export function testSource(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, title: `Test article ${id}`, publisher: "Test Agency", url: `https://example.org/${id}`, published: "2019-04-06", language: "en", ...extra };
}

/** A valid claim (LNA, 2019) on a distinct day so no two are the same claim. */
export function testClaim(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const day = new Date(Date.UTC(2019, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  return { place: "gharyan", actor: "lna", status: "controls", date: day, quote: `Claim number ${n} says the LNA holds Gharyan.`, confidence: "medium", ...extra };
}

/** The seed article's text. */
export function seedText(): string {
  return fs.readFileSync(path.join(here, "scripts", "extract-fixtures", `2019-04-06-rossa-primavera-haftar-offensive.txt`), "utf8");
}
