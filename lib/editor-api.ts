/**
 * The editor's HTTP handlers (web-standard Request in, Response out; the routes under
 * app/api/editor/ only call these). Each checks access first (lib/editor-auth), validates its
 * body with a schema, and answers JSON: 400 for a malformed request, 409 for a revision
 * conflict, 422 with data:check's issues for data that would not pass, 200 otherwise.
 */
import { z } from "zod";
import { articleMeta } from "./editor-article";
import { authorize, editorError, editorJson } from "./editor-auth";
import { editorContext, previewClaims } from "./editor-context";
import { readSource, saveGeoJson, saveSource, type SaveOutcome, type StoreIssue } from "./editor-store";
import { extractClaims, isValidDay, readArticle } from "./extract";
import { ID_RE } from "./schema";

const MAX_BODY = 2_000_000;

async function readBody<T>(request: Request, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  const len = Number(request.headers.get("content-length") ?? 0);
  if (len > MAX_BODY) return { ok: false, response: editorError(413, { message: `The request is over ${MAX_BODY} bytes.` }) };
  let raw: unknown;
  try {
    const text = await request.text();
    if (text.length > MAX_BODY) return { ok: false, response: editorError(413, { message: `The request is over ${MAX_BODY} bytes.` }) };
    raw = JSON.parse(text);
  } catch {
    return { ok: false, response: editorError(400, { param: "body", expected: "a JSON object", got: null }) };
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return { ok: false, response: editorError(400, { param: issue.path.join(".") || "body", expected: issue.message, got: null }) };
  }
  return { ok: true, value: r.data };
}

function guarded(write: boolean, fn: (request: Request) => Promise<Response> | Response) {
  return async (request: Request): Promise<Response> => {
    const denied = authorize(request, { write });
    if (denied) return denied;
    try {
      return await fn(request);
    } catch (e) {
      console.error(`editor: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      if (e instanceof Error && e.name === "LockTimeoutError") return editorError(503, { message: "Another save is taking long; nothing was written. Try again.", code: "busy" }, { "Retry-After": "2" });
      return editorError(500, { message: "Internal error; nothing was written." });
    }
  };
}

function outcomeResponse<T extends object>(outcome: SaveOutcome<T>, render: (ok: Extract<SaveOutcome<T>, { ok: true }>) => unknown): Response {
  if (outcome.ok) return editorJson(render(outcome));
  if (outcome.kind === "conflict") {
    return editorError(409, { code: "conflict", message: outcome.message, path: outcome.path, revision: outcome.revision, current: outcome.current });
  }
  return editorError(422, { code: "invalid", message: invalidMessage(outcome.issues), issues: outcome.issues });
}

function invalidMessage(issues: StoreIssue[]): string {
  const own = issues.filter((i) => !i.preexisting).length;
  const old = issues.length - own;
  return `Not saved: ${own} problem${own === 1 ? "" : "s"} in your input${old ? `, and ${old} already in data/ that must be fixed first` : ""} (the checks of npm run data:check).`;
}

// ---------- handlers ----------

/** GET: who am I (checks the token) and what the editor offers: places, actors, sides. */
export const sessionHandler = guarded(false, () => {
  const ctx = editorContext();
  return editorJson({
    version: ctx.version,
    problems: ctx.problems.slice(0, 50),
    places: ctx.places.map((p) => ({ id: p.id, name: p.name, kind: p.kind, region: p.region })),
    actors: ctx.actors.map((a) => ({ id: a.id, name: a.name, alignments: a.alignments })),
    sides: ctx.sides.map((s) => ({ id: s.id, name: s.name, color: s.color })),
  });
});

const extractBody = z.object({
  text: z.string({ error: "the article as plain text" }).min(1, { error: "the article as plain text" }).max(200_000, { error: "at most 200,000 characters" }),
  published: z.string().refine((s) => s === "" || isValidDay(s), { error: "a real day as YYYY-MM-DD" }).optional(),
});

/** POST { text, published? }: the article's text (header lines removed), prefilled metadata, candidate claims with offsets. */
export const extractHandler = guarded(true, async (request) => {
  const body = await readBody(request, extractBody);
  if (!body.ok) return body.response;
  const ctx = editorContext();
  const { text } = readArticle(body.value.text.replace(/\r\n?/g, "\n"));
  const meta = articleMeta(body.value.text.replace(/\r\n?/g, "\n"));
  const published = body.value.published || meta.published || undefined;
  const candidates = extractClaims(text, { published, places: ctx.places, actors: ctx.actors, gazetteer: ctx.gazetteer })
    .sort((a, b) => a.start - b.start || a.end - b.end);
  return editorJson({ text, meta: { ...meta, published: published ?? "" }, candidates });
});

/** GET ?id=: a source file as it is now, with its revision (ABSENT when there is none). */
export const readSourceHandler = guarded(false, (request) => {
  const id = new URL(request.url).searchParams.get("id") ?? "";
  if (!ID_RE.test(id)) return editorError(400, { param: "id", expected: "a source id (a lowercase slug)", got: id.slice(0, 120) });
  return editorJson(readSource(id));
});

const record = z.record(z.string(), z.unknown());
const sourceBody = z.object({
  source: record,
  claims: z.array(record, { error: "an array of claims" }).max(500),
  baseRevision: z.string().max(100).nullable(),
});

/** POST { source, claims, baseRevision }: merge the claims into data/sources/<id>.json and save. */
export const saveSourceHandler = guarded(true, async (request) => {
  const body = await readBody(request, sourceBody);
  if (!body.ok) return body.response;
  const outcome = await saveSource(body.value);
  return outcomeResponse(outcome, ({ path, revision, file, changed }) => ({ path, revision, file, changed }));
});

/** POST { source, claims, baseRevision }: what saving would do: data:check's issues, or each affected place before and after (with its geometry). */
export const previewHandler = guarded(true, async (request) => {
  const body = await readBody(request, sourceBody);
  if (!body.ok) return body.response;
  const ctx = editorContext();
  const outcome = await saveSource(body.value, { dryRun: true });
  if (!outcome.ok) {
    if (outcome.kind === "conflict") return editorJson({ conflict: outcome.message, issues: [], rows: [] });
    return editorJson({ issues: outcome.issues, message: invalidMessage(outcome.issues), rows: [] });
  }
  const ids = new Set(outcome.changed);
  for (const c of body.value.claims) if (typeof c.id === "string") ids.add(c.id);
  const rows = previewClaims(ctx.index, outcome.dataset, [...ids], outcome.dataset.sides);
  const wanted = new Set(rows.map((r) => r.placeId));
  const geometries = Object.fromEntries(outcome.dataset.places.filter((p) => wanted.has(p.id)).map((p) => [p.id, p.geometry]));
  return editorJson({ issues: [], rows, geometries, file: outcome.file });
});

const geoBody = z.object({
  geojson: z.unknown(),
  baseRevision: z.string().max(100).nullable(),
  dryRun: z.boolean().optional(),
});

/** POST { geojson, baseRevision, dryRun? }: check (and unless dryRun, save) places into the file of their kind. */
export const geoJsonHandler = guarded(true, async (request) => {
  const body = await readBody(request, geoBody);
  if (!body.ok) return body.response;
  const outcome = await saveGeoJson({ geojson: body.value.geojson, baseRevision: body.value.baseRevision }, { dryRun: body.value.dryRun === true });
  return outcomeResponse(outcome, ({ path, revision, kind, changes }) => ({ path, revision, kind, changes, saved: body.value.dryRun !== true }));
});
