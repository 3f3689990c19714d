/**
 * The open data API as pure functions: an atlas (the dataset and its control index, built
 * once per process) and parameters in, a response body out. Route handlers under app/api/
 * only parse the request and call these (through lib/api-http.ts); the benchmark and the
 * API reference call them directly.
 */
import type { Feature, FeatureCollection, Geometry, Point } from "geojson";
import { toCsv } from "./api-csv";
import type { ClaimsParams, ChangesParams, KnownIds, StateParams } from "./api-params";
import { buildIndex, controlAt, decidingClaims, periodOf, type ControlIndex, type PlaceState } from "./control-index";
import { loadDataset } from "./data-files";
import { dayToIso } from "./dates";
import { changesBetween, historyOf, territorySeries, totalsFromStates, type SeriesPoint, type Totals } from "./timeline";
import type { Dataset, Place, PlaceKind, ResolvedClaim, Side, Source, SourceMeta } from "./types";

/** The dataset, its index and the lookups every endpoint needs, built once. */
export interface Atlas {
  dataset: Dataset;
  index: ControlIndex;
  ids: KnownIds;
  placeById: Map<string, Place>;
  sourceById: Map<string, Source>;
  sideById: Map<string, Side>;
  claimById: Map<string, ResolvedClaim>;
  /** All claims, oldest first (by the start of their date, then id). */
  claims: ResolvedClaim[];
  /** Territory per side at every change day; computed on first use. */
  series: () => SeriesPoint[];
}

/** Builds an atlas from a dataset (tests and scripts; the server uses getAtlas). */
export function createAtlas(dataset: Dataset): Atlas {
  const index = buildIndex(dataset);
  let series: SeriesPoint[] | null = null;
  return {
    dataset,
    index,
    ids: {
      places: new Set(dataset.places.map((p) => p.id)),
      sides: new Set(dataset.sides.map((s) => s.id)),
      sources: new Set(dataset.sources.map((s) => s.id)),
    },
    placeById: new Map(dataset.places.map((p) => [p.id, p])),
    sourceById: new Map(dataset.sources.map((s) => [s.id, s])),
    sideById: new Map(dataset.sides.map((s) => [s.id, s])),
    claimById: new Map(dataset.claims.map((c) => [c.id, c])),
    claims: [...dataset.claims].sort((a, b) => a.period.start - b.period.start || (a.id < b.id ? -1 : 1)),
    series: () => (series ??= territorySeries(index)),
  };
}

// One atlas per server process. Kept on globalThis so a dev-server module reload does not
// rebuild it on every request.
const GLOBAL_KEY = Symbol.for("libya-control-atlas.api-atlas");
type WithAtlas = typeof globalThis & { [GLOBAL_KEY]?: Atlas };

/** The server's atlas: the dataset loaded (loadDataset) and indexed once per process. */
export function getAtlas(): Atlas {
  const g = globalThis as WithAtlas;
  return (g[GLOBAL_KEY] ??= createAtlas(loadDataset()));
}

// ---------- shapes shared by several endpoints ----------

export interface ApiSide {
  id: string;
  name: string;
  nameAr: string;
  short: string;
  color: string;
}

/** A place's state, flat and with the same keys whatever the status. */
export interface ApiState {
  status: PlaceState["status"];
  /** The holder when held; null otherwise. */
  side: string | null;
  /** Contested: the sides fighting. Mixed: the sides sharing it (and "contested" for contested towns). Otherwise []. */
  sides: string[];
  /** Contested: the side that held the place when the fighting began, if known. */
  holder: string | null;
  /** Mixed: each side's share of the population of the towns inside. Otherwise []. */
  shares: { side: string; share: number }[];
  /** Day the place entered this state (ISO), or null. */
  since: string | null;
  /** False while a month- or year-precision claim that decides it is still inside its period. */
  certain: boolean;
  /** True when the state comes from the towns inside the place, not from its own claims. */
  derived: boolean;
  /** Claims that support the state. */
  claims: string[];
}

/** A source as the API cites it. */
export type ApiSource = SourceMeta;

export interface ApiClaim {
  id: string;
  place: string;
  placeName: string;
  /** As written: YYYY, YYYY-MM or YYYY-MM-DD. */
  date: string;
  precision: ResolvedClaim["precision"];
  status: ResolvedClaim["status"];
  /** The side the claim is counted for (the actor's side on its date). */
  side: string;
  actor: string | null;
  confidence: ResolvedClaim["confidence"];
  quote: string | null;
  paraphrase: string | null;
  notes: string | null;
  source: ApiSource;
}

