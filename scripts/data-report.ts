/**
 * npm run data:report — coverage of the claims dataset: claims and places per year and per
 * side, sources per publisher, places resting on a single source, low-confidence claims, and
 * the dates where sources disagree (same-day conflicts the map shows as contested).
 */
import { buildIndex } from "../lib/control-index";
import { loadDataset } from "../lib/data-files";
import { dayToIso } from "../lib/dates";

const ds = loadDataset();
const index = buildIndex(ds);
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const padL = (s: string | number, n: number) => String(s).padStart(n);

console.log(`Libya Control Atlas data report (version ${ds.version})`);
console.log(`${ds.claims.length} claims, ${new Set(ds.claims.map((c) => c.place)).size} places with claims, ${ds.sources.length} sources, ${new Set(ds.sources.map((s) => s.publisher)).size} publishers.\n`);

console.log("Claims and places per year");
const years = new Map<string, { claims: number; places: Set<string> }>();
for (const c of ds.claims) {
  const y = c.date.slice(0, 4);
  const e = years.get(y) ?? { claims: 0, places: new Set() };
  e.claims++;
  e.places.add(c.place);
  years.set(y, e);
}
const firstYear = 2011, lastYear = Math.max(...[...years.keys()].map(Number));
for (let y = firstYear; y <= lastYear; y++) {
  const e = years.get(String(y));
  console.log(`  ${y}  ${padL(e?.claims ?? 0, 5)} claims  ${padL(e?.places.size ?? 0, 4)} places${e ? "" : "   <- EMPTY"}`);
}

console.log("\nClaims and places per side");
for (const s of ds.sides) {
  const cs = ds.claims.filter((c) => c.sideId === s.id);
  console.log(`  ${pad(s.name, 40)} ${padL(cs.length, 5)} claims  ${padL(new Set(cs.map((c) => c.place)).size, 4)} places`);
}

console.log("\nSources per publisher (top 40)");
const pubs = new Map<string, number>();
for (const s of ds.sources) pubs.set(s.publisher, (pubs.get(s.publisher) ?? 0) + 1);
const sortedPubs = [...pubs].sort((a, b) => b[1] - a[1]);
for (const [p, n] of sortedPubs.slice(0, 40)) console.log(`  ${pad(p, 44)} ${padL(n, 4)}`);
if (sortedPubs.length > 40) console.log(`  … and ${sortedPubs.length - 40} more publishers with ${sortedPubs.slice(40).reduce((n, [, k]) => n + k, 0)} sources`);

console.log("\nPlaces resting on a single source");
const sourcesByPlace = new Map<string, Set<string>>();
for (const c of ds.claims) sourcesByPlace.set(c.place, (sourcesByPlace.get(c.place) ?? new Set()).add(c.source));
const single = [...sourcesByPlace].filter(([, s]) => s.size === 1).map(([p]) => p).sort();
console.log(`  ${single.length}: ${single.join(", ")}`);

const low = ds.claims.filter((c) => c.confidence === "low");
console.log(`\nLow-confidence claims: ${low.length} of ${ds.claims.length}`);
for (const c of low.slice(0, 15)) console.log(`  ${c.id}  ${c.place} ${c.status} ${c.date}`);
if (low.length > 15) console.log(`  … and ${low.length - 15} more`);

console.log("\nDates where sources disagree (same-day claims naming different holders)");
let disagreements = 0;
index.places.forEach((p, i) => {
  for (const seg of index.segments[i]!) {
    if (seg.state.conflicts.length > 1 && !seg.state.derived) {
      disagreements++;
      const sides = seg.state.status === "contested" ? seg.state.sides.join(" vs ") : "";
      console.log(`  ${dayToIso(seg.start)}  ${pad(p.id, 28)} ${pad(sides, 18)} ${seg.state.conflicts.join(", ")}`);
    }
  }
});
console.log(`  ${disagreements} in all.`);

const uncertain = ds.claims.filter((c) => c.precision !== "day").length;
console.log(`\nClaims dated only to a month or year: ${uncertain}`);
const approx = ds.places.filter((p) => p.kind === "city" && (p as { approximate?: boolean }).approximate).length;
console.log(`Change days on the slider: ${index.changeDays.length}`);
void approx;
