/**
 * Validation of everything under data/, in two forms (after check-geojson and Placemark):
 * `getIssues(files)` lists every problem for editors; `parseData(files)` returns the dataset
 * or throws a DataError carrying those issues. Pure: callers read the files.
 */
import * as turf from "@turf/turf";
import type { Feature, FeatureCollection, Geometry, Point, Position } from "geojson";
import type { ZodError } from "zod";
import { EARLIEST_DAY, parsePeriod, today as todayDay } from "./dates";
import { actorSchema, claimSchema, placePropertiesSchema, sideSchema, sourceFileSchema } from "./schema";
import type { Actor, Claim, Dataset, Place, PlaceKind, ResolvedClaim, Side, Source } from "./types";
import { resolveClaims, sideInPeriod } from "./resolve";

/** A data file as read from disk: path relative to the project root, and its text. */
export interface DataFile {
  path: string;
  text: string;
}

export interface Issue {
  file: string;
  /** Feature id (or `#index`), claim id, actor id… */
  id?: string;
  field?: string;
  expected: string;
  found: string;
}

export class DataError extends Error {
  override name = "DataError";
  constructor(public issues: Issue[]) {
    super(`${issues.length} problem${issues.length === 1 ? "" : "s"} in data/:\n${issues.slice(0, 20).map(formatIssue).join("\n")}`);
  }
}

/** One line per problem: file, id, field, expected, found. */
export function formatIssue(i: Issue): string {
  const where = [i.file, i.id && `${i.id}`, i.field && `field "${i.field}"`].filter(Boolean).join(": ");
  return `${where}: expected ${i.expected}, found ${i.found}`;
}

export const REGION_IDS = [
  "LY-BA", "LY-BU", "LY-DR", "LY-GT", "LY-JA", "LY-JG", "LY-JI", "LY-JU", "LY-KF", "LY-MB", "LY-MI",
  "LY-MJ", "LY-MQ", "LY-NL", "LY-NQ", "LY-SB", "LY-SR", "LY-TB", "LY-WA", "LY-WD", "LY-WS", "LY-ZA",
] as const;

/** Libya and a margin around it: [west, south, east, north]. */
export const NEIGHBOURHOOD: [number, number, number, number] = [8, 18, 27, 35];

const show = (v: unknown): string => {
  if (v === undefined) return "nothing";
  const s = typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

function zodIssues(err: ZodError, file: string, id: string | undefined, value: unknown): Issue[] {
  return err.issues.map((zi) => {
    const field = zi.path.join(".");
    let found: unknown = value;
    for (const k of zi.path) found = found && typeof found === "object" ? (found as Record<string | number, unknown>)[k as string] : undefined;
    let expected = zi.message;
    if (zi.code === "unrecognized_keys") return { file, id, field: zi.keys.join(", "), expected: "no unknown fields", found: `unknown field${zi.keys.length > 1 ? "s" : ""} ${zi.keys.join(", ")}` };
    if (zi.code === "invalid_type") expected = `a ${zi.expected}`;
    if (zi.code === "invalid_value" && "values" in zi) expected = `one of ${(zi.values as unknown[]).map(String).join(", ")}`;
    return { file, id, field: field || undefined, expected, found: show(found) };
  });
}

function parseJson(file: DataFile, issues: Issue[]): unknown {
  try {
    return JSON.parse(file.text);
  } catch (e) {
    issues.push({ file: file.path, expected: "valid JSON", found: (e as Error).message.replace(/\s+/g, " ") });
    return undefined;
  }
}

// ---------- geography ----------

const GEOMETRY_KINDS: Record<PlaceKind, string[]> = {
  region: ["Polygon", "MultiPolygon"],
  city: ["Point"],
  area: ["Polygon", "MultiPolygon", "LineString", "MultiLineString"],
};

function checkPosition(p: unknown, file: string, id: string, issues: Issue[]): boolean {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((n) => typeof n === "number" && Number.isFinite(n))) {
    issues.push({ file, id, field: "geometry.coordinates", expected: "positions as [longitude, latitude] numbers", found: show(p) });
    return false;
  }
  const [lon, lat] = p as number[];
  const [w, s, e, n] = NEIGHBOURHOOD;
  if (lon! < w || lon! > e || lat! < s || lat! > n) {
    issues.push({ file, id, field: "geometry.coordinates", expected: `a position in Libya's neighbourhood (longitude ${w}..${e}, latitude ${s}..${n}; [lon, lat] order)`, found: show(p) });
    return false;
  }
  return true;
}