const round5 = (n: number) => Math.round(n * 1e5) / 1e5;

function apiSides(atlas: Atlas): ApiSide[] {
  return atlas.dataset.sides.map(({ id, name, nameAr, short, color }) => ({ id, name, nameAr, short, color }));
}

/** The API form of an engine state. @example apiState(UNKNOWN).status === "unknown" */
export function apiState(s: PlaceState): ApiState {
  const base = { since: s.since === null ? null : dayToIso(s.since), certain: s.certain, derived: s.derived, claims: s.claims };
  switch (s.status) {
    case "held": return { status: "held", side: s.side, sides: [], holder: null, shares: [], ...base };
    case "contested": return { status: "contested", side: null, sides: s.sides, holder: s.holder, shares: [], ...base };
    case "mixed": return { status: "mixed", side: null, sides: s.shares.map((x) => x.side), holder: null, shares: s.shares, ...base };
    case "unknown": return { status: "unknown", side: null, sides: [], holder: null, shares: [], ...base };
  }
}

function apiSource(atlas: Atlas, id: string): ApiSource {
  const s = atlas.sourceById.get(id);
  return s ? { id: s.id, title: s.title, publisher: s.publisher, url: s.url, published: s.published, language: s.language }
    : { id, title: "", publisher: "", url: "", published: "", language: "" };
}

/** The API form of a claim, with its source. */
export function apiClaim(atlas: Atlas, c: ResolvedClaim): ApiClaim {
  return {
    id: c.id, place: c.place, placeName: atlas.placeById.get(c.place)?.name ?? c.place,
    date: c.date, precision: c.precision, status: c.status, side: c.sideId, actor: c.actor ?? null,
    confidence: c.confidence, quote: c.quote ?? null, paraphrase: c.paraphrase ?? null, notes: c.notes ?? null,
    source: apiSource(atlas, c.source),
  };
}

/** [lon, lat] of a place's marker or label, rounded to about a metre. */
function lonLat(p: Place): [number, number] {
  const [lon, lat] = p.labelPoint.coordinates as [number, number];
  return [round5(lon), round5(lat)];
}

// ---------- GET /api/places ----------

export type PlaceProperties = Pick<Place, "id" | "kind" | "name" | "nameAr" | "alternates" | "population" | "region" | "category" | "areaKm2">;

/** Every place as a GeoJSON FeatureCollection (no state). */
export function placesBody(atlas: Atlas): FeatureCollection<Geometry, PlaceProperties> {
  return {
    type: "FeatureCollection",
    features: atlas.dataset.places.map((p) => ({
      type: "Feature",
      id: p.id,
      properties: { id: p.id, kind: p.kind, name: p.name, nameAr: p.nameAr, alternates: p.alternates, population: p.population, region: p.region, category: p.category, areaKm2: p.areaKm2 },
      geometry: p.geometry,
    })),
  };
}

// ---------- GET /api/control ----------

export interface ControlPlace extends ApiState {
  id: string;
  kind: PlaceKind;
  name: string;
  lat: number;
  lon: number;
}

export interface ControlBody {
  date: string;
  dataVersion: string;
  sides: ApiSide[];
  places: ControlPlace[];
  /** Area and population per side over the districts (plus "contested" and "unknown"). */
  totals: Totals;
}

/** The state of every place (or every place of one kind) on a day, with territory totals. */
export function controlBody(atlas: Atlas, params: StateParams): ControlBody {
  const states = controlAt(atlas.index, params.day);
  const places: ControlPlace[] = [];
  atlas.index.places.forEach((p, i) => {
    if (params.kind && p.kind !== params.kind) return;
    const [lon, lat] = lonLat(p);
    places.push({ id: p.id, kind: p.kind, name: p.name, lat, lon, ...apiState(states[i]!) });
  });
  return {
    date: dayToIso(params.day),
    dataVersion: atlas.dataset.version,
    sides: apiSides(atlas),
    places,
    totals: totalsFromStates(atlas.index, states),
  };
}

/**
 * Per place, its /api/control entry as JSON by engine state. The index hands out one shared
 * state object per segment (and its uncertain twin), so each place has only a few entries.
 */
const controlPlaceJsonCache = new WeakMap<Atlas, Map<PlaceState, string>[]>();

