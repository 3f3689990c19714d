/**
 * npm run bench:engine — the engine on a synthetic dataset: 5,000 places (22 districts and
 * 4,978 towns), 100,000 claims over 2011–2021. Prints the figures; the last line is JSON.
 */
import { buildIndex, controlAt, type PlaceState } from "../lib/control-index";
import { parseDay } from "../lib/dates";
import { claim, district, resolved, TEST_SIDES, town } from "../lib/fixtures";
import type { Claim, ClaimStatus, Place } from "../lib/types";

const PLACES = 5000;
const CLAIMS = 100_000;
const REGIONS = 22;

// A small deterministic PRNG so runs compare.
let seed = 42;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);

const places: Place[] = [];
for (let r = 0; r < REGIONS; r++) places.push(district(`LY-R${String.fromCharCode(65 + Math.floor(r / 26))}${String.fromCharCode(65 + (r % 26))}`, 10 + (r % 6) * 2, 20 + Math.floor(r / 6) * 2, 2));
for (let i = places.length; i < PLACES; i++) {
  const r = places[Math.floor(rand() * REGIONS)]!;
  places.push(town(`t${i}`, { region: r.id, population: Math.floor(rand() * 50000) }));
}
const start = parseDay("2011-02-15")!;
const end = parseDay("2021-12-31")!;
const statuses: ClaimStatus[] = ["controls", "captured", "captured", "controls", "contested", "offensive", "lost", "withdrew"];
const iso = (d: number) => new Date(d * 864e5).toISOString().slice(0, 10);
const claims: Claim[] = [];
for (let i = 0; i < CLAIMS; i++) {
  const p = places[REGIONS + Math.floor(rand() * (PLACES - REGIONS))]!;
  const day = start + Math.floor(rand() * (end - start));
  const precision = rand();
  const date = precision < 0.85 ? iso(day) : precision < 0.95 ? iso(day).slice(0, 7) : iso(day).slice(0, 4);
  claims.push(claim(p.id, TEST_SIDES[Math.floor(rand() * 4)]!, statuses[Math.floor(rand() * statuses.length)]!, date));
}
const resolvedClaims = resolved(claims);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.log("(run with node --expose-gc for a clean heap figure)");
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const builds: number[] = [];
let index = buildIndex({ places, claims: resolvedClaims });
gc?.();
const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  index = buildIndex({ places, claims: resolvedClaims });
  builds.push(performance.now() - t0);
}

const out: PlaceState[] = new Array(places.length);
const times: number[] = [];
for (let k = 0; k < 50; k++) controlAt(index, start + Math.floor(rand() * (end - start)), out);
for (let k = 0; k < 1000; k++) {
  const day = start + Math.floor(rand() * (end - start));
  const t0 = performance.now();
  controlAt(index, day, out);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
builds.sort((a, b) => a - b);
const r2 = (n: number) => Math.round(n * 100) / 100;
const result = {
  places: PLACES, claims: CLAIMS,
  indexBuildMs: r2(builds[1]!),
  controlAtMedianMs: r2(times[Math.floor(times.length / 2)]!),
  controlAtP95Ms: r2(times[Math.floor(times.length * 0.95)]!),
  heapMB: r2(heapMB),
  changeDays: index.changeDays.length,
};
console.log(`index build: ${result.indexBuildMs} ms (median of 3); controlAt: median ${result.controlAtMedianMs} ms, p95 ${result.controlAtP95Ms} ms over 1,000 random days; heap +${result.heapMB} MB`);
console.log(JSON.stringify(result));