function checkRing(ring: unknown, hole: boolean, file: string, id: string, issues: Issue[]): boolean {
  if (!Array.isArray(ring) || ring.length < 4) {
    issues.push({ file, id, field: "geometry.coordinates", expected: "a linear ring of at least 4 positions", found: show(Array.isArray(ring) ? `${ring.length} positions` : ring) });
    return false;
  }
  if (!ring.every((p) => checkPosition(p, file, id, issues))) return false;
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    issues.push({ file, id, field: "geometry.coordinates", expected: "a closed ring (last position equal to the first)", found: `first ${show(first)}, last ${show(last)}` });
    return false;
  }
  const clockwise = turf.booleanClockwise(ring as Position[]);
  if (clockwise !== hole) {
    issues.push({ file, id, field: "geometry.coordinates", expected: `RFC 7946 winding (${hole ? "holes clockwise" : "exterior rings counter-clockwise"})`, found: `a ${clockwise ? "clockwise" : "counter-clockwise"} ${hole ? "hole" : "exterior ring"}` });
    return false;
  }
  return true;
}

function checkGeometry(g: unknown, kind: PlaceKind, file: string, id: string, issues: Issue[]): g is Geometry {
  const geom = g as { type?: unknown; coordinates?: unknown } | null;
  if (!geom || typeof geom !== "object" || !GEOMETRY_KINDS[kind].includes(String(geom.type))) {
    issues.push({ file, id, field: "geometry.type", expected: GEOMETRY_KINDS[kind].join(" or "), found: show(geom?.type ?? geom) });
    return false;
  }
  const c = geom.coordinates;
  const polygons = (polys: unknown): boolean =>
    Array.isArray(polys) && polys.length > 0 &&
    polys.every((rings) => Array.isArray(rings) && rings.length > 0 && rings.every((r, i) => checkRing(r, i > 0, file, id, issues)));
  let ok: boolean;
  switch (geom.type) {
    case "Point": ok = checkPosition(c, file, id, issues); break;
    case "LineString": ok = Array.isArray(c) && c.length >= 2 && c.every((p) => checkPosition(p, file, id, issues)); break;
    case "MultiLineString": ok = Array.isArray(c) && c.every((l) => Array.isArray(l) && l.length >= 2 && l.every((p) => checkPosition(p, file, id, issues))); break;
    case "Polygon": ok = polygons([c]); break;
    case "MultiPolygon": ok = polygons(c); break;
    default: ok = false;
  }
  if (!ok) {
    if (!issues.some((i) => i.file === file && i.id === id)) {
      issues.push({ file, id, field: "geometry.coordinates", expected: `coordinates of a ${String(geom.type)}`, found: show(c) });
    }
    return false;
  }
  if (geom.type === "Polygon" || geom.type === "MultiPolygon") {
    const k = turf.kinks(geom as Geometry as never);
    if (k.features.length > 0) {
      issues.push({ file, id, field: "geometry.coordinates", expected: "no self-intersections", found: `${k.features.length} at ${show(k.features[0]!.geometry.coordinates.map((n) => Math.round(n * 1e4) / 1e4))}` });
      return false;
    }
  }
  return true;
}

function checkPlaces(file: DataFile, kind: PlaceKind, issues: Issue[]): Place[] {
  const raw = parseJson(file, issues) as FeatureCollection | undefined;
  if (raw === undefined) return [];
  if (!raw || typeof raw !== "object" || raw.type !== "FeatureCollection" || !Array.isArray(raw.features)) {
    issues.push({ file: file.path, expected: "a GeoJSON FeatureCollection with a features array", found: show((raw as { type?: unknown } | null)?.type ?? raw) });
    return [];
  }
  const places: Place[] = [];
  raw.features.forEach((f: Feature, index) => {
    const props = (f && typeof f === "object" ? f.properties : null) as Record<string, unknown> | null;
    const id = typeof props?.id === "string" ? props.id : `#${index}`;
    if (!f || f.type !== "Feature") {
      issues.push({ file: file.path, id, field: "type", expected: '"Feature"', found: show(f?.type ?? f) });
      return;
    }
    const parsed = placePropertiesSchema.safeParse(props);
    if (!parsed.success) {
      issues.push(...zodIssues(parsed.error, file.path, id, props));
      return;
    }
    const p = parsed.data;
    if (p.kind !== kind) {
      issues.push({ file: file.path, id, field: "properties.kind", expected: show(kind), found: show(p.kind) });
      return;
    }
    if (f.id !== undefined && f.id !== p.id) {
      issues.push({ file: file.path, id, field: "id", expected: `the feature id to equal properties.id (${show(p.id)})`, found: show(f.id) });
    }
    if (kind === "region" && !/^LY-[A-Z]{2}$/.test(p.id)) {
      issues.push({ file: file.path, id, field: "properties.id", expected: "an ISO 3166-2 code like LY-TB", found: show(p.id) });
      return;
    }
    if (!checkGeometry(f.geometry, kind, file.path, id, issues)) return;
    const geometry = f.geometry as Geometry;
    const isLine = geometry.type === "LineString" || geometry.type === "MultiLineString";
    places.push({
      id: p.id,
      kind,
      name: p.name,
      nameAr: p.nameAr ?? null,
      alternates: p.alternates ?? [],
      population: p.population ?? null,
      region: kind === "region" ? null : p.region ?? null,
      category: p.category ?? null,
      geometry,
      labelPoint: (geometry.type === "Point"
        ? { type: "Point", coordinates: geometry.coordinates }
        : isLine ? turf.along(turf.lineString(turf.coordAll(geometry)), turf.length(turf.lineString(turf.coordAll(geometry))) / 2).geometry
        : turf.pointOnFeature(geometry).geometry) as Point,
      areaKm2: geometry.type === "Point" || isLine ? 0 : Math.round(turf.area(geometry) / 1e4) / 100,
      ...(p.approximate ? { approximate: true } : {}),
    });
  });
  return places;
}