function controlPlaceJson(atlas: Atlas, i: number, p: Place, state: PlaceState): string {
  let byPlace = controlPlaceJsonCache.get(atlas);
  if (!byPlace) controlPlaceJsonCache.set(atlas, (byPlace = atlas.index.places.map(() => new Map())));
  const known = byPlace[i]!;
  let json = known.get(state);
  if (json === undefined) {
    const [lon, lat] = lonLat(p);
    const entry: ControlPlace = { id: p.id, kind: p.kind, name: p.name, lat, lon, ...apiState(state) };
    json = JSON.stringify(entry);
    known.set(state, json);
  }
  return json;
}

/**
 * `JSON.stringify(controlBody(atlas, params))`, byte for byte, but each place's entry is
 * serialised once per state and reused: what the /api/control handler sends on a cache miss.
 */
export function controlJson(atlas: Atlas, params: StateParams): string {
  const parts = controlParts(atlas, params);
  return parts.head + parts.rest();
}

/**
 * /api/control's body in two parts: the head (`{"date":"…"`) and the rest, which is the same
 * for every day of a period between change days (periodOf). The server caches the rest once
 * per period under `restKey` and sends head + rest, instead of one body per date.
 */
export function controlParts(atlas: Atlas, params: StateParams): { head: string; restKey: string; rest: () => string } {
  const period = periodOf(atlas.index, params.day);
  return {
    head: `{"date":${JSON.stringify(dayToIso(params.day))}`,
    restKey: `control:${params.kind ?? "all"}:${period}`,
    rest: () => {
      const states = controlAt(atlas.index, params.day);
      const places: string[] = [];
      atlas.index.places.forEach((p, i) => {
        if (params.kind && p.kind !== params.kind) return;
        places.push(controlPlaceJson(atlas, i, p, states[i]!));
      });
      const rest = JSON.stringify({ dataVersion: atlas.dataset.version, sides: apiSides(atlas) }).slice(1, -1);
      return `,${rest},"places":[${places.join(",")}],"totals":${JSON.stringify(totalsFromStates(atlas.index, states))}}`;
    },
  };
}

// ---------- GET /api/state.geojson ----------

/** Flat properties: arrays joined with commas so QGIS and GDAL read plain text fields. */
export interface StateProperties {
  id: string;
  kind: PlaceKind;
  name: string;
  nameAr: string | null;
  region: string | null;
  population: number | null;
  date: string;
  status: ApiState["status"];
  side: string | null;
  sides: string;
  holder: string | null;
  shares: string;
  /** The held side's colour (null unless held), for a quick categorised style. */
  color: string | null;
  since: string | null;
  certain: boolean;
  derived: boolean;
  claims: string;
}

/** The state on a day as a GeoJSON FeatureCollection of place geometries. */
export function stateGeoJsonBody(atlas: Atlas, params: StateParams): FeatureCollection<Geometry, StateProperties> & { dataVersion: string; date: string } {
  const states = controlAt(atlas.index, params.day);
  const date = dayToIso(params.day);
  const features: Feature<Geometry, StateProperties>[] = [];
  atlas.index.places.forEach((p, i) => {
    if (params.kind && p.kind !== params.kind) return;
    const s = apiState(states[i]!);
    features.push({
      type: "Feature",
      id: p.id,
      properties: {
        id: p.id, kind: p.kind, name: p.name, nameAr: p.nameAr, region: p.region, population: p.population, date,
        status: s.status, side: s.side, sides: s.sides.join(","), holder: s.holder,
        shares: s.shares.map((x) => `${x.side}:${x.share}`).join(","),
        color: s.side ? atlas.sideById.get(s.side)?.color ?? null : null,
        since: s.since, certain: s.certain, derived: s.derived, claims: s.claims.join(","),
      },
      geometry: p.geometry,
    });
  });
  // Foreign members (RFC 7946 §6.1): readers that do not know them ignore them.
  return { type: "FeatureCollection", dataVersion: atlas.dataset.version, date, features };
}

// ---------- GET /api/places/[id] ----------

export interface PlaceBody {
  dataVersion: string;
  place: PlaceProperties & { lat: number; lon: number; geometry: Geometry; labelPoint: Point; contains: string[] };
  /** Intervals of unchanged state, oldest first; `to` is null for the current one. */
  history: (ApiState & { from: string; to: string | null })[];
  /** Every claim about the place itself, oldest first, with its source. */
  claims: ApiClaim[];
}

