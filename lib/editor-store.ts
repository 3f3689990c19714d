/**
 * Safe writes for the editor: a source file (an article and its claims) under data/sources/,
 * and places (a district update, a drawn area, a town) into the GeoJSON files.
 *
 * Every save:
 * 1. runs under an in-process lock (one save at a time per process, shared by every route
 *    bundle through globalThis) and an exclusive lock file in data/ (one save at a time across
 *    processes: `open(…, "wx")`, retried; a lock left by a dead process is broken);
 * 2. re-reads the file it changes and compares its revision (a hash of its content) with the
 *    revision the editor's input was based on. Claims and features new to the file are always
 *    merged in, whatever the revision (so concurrent additions never drop each other); changing
 *    what is already there (source metadata, an existing claim or feature) needs the revision the
 *    change was based on, or the save is a conflict and writes nothing;
 * 3. runs `checkData` (the checks of `npm run data:check`) on the whole would-be data set and
 *    refuses with its issues if there are any;
 * 4. writes atomically: a temporary file in the same directory, fsync, a last revision check,
 *    rename over the old file, fsync of the directory. A reader sees the old file or the new one.
 * Server side only (node:fs); no React, no Next.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkData, formatIssue, type DataFile, type Issue } from "./check";
import { projectRoot, readDataFiles } from "./data-files";
import { ID_RE } from "./schema";
import type { Dataset, PlaceKind } from "./types";

/** The revision of a missing file. */
export const ABSENT = "absent";

/** The revision of a file's content: a short sha-256; `ABSENT` for a missing file. */
export function revisionOf(text: string | null): string {
  return text === null ? ABSENT : createHash("sha256").update(text).digest("hex").slice(0, 20);
}

/** An issue, marked when the data on disk already had it (the save did not cause it). */
export interface StoreIssue extends Issue {
  preexisting?: boolean;
  /** The line data:check prints for it. */
  line: string;
}

export type SaveOutcome<T> =
  | ({ ok: true; path: string; revision: string } & T)
  | { ok: false; kind: "conflict"; path: string; revision: string; message: string; current: unknown }
  | { ok: false; kind: "invalid"; issues: StoreIssue[] };

export interface StoreOptions {
  /** Project root holding data/ (default: LCA_ROOT or the working directory). */
  root?: string;
  /** Today's day number for the date checks (tests). */
  today?: number;
  /** Check and report, write nothing. */
  dryRun?: boolean;
  /** Test hook: called after the temporary file is written, before the rename. */
  beforeRename?: (tmpPath: string) => void;
}

// ---------- locks ----------

type Tail = { tail: Promise<unknown> };
const LOCKS_KEY = Symbol.for("lca.editor-store.locks");
const processLocks: Map<string, Tail> = ((globalThis as Record<symbol, unknown>)[LOCKS_KEY] ??= new Map<string, Tail>()) as Map<string, Tail>;

/** Runs `fn` after every earlier call for the same key has finished (a promise-chain mutex). */
function serialize<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const lock = processLocks.get(key) ?? { tail: Promise.resolve() };
  processLocks.set(key, lock);
  const run = lock.tail.then(fn, fn);
  lock.tail = run.catch(() => undefined);
  return run;
}

export class LockTimeoutError extends Error {
  override name = "LockTimeoutError";
}

/** The lock file's name matches .gitignore's `*.tmp-*` and not readDataFiles' `.json`. */
export const LOCK_NAME = ".editor.tmp-lock";
const LOCK_WAIT_MS = 15_000;
const LOCK_STALE_MS = 5 * 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function lockIsStale(lockPath: string): boolean {
  try {
    const [pid, host] = fs.readFileSync(lockPath, "utf8").split(" ");
    if (host === hostTag() && pid && Number(pid) > 0) {
      try {
        process.kill(Number(pid), 0);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ESRCH") return true;
      }
    }
    return Date.now() - fs.statSync(lockPath).mtimeMs > LOCK_STALE_MS;
  } catch {
    return false;
  }
}

/** The lock holder's machine: a pid is only meaningful there. */
const hostTag = () => os.hostname().replace(/\s+/g, "-");

/** Holds an exclusive lock file in `dir` while `fn` runs (across processes). */
async function withFileLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lockPath = path.join(dir, LOCK_NAME);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, `${process.pid} ${hostTag()} ${new Date().toISOString()}`);
      fs.closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      if (lockIsStale(lockPath)) {
        // Rename first so two processes breaking the same stale lock cannot remove a fresh one.
        const aside = `${lockPath}-stale-${process.pid}-${randomBytes(4).toString("hex")}`;
        try {
          fs.renameSync(lockPath, aside);
          fs.unlinkSync(aside);
        } catch {
          // someone else broke it first
        }
        continue;
      }
      if (Date.now() > deadline) throw new LockTimeoutError(`another save holds ${lockPath}; try again`);
      await sleep(Math.min(50, 2 + attempt) + Math.random() * 10);
    }
  }
  try {
    return await fn();
  } finally {
    try {
      fs.unlinkSync(lockPath);
    } catch {
      // already gone: nothing to release
    }
  }
}

