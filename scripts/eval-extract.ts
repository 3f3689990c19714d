/**
 * Precision and recall of article extraction over the hand-annotated fixtures.
 *
 *   npm run eval:extract            per-fixture and overall scores
 *   npm run eval:extract -- -v      also lists misses and false candidates
 *
 * Fixtures live in scripts/extract-fixtures/: `<name>.txt` (the article, "# key: value" header
 * lines first) and `<name>.expected.json` (the claims a careful reader finds). A candidate
 * matches an annotation when place, side and status agree and their dates overlap.
 * Precision = matching candidates / candidates; recall = matched annotations / annotations.
 */
import fs from "node:fs";
import path from "node:path";
import { parsePeriod } from "../lib/dates";
import { buildGazetteer } from "../lib/gazetteer";
import { extractClaims, overlaps, readArticle, type CandidateClaim } from "../lib/extract";
import type { Actor, ClaimStatus, Place } from "../lib/types";
import { loadPlacesAndActors } from "./extract";

export const FIXTURE_DIR = path.join(__dirname, "extract-fixtures");

export interface ExpectedClaim {
  place: string;
  actor?: string;
  side: string;
  status: ClaimStatus;
  date: string;
  precision?: string;
  quote?: string;
  note?: string;
}

export interface FixtureScore {
  name: string;
  candidates: CandidateClaim[];
  expected: ExpectedClaim[];
  /** Candidates that match no annotation. */
  falsePositives: CandidateClaim[];
  /** Annotations that no candidate matches. */
  misses: ExpectedClaim[];
  truePositives: number;
  matched: number;
}

/** Whether a candidate says what an annotation says: same place, side and status, overlapping dates. */
export function matches(c: CandidateClaim, e: ExpectedClaim): boolean {
  const pc = parsePeriod(c.date);
  const pe = parsePeriod(e.date);
  return c.placeId === e.place && c.side === e.side && c.status === e.status && !!pc && !!pe && overlaps(pc, pe);
}

/** Every fixture name (without extension) that has both an article and an annotation file. */
export function fixtureNames(dir: string = FIXTURE_DIR): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith(".expected.json")).map((f) => f.replace(/\.expected\.json$/, "")).filter((n) => fs.existsSync(path.join(dir, `${n}.txt`))).sort();
}

/** Runs extraction over every fixture and scores it against its annotation. */
export function evaluateFixtures(options: { dir?: string; places?: Place[]; actors?: Actor[] } = {}): { fixtures: FixtureScore[]; precision: number; recall: number } {
  const dir = options.dir ?? FIXTURE_DIR;
  const data = options.places && options.actors ? { places: options.places, actors: options.actors } : loadPlacesAndActors();
  const gazetteer = buildGazetteer(data.places, data.actors);
  const fixtures: FixtureScore[] = [];
  for (const name of fixtureNames(dir)) {
    const { meta, text } = readArticle(fs.readFileSync(path.join(dir, `${name}.txt`), "utf8"));
    const expected = (JSON.parse(fs.readFileSync(path.join(dir, `${name}.expected.json`), "utf8")) as { claims: ExpectedClaim[] }).claims;
    const candidates = extractClaims(text, { published: meta.published, places: data.places, actors: data.actors, gazetteer });
    const falsePositives = candidates.filter((c) => !expected.some((e) => matches(c, e)));
    const misses = expected.filter((e) => !candidates.some((c) => matches(c, e)));
    fixtures.push({ name, candidates, expected, falsePositives, misses, truePositives: candidates.length - falsePositives.length, matched: expected.length - misses.length });
  }
  const cands = fixtures.reduce((n, f) => n + f.candidates.length, 0);
  const tps = fixtures.reduce((n, f) => n + f.truePositives, 0);
  const exps = fixtures.reduce((n, f) => n + f.expected.length, 0);
  const matched = fixtures.reduce((n, f) => n + f.matched, 0);
  return { fixtures, precision: cands ? tps / cands : 1, recall: exps ? matched / exps : 1 };
}

function main(): void {
  const verbose = process.argv.includes("-v") || process.argv.includes("--verbose");
  const { fixtures, precision, recall } = evaluateFixtures();
  const pct = (x: number) => `${(x * 100).toFixed(0).padStart(3)}%`;
  for (const f of fixtures) {
    const p = f.candidates.length ? f.truePositives / f.candidates.length : 1;
    const r = f.expected.length ? f.matched / f.expected.length : 1;
    console.log(`${f.name.padEnd(56)} P ${pct(p)} (${f.truePositives}/${f.candidates.length})  R ${pct(r)} (${f.matched}/${f.expected.length})`);
    if (verbose) {
      for (const m of f.misses) console.log(`    miss  ${m.place} ${m.side} ${m.status} ${m.date}  "${m.quote ?? ""}"`);
      for (const c of f.falsePositives) console.log(`    false ${c.placeId} ${c.side} ${c.status} ${c.date}  "${c.quote}"  [${c.reason}]`);
    }
  }
  console.log(`${"overall".padEnd(56)} P ${pct(precision)}  R ${pct(recall)}`);
}

if (/(?:^|[\\/])eval-extract\.ts$/.test(process.argv[1] ?? "")) main();
