// The editor's route handlers, called directly with web-standard Requests, on a temporary copy of data/.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkData } from "@/lib/check";
import { readDataFiles } from "@/lib/data-files";
import { listFiles, seedText, tempRoot, testClaim, testSource } from "@/lib/editor-fixtures";
import { revisionOf } from "@/lib/editor-store";
import * as extract from "./extract/route";
import * as geojson from "./geojson/route";
import * as preview from "./preview/route";
import * as session from "./session/route";
import * as sources from "./sources/route";

const TOKEN = "s3cret-editor-token";
const ORIGIN = "http://atlas.test";
let root: string;
const saved = { root: process.env.LCA_ROOT, token: process.env.EDITOR_TOKEN };

beforeAll(() => {
  root = tempRoot();
  process.env.LCA_ROOT = root;
  process.env.EDITOR_TOKEN = TOKEN;
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
  for (const [k, v] of [["LCA_ROOT", saved.root], ["EDITOR_TOKEN", saved.token]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

type Handler = (r: Request) => Promise<Response>;
const ROUTES: { name: string; method: "GET" | "POST"; handler: Handler; path: string; body?: unknown }[] = [
  { name: "session", method: "GET", handler: session.GET, path: "/api/editor/session" },
  { name: "extract", method: "POST", handler: extract.POST, path: "/api/editor/extract", body: { text: "Haftar's forces seized Sirte." } },
  { name: "sources GET", method: "GET", handler: sources.GET, path: "/api/editor/sources?id=x-y" },
  { name: "sources POST", method: "POST", handler: sources.POST, path: "/api/editor/sources", body: { source: testSource("auth-probe"), claims: [testClaim(1)], baseRevision: null } },
  { name: "preview", method: "POST", handler: preview.POST, path: "/api/editor/preview", body: { source: testSource("auth-probe"), claims: [testClaim(1)], baseRevision: null } },
  { name: "geojson", method: "POST", handler: geojson.POST, path: "/api/editor/geojson", body: { geojson: {}, baseRevision: null, dryRun: true } },
];

function request(route: { method: string; path: string; body?: unknown }, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${route.path}`, {
    method: route.method,
    headers: { "Content-Type": "application/json", ...headers },
    body: route.method === "POST" ? JSON.stringify(route.body ?? {}) : undefined,
  });
}
const auth = { Authorization: `Bearer ${TOKEN}` };
const same = { ...auth, Origin: ORIGIN, "Sec-Fetch-Site": "same-origin" };

async function post(handler: Handler, p: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await handler(request({ method: "POST", path: p, body }, same));
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("access", () => {
  test.each(ROUTES)("$name: 404 while EDITOR_TOKEN is unset, even with a token", async (route) => {
    delete process.env.EDITOR_TOKEN;
    try {
      const res = await route.handler(request(route, same));
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/EDITOR_TOKEN/);
    } finally {
      process.env.EDITOR_TOKEN = TOKEN;
    }
  });

  test.each(ROUTES)("$name: 401 without a token, 403 with a wrong one, 403 from another site", async (route) => {
    const before = listFiles(root);
    expect((await route.handler(request(route))).status).toBe(401);
    expect((await route.handler(request(route, { Authorization: "Basic abc" }))).status).toBe(401);
    expect((await route.handler(request(route, { Authorization: `Bearer ${TOKEN}x` }))).status).toBe(403);
    expect((await route.handler(request(route, { Authorization: "Bearer s" }))).status).toBe(403);
    const cross = await route.handler(request(route, { ...auth, Origin: "https://evil.example" }));
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as { error: { message: string } }).error.message).toMatch(/own origin/);
    expect((await route.handler(request(route, { ...auth, "Sec-Fetch-Site": "cross-site" }))).status).toBe(403);
    expect((await route.handler(request(route, { ...auth, "Sec-Fetch-Site": "same-site" }))).status).toBe(403);
    expect(listFiles(root)).toEqual(before);
  });

  test.each(ROUTES)("$name: answers with the right token from the same origin", async (route) => {
    const res = await route.handler(request(route, same));
    expect([200, 409, 422]).toContain(res.status);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("extract", () => {
  test("the seed article: its four candidates with offsets, and metadata from the text", async () => {
    const text = seedText();
    const { status, json } = await post(extract.POST, "/api/editor/extract", { text });
    expect(status).toBe(200);
    const body = json as { text: string; meta: Record<string, string>; candidates: { placeId: string; status: string; date: string; quote: string; start: number; end: number }[] };
    expect(body.candidates.map((c) => `${c.placeId} ${c.status} ${c.date}`).sort()).toEqual(["benghazi captured 2017", "derna captured 2018", "fezzan offensive 2019-01", expect.stringMatching(/^tripoli offensive 2019-04/)]);
    expect(body.candidates.map((c) => c.start)).toEqual(body.candidates.map((c) => c.start).sort((a, b) => a - b));
    for (const c of body.candidates) expect(body.text.slice(c.start, c.end)).toBe(c.quote);
    expect(body.meta).toMatchObject({ title: "Rebellious General Haftar continues offensive against Libyan capital", published: "2019-04-06", publisher: "Rossa Primavera News Agency", language: "en" });
  });

  test("a malformed body is a 400 naming the field", async () => {
    const { status, json } = await post(extract.POST, "/api/editor/extract", { text: 42 });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ param: "text" });
    const res = await extract.POST(new Request(`${ORIGIN}/api/editor/extract`, { method: "POST", headers: same, body: "{oops" }));
    expect(res.status).toBe(400);
    const bad = await sources.GET(request({ method: "GET", path: "/api/editor/sources?id=../../etc/passwd" }, same));
    expect(bad.status).toBe(400);
  });
});

describe("sources", () => {
  test("save, read back with the revision, then a stale edit answers 409 and keeps the file", async () => {
    const first = await post(sources.POST, "/api/editor/sources", { source: testSource("route-a"), claims: [testClaim(1)], baseRevision: null });
    expect(first.status).toBe(200);
    const res = await sources.GET(request({ method: "GET", path: "/api/editor/sources?id=route-a" }, same));
    const current = (await res.json()) as { revision: string; file: { claims: unknown[] } };
    expect(current.revision).toBe(first.json.revision);
    expect(current.file.claims).toHaveLength(1);
    const theirs = await post(sources.POST, "/api/editor/sources", { source: testSource("route-a", { title: "Theirs" }), claims: [], baseRevision: current.revision });
    expect(theirs.status).toBe(200);
    const mine = await post(sources.POST, "/api/editor/sources", { source: testSource("route-a", { title: "Mine" }), claims: [testClaim(2)], baseRevision: current.revision });
    expect(mine.status).toBe(409);
    expect(mine.json.error).toMatchObject({ code: "conflict", revision: theirs.json.revision, message: expect.stringMatching(/after you loaded it.*Your input is kept/) });
    const disk = JSON.parse(fs.readFileSync(path.join(root, "data/sources/route-a.json"), "utf8")) as { title: string; claims: unknown[] };
    expect(disk.title).toBe("Theirs");
    expect(disk.claims).toHaveLength(1);
  });

  test("hostile text is refused with 422 and issues per field, nothing written", async () => {
    const before = listFiles(root);
    const r = await post(sources.POST, "/api/editor/sources", {
      source: testSource("route-hostile", { title: "<img src=x onerror=alert(1)>" }),
      claims: [testClaim(1, { id: "route-hostile-1", quote: "<script>alert('x')</script>" })],
      baseRevision: null,
    });
    expect(r.status).toBe(422);
    const issues = (r.json.error as { issues: { id: string; field: string }[] }).issues;
    expect(issues.map((i) => `${i.id}:${i.field}`).sort()).toEqual(["route-hostile-1:quote", "route-hostile:title"]);
    const url = await post(sources.POST, "/api/editor/sources", { source: testSource("route-hostile", { url: "javascript:alert(1)" }), claims: [testClaim(1)], baseRevision: null });
    expect(url.status).toBe(422);
    expect((url.json.error as { issues: unknown[] }).issues).toEqual([expect.objectContaining({ id: "route-hostile", field: "url", expected: "an http:// or https:// URL" })]);
    expect(listFiles(root)).toEqual(before);
  });

  test("50 concurrent saves adding claims to the same and to different sources: every claim is in the files, data valid", async () => {
    const shared = "route-shared";
    const requests = Array.from({ length: 50 }, (_, i) => {
      const id = i % 2 === 0 ? shared : `route-own-${i % 5}`;
      // Even requests go to one shared file; odd ones spread over five more. Some carry ids, some not.
      const claims = [testClaim(i, i % 3 === 0 ? {} : { id: `${id}-r${i}` }), testClaim(i, { id: `${id}-r${i}-b`, status: "contested" })];
      return { id, claims, body: { source: testSource(id), claims, baseRevision: null } };
    });
    const results = await Promise.all(requests.map((r) => post(sources.POST, "/api/editor/sources", r.body)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const byFile = new Map<string, { date: string; status: string; id: string }[]>();
    for (const f of new Set(requests.map((r) => r.id))) {
      byFile.set(f, (JSON.parse(fs.readFileSync(path.join(root, `data/sources/${f}.json`), "utf8")) as { claims: { date: string; status: string; id: string }[] }).claims);
    }
    let total = 0;
    for (const r of requests) {
      const inFile = byFile.get(r.id)!;
      for (const c of r.claims) {
        total++;
        expect(inFile.some((x) => x.date === c.date && x.status === c.status && (c.id === undefined || x.id === c.id))).toBe(true);
      }
    }
    expect([...byFile.values()].reduce((n, l) => n + l.length, 0)).toBe(total);
    expect(checkData(readDataFiles(root)).issues).toEqual([]);
    expect(listFiles(root).filter((f) => f.includes("tmp"))).toEqual([]);
  }, 60_000);
});

describe("preview", () => {
  test("shows each affected place before and after the new claims, writes nothing", async () => {
    const before = listFiles(root);
    const { status, json } = await post(preview.POST, "/api/editor/preview", {
      source: testSource("route-preview"),
      claims: [{ place: "zliten", actor: "gna", status: "captured", date: "2019-04-02", quote: "GNA forces took Zliten.", confidence: "high" }],
      baseRevision: null,
    });
    expect(status).toBe(200);
    const rows = json.rows as { placeId: string; date: string; before: { text: string }; after: { text: string }; changed: boolean }[];
    const zliten = rows.find((r) => r.placeId === "zliten")!;
    expect(zliten).toMatchObject({ date: "2019-04-02", changed: true, before: { text: expect.stringMatching(/^unknown/) } });
    expect(zliten.after.text).toMatch(/^held by Tripoli government .* since 2019-04-02$/);
    expect(rows.map((r) => r.placeId)).toContain("LY-MB");
    expect(listFiles(root)).toEqual(before);
  });

  test("lists data:check's issues instead when the claims would not pass", async () => {
    const { json } = await post(preview.POST, "/api/editor/preview", { source: testSource("route-preview"), claims: [testClaim(1, { place: "atlantis" })], baseRevision: null });
    expect(json.rows).toEqual([]);
    expect(json.issues).toContainEqual(expect.objectContaining({ field: "place", found: '"atlantis"' }));
  });
});

describe("geojson", () => {
  const area = { type: "Feature", properties: { id: "route-area", kind: "area", name: "Route area", nameAr: null }, geometry: { type: "Polygon", coordinates: [[[15, 30], [16, 30], [16, 31], [15, 31], [15, 30]]] } };

  test("a dry run reports the change and the revision; the save then writes it", async () => {
    const dry = await post(geojson.POST, "/api/editor/geojson", { geojson: area, baseRevision: null, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ path: "data/areas.geojson", kind: "area", saved: false, changes: [{ id: "route-area", change: "added" }] });
    expect(dry.json.revision).toBe(revisionOf(fs.readFileSync(path.join(root, "data/areas.geojson"), "utf8")));
    const save = await post(geojson.POST, "/api/editor/geojson", { geojson: area, baseRevision: dry.json.revision });
    expect(save.json).toMatchObject({ saved: true });
    expect(fs.readFileSync(path.join(root, "data/areas.geojson"), "utf8")).toContain('"id":"route-area"');
  });

  test("invalid geometry answers 422 with the feature id and field", async () => {
    const bad = { ...area, properties: { ...area.properties, id: "route-bad" }, geometry: { type: "Polygon", coordinates: [[[15, 30], [15, 31], [16, 31], [16, 30], [15, 30]]] } };
    const r = await post(geojson.POST, "/api/editor/geojson", { geojson: bad, baseRevision: null });
    expect(r.status).toBe(422);
    expect((r.json.error as { issues: unknown[] }).issues).toContainEqual(expect.objectContaining({ id: "route-bad", field: "geometry.coordinates" }));
  });
});