/** One place with its history and its claims, or null for an unknown id. */
export function placeBody(atlas: Atlas, id: string): PlaceBody | null {
  const i = atlas.index.placeIndex.get(id);
  if (i === undefined) return null;
  const p = atlas.index.places[i]!;
  const [lon, lat] = lonLat(p);
  const claims = [...atlas.index.claimsByPlace[i]!].sort((a, b) => a.period.start - b.period.start || (a.id < b.id ? -1 : 1));
  return {
    dataVersion: atlas.dataset.version,
    place: {
      id: p.id, kind: p.kind, name: p.name, nameAr: p.nameAr, alternates: p.alternates, population: p.population, region: p.region,
      category: p.category, areaKm2: p.areaKm2, lat, lon, geometry: p.geometry, labelPoint: p.labelPoint,
      contains: atlas.index.children[i]!.map((k) => atlas.index.places[k]!.id),
    },
    history: historyOf(atlas.index, id).map((h) => ({ from: dayToIso(h.from), to: h.to === null ? null : dayToIso(h.to), ...apiState(h.state) })),
    claims: claims.map((c) => apiClaim(atlas, c)),
  };
}

// ---------- GET /api/claims ----------

/** Claims matching the filters: a claim is in a from–to range when its own period overlaps it. */
export function filterClaims(atlas: Atlas, f: Omit<ClaimsParams, "format">): ResolvedClaim[] {
  return atlas.claims.filter((c) =>
    (!f.place || c.place === f.place) &&
    (!f.side || c.sideId === f.side) &&
    (!f.source || c.source === f.source) &&
    (!f.from || c.period.end >= f.from.start) &&
    (!f.to || c.period.start <= f.to.end));
}

export interface ClaimsBody {
  dataVersion: string;
  count: number;
  claims: ApiClaim[];
}

/** Filtered claims as JSON. */
export function claimsBody(atlas: Atlas, params: ClaimsParams): ClaimsBody {
  const claims = filterClaims(atlas, params).map((c) => apiClaim(atlas, c));
  return { dataVersion: atlas.dataset.version, count: claims.length, claims };
}

export const CLAIMS_CSV_HEADER = [
  "id", "date", "precision", "place", "placeName", "status", "side", "actor", "confidence",
  "quote", "paraphrase", "notes", "source", "sourceTitle", "publisher", "url", "published",
] as const;

/** Filtered claims as CSV (one row per claim, source fields flattened). */
export function claimsCsv(atlas: Atlas, params: ClaimsParams): string {
  const rows = filterClaims(atlas, params).map((c) => {
    const a = apiClaim(atlas, c);
    return [a.id, a.date, a.precision, a.place, a.placeName, a.status, a.side, a.actor, a.confidence,
      a.quote, a.paraphrase, a.notes, a.source.id, a.source.title, a.source.publisher, a.source.url, a.source.published];
  });
  return toCsv(CLAIMS_CSV_HEADER, rows);
}

// ---------- GET /api/timeline ----------

export interface TimelineBody {
  dataVersion: string;
  sides: ApiSide[];
  /** A step function: each point's totals hold from its date until the next point's. */
  series: { date: string; totals: Totals }[];
}

/** Area and population per side at every day on which some place changes. */
export function timelineBody(atlas: Atlas): TimelineBody {
  return {
    dataVersion: atlas.dataset.version,
    sides: apiSides(atlas),
    series: atlas.series().map((pt) => ({ date: dayToIso(pt.day), totals: pt.totals })),
  };
}

// ---------- GET /api/changes ----------

export interface ApiChange {
  id: string;
  kind: PlaceKind;
  name: string;
  before: ApiState;
  after: ApiState;
  /** The claims that decided the state on `to` (for a district derived from its towns, the towns' claims). */
  decidedBy: ApiClaim[];
  /** Ids of the claims about the place (or its towns) dated after `from` and up to `to`. */
  claimsBetween: string[];
}

export interface ChangesBody {
  from: string;
  to: string;
  dataVersion: string;
  count: number;
  changes: ApiChange[];
}

/** Places whose state differs between two days, with the claims behind each change. */
export function changesBody(atlas: Atlas, params: ChangesParams): ChangesBody {
  const changes = changesBetween(atlas.index, params.from, params.to).map((ch): ApiChange => {
    const p = atlas.placeById.get(ch.placeId)!;
    return {
      id: p.id, kind: p.kind, name: p.name,
      before: apiState(ch.before), after: apiState(ch.after),
      decidedBy: decidingClaims(atlas.index, p.id, params.to).flatMap((id) => {
        const c = atlas.claimById.get(id);
        return c ? [apiClaim(atlas, c)] : [];
      }),
      claimsBetween: ch.claims.map((c) => c.id),
    };
  });
  return { from: dayToIso(params.from), to: dayToIso(params.to), dataVersion: atlas.dataset.version, count: changes.length, changes };
}
