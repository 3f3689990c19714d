/**
 * What the editor's routes read: the data on disk as it is now (re-read per request, so an
 * editor sees what others saved), its places, actors and sides, the extraction gazetteer and
 * the control index, cached per data version. Server side only.
 */
import { checkData, formatIssue, type DataFile } from "./check";
import { buildIndex, stateOf, type ControlIndex, type PlaceState } from "./control-index";
import { dataVersion } from "./check";
import { projectRoot, readDataFiles } from "./data-files";
import { dayToIso } from "./dates";
import { buildGazetteer, type Gazetteer } from "./gazetteer";
import type { Actor, Dataset, Place, Side } from "./types";

export interface EditorContext {
  root: string;
  files: DataFile[];
  version: string;
  /** The validated dataset; null while data/ has problems (then `problems` lists them). */
  dataset: Dataset | null;
  problems: string[];
  places: Place[];
  actors: Actor[];
  sides: Side[];
  gazetteer: Gazetteer;
  /** The engine on the data as it is (null while data/ has problems). */
  index: ControlIndex | null;
}

const CACHE_KEY = Symbol.for("lca.editor-context");
type Cache = { key: string; context: EditorContext } | null;
const holder = globalThis as Record<symbol, Cache>;

/**
 * The data as it is on disk now. When data/ has problems, places, actors and sides still come
 * from the geography and actor files if those are valid on their own (a broken source file must
 * not stop an editor from reading a new article).
 */
export function editorContext(root: string = projectRoot()): EditorContext {
  const files = readDataFiles(root);
  const version = dataVersion(files);
  const cached = holder[CACHE_KEY];
  if (cached && cached.key === `${root}\0${version}`) return cached.context;
  const full = checkData(files);
  let base = full.dataset;
  if (!base) base = checkData(files.filter((f) => !f.path.startsWith("data/sources/"))).dataset;
  const places = base?.places ?? [];
  const actors = base?.actors ?? [];
  const context: EditorContext = {
    root, files, version,
    dataset: full.dataset,
    problems: full.issues.map(formatIssue),
    places, actors, sides: base?.sides ?? [],
    gazetteer: buildGazetteer(places, actors),
    index: full.dataset ? buildIndex(full.dataset) : null,
  };
  holder[CACHE_KEY] = { key: `${root}\0${version}`, context };
  return context;
}

/** A state as the editor shows it: plain values and one line of text. */
export interface StateSummary {
  status: PlaceState["status"];
  sides: string[];
  since: string | null;
  certain: boolean;
  text: string;
}

/** One line for a state, with side names: "held by Libyan National Army since 2019-04-01 (uncertain)". */
export function summarizeState(s: PlaceState, sides: Side[]): StateSummary {
  const name = (id: string) => sides.find((x) => x.id === id)?.name ?? id;
  const since = s.since === null ? null : dayToIso(s.since);
  const tail = `${since ? ` since ${since}` : ""}${s.certain ? "" : " (uncertain)"}`;
  switch (s.status) {
    case "held": return { status: s.status, sides: [s.side], since, certain: s.certain, text: `held by ${name(s.side)}${tail}` };
    case "contested": return { status: s.status, sides: s.sides, since, certain: s.certain, text: `contested: ${s.sides.map(name).join(" vs ")}${tail}` };
    case "mixed": return { status: s.status, sides: s.shares.map((x) => x.side), since, certain: s.certain, text: `mixed: ${s.shares.map((x) => `${x.side === "contested" ? "contested" : name(x.side)} ${Math.round(x.share * 100)}%`).join(", ")}${tail}` };
    case "unknown": return { status: s.status, sides: [], since: null, certain: true, text: "unknown (no claim covers the date)" };
  }
}

/** The effect of some claims on one place at one day. */
export interface PreviewRow {
  placeId: string;
  placeName: string;
  kind: Place["kind"];
  /** Claim ids that touch this place (directly, or through a town inside it). */
  claims: string[];
  date: string;
  before: StateSummary;
  after: StateSummary;
  changed: boolean;
}

/**
 * Before and after the given claims, at each claim's effective day: the claim's place, the
 * district it lies in and the drawn areas that contain it.
 */
export function previewClaims(before: ControlIndex | null, after: Dataset, claimIds: string[], sides: Side[]): PreviewRow[] {
  const index = buildIndex(after);
  const wanted = new Set(claimIds);
  const rows = new Map<string, PreviewRow>();
  for (const c of after.claims) {
    if (!wanted.has(c.id)) continue;
    const i = index.placeIndex.get(c.place);
    if (i === undefined) continue;
    const place = index.places[i]!;
    const parents = index.places.filter((p, j) => p.id === place.region || (p.kind === "area" && index.children[j]!.includes(i)));
    for (const p of [place, ...parents]) {
      const key = `${p.id}@${c.effectiveDay}`;
      const row = rows.get(key);
      if (row) {
        row.claims.push(c.id);
        continue;
      }
      const b = summarizeState(before ? stateOf(before, p.id, c.effectiveDay) : { status: "unknown", since: null, certain: true, claims: [], conflicts: [], derived: false }, sides);
      const a = summarizeState(stateOf(index, p.id, c.effectiveDay), sides);
      rows.set(key, { placeId: p.id, placeName: p.name, kind: p.kind, claims: [c.id], date: dayToIso(c.effectiveDay), before: b, after: a, changed: b.text !== a.text });
    }
  }
  return [...rows.values()].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.placeName.localeCompare(y.placeName)));
}