function checkGeography(files: DataFile[], issues: Issue[]): Place[] {
  const byName = (n: string) => files.find((f) => f.path === `data/${n}`);
  const regionsFile = byName("regions.geojson");
  const citiesFile = byName("cities.geojson");
  const areasFile = byName("areas.geojson");
  for (const [name, f] of [["regions.geojson", regionsFile], ["cities.geojson", citiesFile]] as const) {
    if (!f) issues.push({ file: `data/${name}`, expected: "the file to exist", found: "no such file" });
  }
  const regions = regionsFile ? checkPlaces(regionsFile, "region", issues) : [];
  const cities = citiesFile ? checkPlaces(citiesFile, "city", issues) : [];
  const areas = areasFile ? checkPlaces(areasFile, "area", issues) : [];

  if (regionsFile && regions.length > 0) {
    const have = new Set(regions.map((r) => r.id));
    const missing = REGION_IDS.filter((id) => !have.has(id));
    if (missing.length) issues.push({ file: regionsFile.path, field: "properties.id", expected: `all 22 districts (${REGION_IDS.join(", ")})`, found: `missing ${missing.join(", ")}` });
  }
  const seen = new Map<string, string>();
  for (const [file, list] of [[regionsFile, regions], [citiesFile, cities], [areasFile, areas]] as const) {
    for (const p of list) {
      const prev = seen.get(p.id);
      if (prev) issues.push({ file: file!.path, id: p.id, field: "properties.id", expected: "a unique place id", found: `the same id also in ${prev}` });
      else seen.set(p.id, file!.path);
    }
  }
  const regionById = new Map(regions.map((r) => [r.id, r]));
  for (const c of cities) {
    const region = c.region ? regionById.get(c.region) : undefined;
    if (!c.region || !region) {
      if (regions.length) issues.push({ file: citiesFile!.path, id: c.id, field: "properties.region", expected: "the id of a district in data/regions.geojson", found: show(c.region) });
      continue;
    }
    if (!turf.booleanPointInPolygon(c.geometry as Point, region.geometry as never)) {
      const actual = regions.find((r) => turf.booleanPointInPolygon(c.geometry as Point, r.geometry as never));
      issues.push({ file: citiesFile!.path, id: c.id, field: "properties.region", expected: `the district that contains the point${actual ? ` (${actual.id})` : ""}`, found: show(c.region) });
    }
  }
  // A district's population is the sum of its towns' (GeoNames), unless the file gives one.
  for (const r of regions) {
    if (r.population === null) r.population = cities.filter((c) => c.region === r.id).reduce((n, c) => n + (c.population ?? 0), 0);
  }
  return [...regions, ...cities, ...areas];
}

// ---------- sides, actors, sources, claims ----------