/** One save at a time for a data directory: in this process, then across processes. */
function transaction<T>(root: string, fn: () => Promise<T>): Promise<T> {
  const dataDir = path.join(/*turbopackIgnore: true*/ root, "data");
  return serialize(dataDir, () => withFileLock(dataDir, fn));
}

// ---------- atomic write ----------

function readOrNull(abs: string): string | null {
  try {
    return fs.readFileSync(abs, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

export class ConcurrentChangeError extends Error {
  override name = "ConcurrentChangeError";
}

/**
 * Writes `text` to `abs` through a temporary file in the same directory (fsync, rename,
 * fsync of the directory), after checking that the file still has revision `expected`.
 * Throws ConcurrentChangeError (and writes nothing) when it does not.
 */
export function atomicWrite(abs: string, text: string, expected: string, hooks: Pick<StoreOptions, "beforeRename"> = {}): void {
  const dir = path.dirname(abs);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${abs}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`;
  let renamed = false;
  try {
    const fd = fs.openSync(tmp, "wx", 0o644);
    try {
      fs.writeFileSync(fd, text, "utf8");
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    hooks.beforeRename?.(tmp);
    // Last look under the lock: a hand edit since we read it must not be overwritten.
    if (revisionOf(readOrNull(abs)) !== expected) throw new ConcurrentChangeError(`${abs} changed while saving`);
    fs.renameSync(tmp, abs);
    renamed = true;
    try {
      const dfd = fs.openSync(dir, "r");
      try {
        fs.fsyncSync(dfd);
      } finally {
        fs.closeSync(dfd);
      }
    } catch {
      // Some filesystems cannot fsync a directory; the rename is still atomic.
    }
  } finally {
    if (!renamed) fs.rmSync(tmp, { force: true });
  }
}

// ---------- validation of the would-be data ----------

function toStoreIssues(issues: Issue[], before: () => Issue[]): StoreIssue[] {
  const old = new Set(before().map(formatIssue));
  return issues
    .map((i) => ({ ...i, line: formatIssue(i), ...(old.has(formatIssue(i)) ? { preexisting: true } : {}) }))
    .sort((a, b) => Number(a.preexisting ?? false) - Number(b.preexisting ?? false));
}

/** checkData on the data files with some replaced or added; issues marked when already on disk. */
export function checkWith(files: DataFile[], changed: DataFile[], today?: number): { issues: StoreIssue[]; dataset: Dataset | null } {
  const replaced = new Map(changed.map((f) => [f.path, f]));
  const next = files.filter((f) => !replaced.has(f.path)).concat(changed);
  const options = today === undefined ? {} : { today };
  const { issues, dataset } = checkData(next, options);
  if (issues.length === 0) return { issues: [], dataset };
  return { issues: toStoreIssues(issues, () => checkData(files, options).issues), dataset: null };
}

const stable = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) =>
  x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : x);
const same = (a: unknown, b: unknown) => stable(a) === stable(b);
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

// ---------- sources ----------

export const SOURCE_FIELDS = ["id", "title", "publisher", "url", "published", "language", "text"] as const;
const CLAIM_FIELDS = ["id", "place", "actor", "side", "status", "date", "quote", "paraphrase", "confidence", "notes"] as const;

/** What an editor saves: a source's metadata, the claims to add or change, and the revision it was based on. */
export interface SourceSave {
  source: Record<string, unknown>;
  /** Claims; one without an id gets the next free `<source-id>-<n>`. */
  claims: Record<string, unknown>[];
  /** Revision of data/sources/<id>.json the input was based on (ABSENT or null for a new source). */
  baseRevision: string | null;
}

export interface SourceSaved {
  /** The file as written (or as it would be, on a dry run). */
  file: Record<string, unknown>;
  /** Ids of the claims that were added or changed. */
  changed: string[];
  /** The would-be dataset (dry runs and previews use it). */
  dataset: Dataset;
}

/** Orders a record's keys as the project writes them; unknown keys stay (data:check reports them). */
function ordered(rec: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (rec[k] !== undefined && rec[k] !== "") out[k] = rec[k];
  for (const [k, v] of Object.entries(rec)) if (!(k in out) && !order.includes(k) && k !== "claims") out[k] = v;
  return out;
}

/** Path of a source file, relative to the root. */
export const sourcePath = (id: string) => `data/sources/${id}.json`;

/** The current content and revision of a source file. */
export function readSource(id: string, options: Pick<StoreOptions, "root"> = {}): { path: string; revision: string; file: unknown | null } {
  if (!ID_RE.test(id)) return { path: sourcePath("invalid"), revision: ABSENT, file: null };
  const rel = sourcePath(id);
  const text = readOrNull(path.join(/*turbopackIgnore: true*/ options.root ?? projectRoot(), rel));
  let file: unknown = null;
  try {
    file = text === null ? null : JSON.parse(text);
  } catch {
    file = null;
  }
  return { path: rel, revision: revisionOf(text), file };
}

const claimKey = (c: Record<string, unknown>) => [c.place, c.actor ?? c.side, c.status, c.date].map(String).join("|");

/**
 * Merges a save into the current file. Pure: returns the new file, or the reason it conflicts.
 * New claims are appended; claims already in the file are kept; changing an existing claim or the
 * metadata needs `baseRevision === currentRevision`.
 */
export function mergeSource(current: Record<string, unknown> | null, currentRevision: string, save: SourceSave): { file: Record<string, unknown>; changed: string[] } | { conflict: string } {
  const base = save.baseRevision ?? ABSENT;
  const upToDate = base === currentRevision;
  const meta = ordered(save.source, SOURCE_FIELDS);
  // The article's text is optional in a save: leaving it out keeps the text on disk.
  if (meta.text === undefined && current && typeof current.text === "string") meta.text = current.text;
  if (!current && base !== ABSENT) return { conflict: "The source file was deleted after you loaded it." };
  const existing: Record<string, unknown>[] = current && Array.isArray(current.claims) ? (current.claims as unknown[]).filter(isRecord) : [];
  if (current && !upToDate) {
    if (!same(ordered(current, SOURCE_FIELDS), meta)) {
      return { conflict: "Someone saved this source after you loaded it, with other metadata (title, publisher, URL, date, language or text)." };
    }
  }
  const claims = existing.map((c) => ({ ...c }));
  const byId = new Map(claims.map((c, i) => [String(c.id), i]));
  const changed: string[] = [];
  let next = 1;
  const freeId = () => {
    while (byId.has(`${String(meta.id)}-${next}`)) next++;
    return `${String(meta.id)}-${next}`;
  };
  for (const raw of save.claims) {
    const c = ordered(raw, CLAIM_FIELDS);
    if (typeof c.id === "string" && byId.has(c.id)) {
      const i = byId.get(c.id)!;
      if (same(claims[i], c)) continue;
      if (!upToDate) return { conflict: `Claim ${c.id} was changed by someone else after you loaded this source.` };
      claims[i] = c;
      changed.push(c.id);
      continue;
    }
    if (c.id === undefined) {
      // A retried save of the same id-less claim must not add it twice.
      const twin = claims.find((x) => claimKey(x) === claimKey(c) && same({ ...x, id: undefined }, { ...c, id: undefined }));
      if (twin) continue;
      c.id = freeId();
    }
    const withId = ordered(c, CLAIM_FIELDS);
    byId.set(String(withId.id), claims.length);
    claims.push(withId);
    changed.push(String(withId.id));
  }
  return { file: { ...ordered(meta, SOURCE_FIELDS), claims }, changed };
}

/** Text of a source file as the project writes it: two-space JSON and a final newline. */
export const sourceText = (file: Record<string, unknown>) => `${JSON.stringify(file, null, 2)}\n`;

/**
 * Saves a source: merges the claims into data/sources/<id>.json, checks the whole data set,
 * writes atomically. Never throws for bad input or a conflict: the outcome says what happened.
 */
export async function saveSource(save: SourceSave, options: StoreOptions = {}): Promise<SaveOutcome<SourceSaved>> {
  const root = options.root ?? projectRoot();
  const id = save.source.id;
  if (typeof id !== "string" || !ID_RE.test(id)) {
    const issue: Issue = { file: "data/sources/", id: typeof id === "string" ? id.slice(0, 80) : undefined, field: "id", expected: "a lowercase slug id like 'reuters-2019-04-06-gharyan'", found: JSON.stringify(id ?? null)?.slice(0, 80) ?? "nothing" };
    return { ok: false, kind: "invalid", issues: [{ ...issue, line: formatIssue(issue) }] };
  }
  const rel = sourcePath(id);
  const abs = path.join(/*turbopackIgnore: true*/ root, rel);
  const work = async (): Promise<SaveOutcome<SourceSaved>> => {
    const text = readOrNull(abs);
    const revision = revisionOf(text);
    let current: Record<string, unknown> | null = null;
    if (text !== null) {
      try {
        const parsed: unknown = JSON.parse(text);
        current = isRecord(parsed) ? parsed : null;
      } catch {
        current = null;
      }
      if (!current) return { ok: false, kind: "conflict", path: rel, revision, current: null, message: `${rel} on disk is not a valid source file; fix it by hand (npm run data:check) before saving here.` };
    }
    const merged = mergeSource(current, revision, save);
    if ("conflict" in merged) return { ok: false, kind: "conflict", path: rel, revision, current, message: `${merged.conflict} Your input is kept: review the current version, then save again.` };
    const newText = sourceText(merged.file);
    const { issues, dataset } = checkWith(readDataFiles(root), [{ path: rel, text: newText }], options.today);
    if (!dataset) return { ok: false, kind: "invalid", issues };
    if (options.dryRun || newText === text) return { ok: true, path: rel, revision: options.dryRun ? revision : revisionOf(newText), file: merged.file, changed: merged.changed, dataset };
    try {
      atomicWrite(abs, newText, revision, options);
    } catch (e) {
      if (e instanceof ConcurrentChangeError) return { ok: false, kind: "conflict", path: rel, revision: revisionOf(readOrNull(abs)), current: null, message: `${rel} was changed by hand while saving. Your input is kept: save again.` };
      throw e;
    }
    return { ok: true, path: rel, revision: revisionOf(newText), file: merged.file, changed: merged.changed, dataset };
  };
  return options.dryRun ? work() : transaction(root, work);
}

// ---------- places (GeoJSON) ----------

export const PLACE_FILES: Record<PlaceKind, string> = {
  region: "data/regions.geojson",
  city: "data/cities.geojson",
  area: "data/areas.geojson",
};

export interface GeoJsonSave {
  /** A Feature or a FeatureCollection whose features all have the same properties.kind. */
  geojson: unknown;
  /** Revision of the target file the input was based on (needed to replace an existing feature). */
  baseRevision: string | null;
}

export interface GeoJsonSaved {
  kind: PlaceKind;
  /** Per feature id: added, replaced, or unchanged. */
  changes: { id: string; change: "added" | "replaced" | "unchanged" }[];
}

const PASTED = "(pasted GeoJSON)";

function inputIssue(id: string | undefined, field: string | undefined, expected: string, found: string): StoreIssue {
  const i: Issue = { file: PASTED, id, field, expected, found };
  return { ...i, line: formatIssue(i) };
}

/** The features of a pasted Feature or FeatureCollection and the file they go to, or the issues. */
export function readPastedFeatures(geojson: unknown): { kind: PlaceKind; features: Record<string, unknown>[] } | { issues: StoreIssue[] } {
  let g = geojson;
  if (typeof g === "string") {
    try {
      g = JSON.parse(g);
    } catch (e) {
      return { issues: [inputIssue(undefined, undefined, "valid JSON", (e as Error).message)] };
    }
  }
  if (!isRecord(g) || (g.type !== "Feature" && g.type !== "FeatureCollection")) {
    return { issues: [inputIssue(undefined, "type", "a GeoJSON Feature or FeatureCollection", JSON.stringify(isRecord(g) ? g.type ?? null : typeof g))] };
  }
  const list = g.type === "Feature" ? [g] : Array.isArray(g.features) ? (g.features as unknown[]) : null;
  if (!list || list.length === 0) return { issues: [inputIssue(undefined, "features", "at least one feature", "none")] };
  const issues: StoreIssue[] = [];
  const kinds = new Set<PlaceKind>();
  const features: Record<string, unknown>[] = [];
  const ids = new Set<string>();
  list.forEach((f, i) => {
    const props = isRecord(f) && isRecord(f.properties) ? f.properties : null;
    const id = props && typeof props.id === "string" ? props.id : `#${i}`;
    if (!isRecord(f) || f.type !== "Feature") return issues.push(inputIssue(id, "type", '"Feature"', JSON.stringify(isRecord(f) ? f.type ?? null : f)));
    if (!props || typeof props.id !== "string") return issues.push(inputIssue(id, "properties.id", "a place id (a slug like 'ras-lanuf' or a district code like 'LY-TB')", "nothing"));
    const kind = props.kind;
    if (kind !== "region" && kind !== "city" && kind !== "area") return issues.push(inputIssue(id, "properties.kind", "region, city or area (it decides the file: regions, cities or areas.geojson)", JSON.stringify(kind ?? null)));
    if (ids.has(props.id)) return issues.push(inputIssue(id, "properties.id", "each feature once", "a duplicate"));
    ids.add(props.id);
    kinds.add(kind);
    // The files carry the id on the feature too; properties first, as build-geo writes them.
    const rest = Object.fromEntries(Object.entries(f).filter(([k]) => !["type", "id", "properties", "geometry"].includes(k)));
    features.push({ type: "Feature", id: props.id, properties: f.properties, geometry: f.geometry, ...rest });
  });
  if (issues.length) return { issues };
  if (kinds.size > 1) return { issues: [inputIssue(undefined, "properties.kind", "features of one kind per save (one file changes at a time)", [...kinds].join(", "))] };
  return { kind: [...kinds][0]!, features };
}

/** A FeatureCollection with one feature per line, as data:build-geo writes it. */
export function featureCollectionText(head: Record<string, unknown>, features: unknown[]): string {
  const h = JSON.stringify({ ...head, type: "FeatureCollection", features: undefined }).slice(0, -1);
  return `${h},"features":[\n${features.map((f) => JSON.stringify(f)).join(",\n")}\n]}\n`;
}

/**
 * Saves places: each feature replaces the feature with its id in the file of its kind, or is
 * added. Checks the whole data set; writes atomically. Never throws for bad input or a conflict.
 */
export async function saveGeoJson(save: GeoJsonSave, options: StoreOptions = {}): Promise<SaveOutcome<GeoJsonSaved>> {
  const root = options.root ?? projectRoot();
  const pasted = readPastedFeatures(save.geojson);
  if ("issues" in pasted) return { ok: false, kind: "invalid", issues: pasted.issues };
  const rel = PLACE_FILES[pasted.kind];
  const abs = path.join(/*turbopackIgnore: true*/ root, rel);
  const work = async (): Promise<SaveOutcome<GeoJsonSaved>> => {
    const text = readOrNull(abs);
    const revision = revisionOf(text);
    let fc: Record<string, unknown> = { type: "FeatureCollection", features: [] };
    if (text !== null) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (!isRecord(parsed) || !Array.isArray(parsed.features)) throw new Error("no features array");
        fc = parsed;
      } catch {
        return { ok: false, kind: "conflict", path: rel, revision, current: null, message: `${rel} on disk is not a valid FeatureCollection; fix it by hand (npm run data:check) before saving here.` };
      }
    }
    const features = (fc.features as unknown[]).slice();
    const index = new Map(features.map((f, i) => [isRecord(f) && isRecord(f.properties) ? String(f.properties.id) : `#${i}`, i]));
    const upToDate = (save.baseRevision ?? ABSENT) === revision;
    const changes: GeoJsonSaved["changes"] = [];
    for (const f of pasted.features) {
      const id = String((f.properties as Record<string, unknown>).id);
      const at = index.get(id);
      if (at === undefined) {
        index.set(id, features.length);
        features.push(f);
        changes.push({ id, change: "added" });
      } else if (same(features[at], f)) {
        changes.push({ id, change: "unchanged" });
      } else {
        if (!upToDate) {
          return { ok: false, kind: "conflict", path: rel, revision, current: features[at], message: `${rel} changed after you validated (feature ${id} is not what it was). Your input is kept: validate again to see the current file, then save.` };
        }
        features[at] = f;
        changes.push({ id, change: "replaced" });
      }
    }
    const head = Object.fromEntries(Object.entries(fc).filter(([k]) => k !== "type" && k !== "features"));
    const newText = featureCollectionText(head, features);
    const { issues, dataset } = checkWith(readDataFiles(root), [{ path: rel, text: newText }], options.today);
    if (!dataset) return { ok: false, kind: "invalid", issues };
    if (options.dryRun || newText === text) return { ok: true, path: rel, revision, kind: pasted.kind, changes };
    try {
      atomicWrite(abs, newText, revision, options);
    } catch (e) {
      if (e instanceof ConcurrentChangeError) return { ok: false, kind: "conflict", path: rel, revision: revisionOf(readOrNull(abs)), current: null, message: `${rel} was changed by hand while saving. Your input is kept: validate and save again.` };
      throw e;
    }
    return { ok: true, path: rel, revision: revisionOf(newText), kind: pasted.kind, changes };
  };
  return options.dryRun ? work() : transaction(root, work);
}

/** The current revision of a place file. */
export function placeFileRevision(kind: PlaceKind, options: Pick<StoreOptions, "root"> = {}): string {
  return revisionOf(readOrNull(path.join(/*turbopackIgnore: true*/ options.root ?? projectRoot(), PLACE_FILES[kind])));
}
