/**
 * Candidate claims from a news article, as JSON, for an editor to review.
 *
 *   npm run extract -- [--date YYYY-MM-DD] FILE
 *
 * FILE is plain text: the first lines may hold the headline and a dateline; leading
 * "# key: value" lines (fixture metadata) are skipped, and "# published: YYYY-MM-DD" among
 * them is used when --date is not given. Bad input: one error line, exit 2.
 */
import fs from "node:fs";
import path from "node:path";
import { extractClaims, isValidDay, parseDateline, readArticle } from "../lib/extract";
import type { Feature, FeatureCollection, Geometry, Point } from "geojson";
import { loadDataset, projectRoot, readDataFiles } from "../lib/data-files";
import type { Actor, Place, PlaceKind } from "../lib/types";

/**
 * Places and actors from the validated dataset; when data/ is temporarily invalid (an editor
 * mid-change), places come straight from the geojson files and actors from actors.json.
 */
export function loadPlacesAndActors(root: string = projectRoot()): { places: Place[]; actors: Actor[]; warning?: string } {
  try {
    const ds = loadDataset(root);
    return { places: ds.places, actors: ds.actors };
  } catch (e) {
    const places: Place[] = [];
    let actors: Actor[] = [];
    for (const f of readDataFiles(root)) {
      try {
        if (/^data\/(cities|regions|areas)\.geojson$/.test(f.path)) {
          const fc = JSON.parse(f.text) as FeatureCollection<Geometry, Record<string, unknown>>;
          for (const ft of fc.features) places.push(rawPlace(ft));
        } else if (f.path === "data/actors.json") actors = JSON.parse(f.text) as Actor[];
      } catch {
        // An unreadable file contributes nothing; the warning says data/ is invalid.
      }
    }
    const first = (e as Error).message.split("\n").slice(0, 2).join(" ");
    return { places, actors, warning: `data/ is invalid (${first}); using the geojson files and actors.json directly` };
  }
}

function rawPlace(ft: Feature<Geometry, Record<string, unknown>>): Place {
  const p = ft.properties ?? {};
  const point: Point = ft.geometry?.type === "Point" ? ft.geometry : { type: "Point", coordinates: [0, 0] };
  return {
    id: String(p.id),
    kind: (p.kind as PlaceKind) ?? "city",
    name: String(p.name ?? p.id),
    nameAr: typeof p.nameAr === "string" ? p.nameAr : null,
    alternates: Array.isArray(p.alternates) ? (p.alternates as string[]) : [],
    population: typeof p.population === "number" ? p.population : null,
    region: typeof p.region === "string" ? p.region : null,
    category: typeof p.category === "string" ? p.category : null,
    geometry: ft.geometry,
    labelPoint: point,
    areaKm2: 0,
  };
}

class UsageError extends Error {
  override name = "UsageError";
}

function parseArgs(argv: string[]): { date?: string; file: string } {
  let date: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--date") {
      date = argv[++i];
      if (date === undefined) throw new UsageError("--date needs a value (YYYY-MM-DD)");
    } else if (a.startsWith("--date=")) date = a.slice("--date=".length);
    else if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`);
    else files.push(a);
  }
  if (date !== undefined && !isValidDay(date)) throw new UsageError(`--date: expected a real day as YYYY-MM-DD, found "${date}"`);
  if (files.length !== 1) throw new UsageError(`expected one FILE, found ${files.length}`);
  return { date, file: files[0] ?? "" };
}

function main(): void {
  const { date, file } = parseArgs(process.argv.slice(2));
  let raw: string;
  try {
    raw = fs.readFileSync(path.resolve(file), "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const { meta, text } = readArticle(raw);
  const metaDate = meta.published && isValidDay(meta.published) ? meta.published : undefined;
  const published = date ?? metaDate ?? parseDateline(text) ?? undefined;
  const { places, actors, warning } = loadPlacesAndActors();
  if (warning) process.stderr.write(`warning: ${warning}\n`);
  const candidates = extractClaims(text, { published, places, actors });
  process.stdout.write(`${JSON.stringify({ file, published: published ?? null, candidates }, null, 2)}\n`);
}

// Run only as the script itself (eval-extract and tests import loadPlacesAndActors).
if (/(?:^|[\\/])extract\.ts$/.test(process.argv[1] ?? "")) {
  try {
    main();
  } catch (e) {
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    process.stderr.write(`extract: ${msg}\n`);
    process.exit(2);
  }
}