function checkList<T>(file: DataFile | undefined, path: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } }, issues: Issue[]): T[] {
  if (!file) {
    issues.push({ file: path, expected: "the file to exist", found: "no such file" });
    return [];
  }
  const raw = parseJson(file, issues);
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    issues.push({ file: path, expected: "a JSON array", found: show(raw) });
    return [];
  }
  const out: T[] = [];
  const ids = new Set<string>();
  raw.forEach((item, index) => {
    const id = item && typeof item === "object" && typeof (item as { id?: unknown }).id === "string" ? (item as { id: string }).id : `#${index}`;
    const r = schema.safeParse(item);
    if (!r.success) {
      issues.push(...zodIssues(r.error, path, id, item));
      return;
    }
    if (ids.has(id)) {
      issues.push({ file: path, id, field: "id", expected: "a unique id", found: "a duplicate" });
      return;
    }
    ids.add(id);
    out.push(r.data);
  });
  return out;
}

function checkActors(actors: Actor[], sides: Side[], file: string, issues: Issue[]): void {
  const sideIds = new Set(sides.map((s) => s.id));
  for (const a of actors) {
    const spans = a.alignments.map((al, i) => {
      const from = parsePeriod(al.from);
      const to = al.to ? parsePeriod(al.to) : null;
      if (!sideIds.has(al.side)) issues.push({ file, id: a.id, field: `alignments.${i}.side`, expected: `a side id (${[...sideIds].join(", ")})`, found: show(al.side) });
      if (!from) issues.push({ file, id: a.id, field: `alignments.${i}.from`, expected: "a real date", found: show(al.from) });
      if (al.to && !to) issues.push({ file, id: a.id, field: `alignments.${i}.to`, expected: "a real date", found: show(al.to) });
      if (from && to && to.end < from.start) issues.push({ file, id: a.id, field: `alignments.${i}.to`, expected: `a date on or after ${al.from}`, found: show(al.to) });
      return { i, start: from?.start ?? 0, end: to ? to.end : Infinity };
    }).sort((x, y) => x.start - y.start);
    for (let k = 1; k < spans.length; k++) {
      if (spans[k]!.start <= spans[k - 1]!.end) {
        issues.push({ file, id: a.id, field: `alignments.${spans[k]!.i}`, expected: "alignments that do not overlap", found: `an overlap with alignments.${spans[k - 1]!.i}` });
      }
    }
  }
}

const TAG_RE = /<\s*\/?\s*[a-z!][^>]*>/i;

function checkSources(files: DataFile[], placeIds: Set<string>, actors: Actor[], sides: Side[], issues: Issue[], now: number): { sources: Source[]; claims: Claim[] } {
  const sources: Source[] = [];
  const claims: Claim[] = [];
  const claimIds = new Map<string, string>();
  const fingerprints = new Map<string, string>();
  const actorIds = new Map(actors.map((a) => [a.id, a]));
  const sideIds = new Set(sides.map((s) => s.id));
  const sourceUrls = new Map<string, string>();

  for (const file of files) {
    const raw = parseJson(file, issues);
    if (raw === undefined) continue;
    const parsed = sourceFileSchema.safeParse(raw);
    const fileId = file.path.replace(/^.*\//, "").replace(/\.json$/, "");
    if (!parsed.success) {
      issues.push(...zodIssues(parsed.error, file.path, fileId, raw));
      continue;
    }
    const s = parsed.data;
    let ok = true;
    if (s.id !== fileId) {
      issues.push({ file: file.path, id: s.id, field: "id", expected: `the file name without .json (${show(fileId)})`, found: show(s.id) });
      ok = false;
    }
    const published = parsePeriod(s.published);
    if (!published) {
      issues.push({ file: file.path, id: s.id, field: "published", expected: "a real date (YYYY, YYYY-MM or YYYY-MM-DD)", found: show(s.published) });
      ok = false;
    } else if (published.start > now) {
      issues.push({ file: file.path, id: s.id, field: "published", expected: "a date not in the future", found: show(s.published) });
      ok = false;
    }
    for (const field of ["title", "publisher"] as const) {
      if (TAG_RE.test(s[field])) issues.push({ file: file.path, id: s.id, field, expected: "plain text without HTML tags", found: show(s[field]) });
    }
    const dupUrl = sourceUrls.get(s.url);
    if (dupUrl) issues.push({ file: file.path, id: s.id, field: "url", expected: "one source file per article", found: `the same URL as ${dupUrl}` });
    sourceUrls.set(s.url, s.id);
    if (!ok) continue;
    sources.push({ id: s.id, title: s.title, publisher: s.publisher, url: s.url, published: s.published, language: s.language, text: s.text, file: file.path });

    s.claims.forEach((rawClaim, index) => {
      const cid = rawClaim && typeof rawClaim === "object" && typeof (rawClaim as { id?: unknown }).id === "string" ? (rawClaim as { id: string }).id : `claims.${index}`;
      const r = claimSchema.safeParse(rawClaim);
      if (!r.success) {
        issues.push(...zodIssues(r.error, file.path, cid, rawClaim));
        return;
      }
      const c = r.data;
      const bad = (field: string, expected: string, found: unknown) => {
        issues.push({ file: file.path, id: c.id, field, expected, found: show(found) });
        valid = false;
      };
      let valid = true;
      const prev = claimIds.get(c.id);
      if (prev) bad("id", "a claim id used once in all of data/", `${c.id} (also in ${prev})`);
      claimIds.set(c.id, file.path);
      if (!placeIds.has(c.place)) bad("place", "the id of a place in regions.geojson, cities.geojson or areas.geojson", c.place);
      if (!c.actor && !c.side) bad("actor", "an actor id (or a side id in 'side')", undefined);
      if (c.actor && c.side) bad("side", "either 'actor' or 'side', not both", c.side);
      if (c.actor && !actorIds.has(c.actor)) bad("actor", "an actor id from data/actors.json", c.actor);
      if (c.side && !sideIds.has(c.side)) bad("side", `a side id (${[...sideIds].join(", ")})`, c.side);
      if (!c.quote && !c.paraphrase) bad("quote", "a quote of at most 25 words or a paraphrase", undefined);
      for (const field of ["quote", "paraphrase", "notes"] as const) {
        const v = c[field];
        if (v && TAG_RE.test(v)) bad(field, "plain text without HTML tags", v);
      }
      const period = parsePeriod(c.date);
      if (!period) bad("date", "a real date (YYYY, YYYY-MM or YYYY-MM-DD)", c.date);
      else {
        if (period.start < EARLIEST_DAY) bad("date", "a date in 2011 or later", c.date);
        if (period.start > now) bad("date", "a date not in the future", c.date);
        if (published && period.start > published.end) bad("date", `a date on or before the source's publication (${s.published})`, c.date);
        if (c.actor && actorIds.has(c.actor) && !sideInPeriod(actorIds.get(c.actor)!, period)) {
          bad("actor", `an actor aligned with a side on ${c.date} (see its alignments in data/actors.json)`, c.actor);
        }
      }
      const fp = [c.place, c.actor ?? c.side, c.status, c.date, s.id].join("|");
      const fpPrev = fingerprints.get(fp);
      if (fpPrev) bad("id", "a claim recorded once (same source, place, actor, status and date)", `a duplicate of ${fpPrev}`);
      fingerprints.set(fp, c.id);
      if (valid) claims.push({ ...c, source: s.id });
    });
  }
  return { sources, claims };
}

/** Every problem in the data files, one Issue each; `dataset` when there are none. */
export function checkData(files: DataFile[], options: { today?: number } = {}): { issues: Issue[]; dataset: Dataset | null } {
  const issues: Issue[] = [];
  const now = options.today ?? todayDay();
  const places = checkGeography(files, issues);
  const sides = checkList<Side>(files.find((f) => f.path === "data/sides.json"), "data/sides.json", sideSchema, issues);
  const actors = checkList<Actor>(files.find((f) => f.path === "data/actors.json"), "data/actors.json", actorSchema, issues);
  for (const side of sides) {
    if (side.until && !parsePeriod(side.until)) issues.push({ file: "data/sides.json", id: side.id, field: "until", expected: "a real date", found: show(side.until) });
    if (side.successor && !sides.some((x) => x.id === side.successor)) issues.push({ file: "data/sides.json", id: side.id, field: "successor", expected: "the id of another side", found: show(side.successor) });
  }
  checkActors(actors, sides, "data/actors.json", issues);
  const sourceFiles = files.filter((f) => f.path.startsWith("data/sources/") && f.path.endsWith(".json"));
  const { sources, claims } = checkSources(sourceFiles, new Set(places.map((p) => p.id)), actors, sides, issues, now);
  if (issues.length > 0) return { issues, dataset: null };
  const resolved: ResolvedClaim[] = resolveClaims(claims, actors);
  const version = dataVersion(files);
  return { issues, dataset: { places, sides, actors, sources, claims: resolved, version } };
}

/** The dataset, or a DataError listing every problem. */
export function parseData(files: DataFile[], options: { today?: number } = {}): Dataset {
  const { issues, dataset } = checkData(files, options);
  if (!dataset) throw new DataError(issues);
  return dataset;
}

/** A short content hash of the data files (FNV-1a), used as the data version and ETag. */
export function dataVersion(files: DataFile[]): string {
  let h = 0x811c9dc5;
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    for (const s of [f.path, f.text]) {
      for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
      }
    }
  }
  return h.toString(16).padStart(8, "0");
}
