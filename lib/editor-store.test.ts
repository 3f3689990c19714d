import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { checkData } from "./check";
import { readDataFiles } from "./data-files";
import { listFiles, SEED_SOURCE, tempRoot, testClaim, testSource } from "./editor-fixtures";
import { ABSENT, atomicWrite, ConcurrentChangeError, LOCK_NAME, revisionOf, saveGeoJson, saveSource, sourcePath } from "./editor-store";

let root: string;
beforeEach(() => {
  root = tempRoot();
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const read = (rel: string) => JSON.parse(fs.readFileSync(path.join(root, rel), "utf8")) as Record<string, unknown>;
const claimIds = (rel: string) => (read(rel).claims as { id: string }[]).map((c) => c.id);

describe("atomicWrite", () => {
  test("replaces the file and leaves no temporary file", () => {
    const abs = path.join(root, "data", "x.json");
    fs.writeFileSync(abs, "old\n");
    atomicWrite(abs, "new\n", revisionOf("old\n"));
    expect(fs.readFileSync(abs, "utf8")).toBe("new\n");
    expect(listFiles(path.join(root, "data")).filter((f) => f.includes("tmp"))).toEqual([]);
  });

  test("until the rename the old file is whole; a failure before it leaves the old file and no temporary file", () => {
    const abs = path.join(root, "data", "x.json");
    const big = JSON.stringify({ claims: Array.from({ length: 20000 }, (_, i) => ({ id: `c-${i}` })) });
    fs.writeFileSync(abs, "{\"old\":true}\n");
    let seenDuringWrite = "";
    expect(() => atomicWrite(abs, big, revisionOf("{\"old\":true}\n"), {
      beforeRename: (tmp) => {
        expect(fs.readFileSync(tmp, "utf8")).toBe(big);
        seenDuringWrite = fs.readFileSync(abs, "utf8");
        throw new Error("disk full");
      },
    })).toThrow("disk full");
    expect(seenDuringWrite).toBe("{\"old\":true}\n");
    expect(fs.readFileSync(abs, "utf8")).toBe("{\"old\":true}\n");
    expect(listFiles(path.join(root, "data")).filter((f) => f.includes("tmp"))).toEqual([]);
  });

  test("a change to the file since it was read is never overwritten", () => {
    const abs = path.join(root, "data", "x.json");
    fs.writeFileSync(abs, "mine\n");
    expect(() => atomicWrite(abs, "new\n", revisionOf("what I read\n"))).toThrow(ConcurrentChangeError);
    expect(fs.readFileSync(abs, "utf8")).toBe("mine\n");
    expect(listFiles(path.join(root, "data")).filter((f) => f.includes("tmp"))).toEqual([]);
  });
});

describe("saveSource", () => {
  test("writes a new source with its claims, in the project's format, and the data stays valid", async () => {
    const r = await saveSource({ source: testSource("test-2019-04-06-a"), claims: [testClaim(1), testClaim(2)], baseRevision: null }, { root });
    expect(r.ok).toBe(true);
    const rel = sourcePath("test-2019-04-06-a");
    const text = fs.readFileSync(path.join(root, rel), "utf8");
    expect(text).toBe(`${JSON.stringify(read(rel), null, 2)}\n`);
    expect(Object.keys(read(rel))).toEqual(["id", "title", "publisher", "url", "published", "language", "claims"]);
    expect(claimIds(rel)).toEqual(["test-2019-04-06-a-1", "test-2019-04-06-a-2"]);
    expect(r.ok && r.revision).toBe(revisionOf(text));
    expect(checkData(readDataFiles(root)).issues).toEqual([]);
    expect(listFiles(path.join(root, "data")).filter((f) => f.includes("tmp"))).toEqual([]);
  });

  test("saving the same input again changes nothing (a retried request adds no duplicate)", async () => {
    const save = { source: testSource("test-2019-04-06-b"), claims: [testClaim(1)], baseRevision: null };
    const first = await saveSource(save, { root });
    const second = await saveSource({ ...save, baseRevision: first.ok ? first.revision : null }, { root });
    const third = await saveSource(save, { root });
    expect(second.ok && third.ok).toBe(true);
    expect(claimIds(sourcePath("test-2019-04-06-b"))).toEqual(["test-2019-04-06-b-1"]);
  });

  test.each([
    ["quote", { claims: [testClaim(1, { quote: "<script>alert(1)</script> LNA holds Gharyan" })] }, "test-hostile-1", "quote", "plain text without HTML tags"],
    ["title", { title: '<img src=x onerror="alert(1)">' }, "test-hostile", "title", "plain text without HTML tags"],
    ["url", { url: "javascript:alert(document.cookie)" }, "test-hostile", "url", "an http:// or https:// URL"],
    ["notes", { claims: [testClaim(1, { notes: "<a href=\"javascript:alert(1)\">x</a>" })] }, "test-hostile-1", "notes", "plain text without HTML tags"],
  ])("hostile %s is refused with a precise issue and nothing is written", async (_name, change, id, field, expected) => {
    const before = listFiles(root);
    const { claims, ...meta } = change as { claims?: Record<string, unknown>[] };
    const r = await saveSource({ source: testSource("test-hostile", meta), claims: claims ?? [testClaim(1)], baseRevision: null }, { root });
    expect(r.ok).toBe(false);
    if (r.ok || r.kind !== "invalid") throw new Error("expected invalid");
    expect(r.issues).toContainEqual(expect.objectContaining({ file: "data/sources/test-hostile.json", id, field, expected }));
    expect(r.issues.every((i) => !i.preexisting)).toBe(true);
    expect(listFiles(root)).toEqual(before);
  });

  test("a claim on an unknown place, an unaligned actor or a future date is refused per field", async () => {
    const r = await saveSource({
      source: testSource("test-bad"),
      claims: [testClaim(1, { id: "test-bad-1", place: "atlantis" }), testClaim(2, { id: "test-bad-2", actor: "gaddafi-forces" }), testClaim(3, { id: "test-bad-3", date: "2019-05-01" })],
      baseRevision: null,
    }, { root });
    if (r.ok || r.kind !== "invalid") throw new Error("expected invalid");
    const fields = r.issues.map((i) => `${i.id}:${i.field}`);
    expect(fields).toEqual(expect.arrayContaining(["test-bad-1:place", "test-bad-2:actor", "test-bad-3:date"]));
    expect(fs.existsSync(path.join(root, sourcePath("test-bad")))).toBe(false);
  });

  test("an id that is not a slug never reaches the file system", async () => {
    const r = await saveSource({ source: testSource("../../etc/passwd"), claims: [], baseRevision: null }, { root });
    expect(r.ok).toBe(false);
    if (r.ok || r.kind !== "invalid") throw new Error("expected invalid");
    expect(r.issues[0]).toMatchObject({ field: "id" });
  });

  test("metadata changed by someone else since the revision the input was based on: a conflict, nothing written", async () => {
    const a = await saveSource({ source: testSource("test-c"), claims: [testClaim(1)], baseRevision: null }, { root });
    if (!a.ok) throw new Error("first save failed");
    const b = await saveSource({ source: testSource("test-c", { title: "Their title" }), claims: [], baseRevision: a.revision }, { root });
    expect(b.ok).toBe(true);
    const onDisk = fs.readFileSync(path.join(root, sourcePath("test-c")), "utf8");
    const c = await saveSource({ source: testSource("test-c", { title: "My title" }), claims: [testClaim(2)], baseRevision: a.revision }, { root });
    expect(c).toMatchObject({ ok: false, kind: "conflict" });
    if (c.ok || c.kind !== "conflict") throw new Error("expected conflict");
    expect(c.message).toMatch(/after you loaded it/);
    expect(c.revision).toBe(revisionOf(onDisk));
    expect(fs.readFileSync(path.join(root, sourcePath("test-c")), "utf8")).toBe(onDisk);
    // Based on the current revision, the same input saves.
    const d = await saveSource({ source: testSource("test-c", { title: "My title" }), claims: [testClaim(2)], baseRevision: c.revision }, { root });
    expect(d.ok).toBe(true);
    expect(read(sourcePath("test-c")).title).toBe("My title");
    expect(claimIds(sourcePath("test-c"))).toEqual(["test-c-1", "test-c-2"]);
  });

  test("new claims merge into a file changed since the input's revision; existing claims are never dropped", async () => {
    const a = await saveSource({ source: testSource("test-m"), claims: [testClaim(1)], baseRevision: null }, { root });
    if (!a.ok) throw new Error("first save failed");
    await saveSource({ source: testSource("test-m"), claims: [testClaim(2)], baseRevision: a.revision }, { root });
    const c = await saveSource({ source: testSource("test-m"), claims: [testClaim(3)], baseRevision: a.revision }, { root });
    expect(c.ok).toBe(true);
    expect(claimIds(sourcePath("test-m"))).toEqual(["test-m-1", "test-m-2", "test-m-3"]);
    // Changing claim 1 from a stale revision is a conflict.
    const d = await saveSource({ source: testSource("test-m"), claims: [{ ...testClaim(1), id: "test-m-1", confidence: "high" }], baseRevision: a.revision }, { root });
    expect(d).toMatchObject({ ok: false, kind: "conflict" });
  });

  test("a source created meanwhile by someone else with other metadata is a conflict", async () => {
    await saveSource({ source: testSource("test-n"), claims: [testClaim(1)], baseRevision: null }, { root });
    const r = await saveSource({ source: testSource("test-n", { publisher: "Other" }), claims: [testClaim(2)], baseRevision: ABSENT }, { root });
    expect(r).toMatchObject({ ok: false, kind: "conflict" });
  });

  test("existing problems in data/ block a save and are marked as not caused by it", async () => {
    fs.writeFileSync(path.join(root, "data/sources/broken.json"), "{ not json");
    const r = await saveSource({ source: testSource("test-p"), claims: [testClaim(1)], baseRevision: null }, { root });
    if (r.ok || r.kind !== "invalid") throw new Error("expected invalid");
    expect(r.issues).toEqual([expect.objectContaining({ file: "data/sources/broken.json", preexisting: true })]);
    expect(fs.existsSync(path.join(root, sourcePath("test-p")))).toBe(false);
  });

  test("waits for a lock file held by a live process, breaks one left by a dead process", async () => {
    const lock = path.join(root, "data", LOCK_NAME);
    fs.writeFileSync(lock, `${process.pid} ${os.hostname()} now`);
    let done = false;
    const p = saveSource({ source: testSource("test-l"), claims: [testClaim(1)], baseRevision: null }, { root }).then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    fs.unlinkSync(lock);
    expect((await p).ok).toBe(true);

    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => dead.on("exit", r));
    fs.writeFileSync(lock, `${dead.pid} ${os.hostname()} then`);
    const q = await saveSource({ source: testSource("test-l"), claims: [testClaim(2)], baseRevision: null }, { root });
    expect(q.ok).toBe(true);
    expect(fs.existsSync(lock)).toBe(false);
  });

  test("four processes adding claims to one source at once: every claim is kept", async () => {
    const script = path.join(root, "writer.mts");
    const store = path.resolve(import.meta.dirname, "editor-store.ts");
    const fixtures = path.resolve(import.meta.dirname, "editor-fixtures.ts");
    fs.writeFileSync(script, `
      import { saveSource } from ${JSON.stringify(store)};
      import { testClaim, testSource } from ${JSON.stringify(fixtures)};
      const w = Number(process.argv[2]);
      const results = await Promise.all(Array.from({ length: 5 }, (_, k) =>
        saveSource({ source: testSource("test-multi"), claims: [{ ...testClaim(w * 10 + k), id: "test-multi-w" + w + "-" + k }], baseRevision: null }, { root: ${JSON.stringify(root)} })));
      process.stdout.write(JSON.stringify(results.map((r) => r.ok)));
    `);
    const tsx = path.resolve(import.meta.dirname, "..", "node_modules", "tsx", "dist", "loader.mjs");
    const outs = await Promise.all([0, 1, 2, 3].map((w) => new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", tsx, script, String(w)], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`writer ${w} exited ${code}`))));
    })));
    expect(outs.map((o) => JSON.parse(o))).toEqual(Array(4).fill(Array(5).fill(true)));
    const ids = claimIds(sourcePath("test-multi"));
    expect(ids).toHaveLength(20);
    for (let w = 0; w < 4; w++) for (let k = 0; k < 5; k++) expect(ids).toContain(`test-multi-w${w}-${k}`);
    expect(checkData(readDataFiles(root)).issues).toEqual([]);
    expect(listFiles(path.join(root, "data")).filter((f) => f.includes("tmp"))).toEqual([]);
  }, 60_000);
});

describe("saveGeoJson", () => {
  const area = (id: string, ring: number[][], extra: Record<string, unknown> = {}) => ({
    type: "Feature",
    properties: { id, kind: "area", name: `Area ${id}`, nameAr: null, ...extra },
    geometry: { type: "Polygon", coordinates: [ring] },
  });
  const CCW = [[15, 30], [16, 30], [16, 31], [15, 31], [15, 30]];

  test("adds a drawn area, one feature per line, and the data stays valid", async () => {
    const before = fs.readFileSync(path.join(root, "data/areas.geojson"), "utf8");
    const r = await saveGeoJson({ geojson: area("test-area", CCW), baseRevision: revisionOf(before) }, { root });
    expect(r).toMatchObject({ ok: true, kind: "area", changes: [{ id: "test-area", change: "added" }] });
    const text = fs.readFileSync(path.join(root, "data/areas.geojson"), "utf8");
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe('{"type":"FeatureCollection","features":[');
    expect(lines.at(-1)).toBe("]}");
    expect(lines.at(-2)).toContain('"id":"test-area"');
    expect(text.startsWith(before.trim().split("\n").slice(0, -1).join("\n"))).toBe(true);
    expect(checkData(readDataFiles(root)).issues).toEqual([]);
  });

  test("a clockwise ring, a self-intersection, a town outside its district: precise issues, nothing written", async () => {
    const snapshot = listFiles(root).map((f) => [f, fs.readFileSync(path.join(root, f), "utf8")]);
    const cw = await saveGeoJson({ geojson: area("test-cw", [...CCW].reverse()), baseRevision: null }, { root });
    expect(cw).toMatchObject({ ok: false, kind: "invalid" });
    if (cw.ok || cw.kind !== "invalid") throw new Error();
    expect(cw.issues).toContainEqual(expect.objectContaining({ file: "data/areas.geojson", id: "test-cw", field: "geometry.coordinates", expected: expect.stringMatching(/counter-clockwise/) }));
    const bow = await saveGeoJson({ geojson: area("test-bow", [[15, 30], [16, 31], [16, 30], [15, 31], [15, 30]]), baseRevision: null }, { root });
    if (bow.ok || bow.kind !== "invalid") throw new Error();
    expect(bow.issues.map((i) => i.id)).toContain("test-bow");
    const town = { type: "Feature", properties: { id: "test-town", kind: "city", name: "Test Town", nameAr: null, region: "LY-TB" }, geometry: { type: "Point", coordinates: [20.07, 32.12] } };
    const t = await saveGeoJson({ geojson: { type: "FeatureCollection", features: [town] }, baseRevision: null }, { root });
    if (t.ok || t.kind !== "invalid") throw new Error();
    expect(t.issues).toContainEqual(expect.objectContaining({ file: "data/cities.geojson", id: "test-town", field: "properties.region" }));
    const mixed = await saveGeoJson({ geojson: { type: "FeatureCollection", features: [town, area("x", CCW)] }, baseRevision: null }, { root });
    expect(mixed).toMatchObject({ ok: false, kind: "invalid" });
    const bad = await saveGeoJson({ geojson: "{ nope", baseRevision: null }, { root });
    expect(bad).toMatchObject({ ok: false, kind: "invalid", issues: [expect.objectContaining({ expected: "valid JSON" })] });
    expect(listFiles(root).map((f) => [f, fs.readFileSync(path.join(root, f), "utf8")])).toEqual(snapshot);
  });

  test("replacing a feature needs the file's current revision", async () => {
    const rev = revisionOf(fs.readFileSync(path.join(root, "data/areas.geojson"), "utf8"));
    const a = await saveGeoJson({ geojson: area("test-r", CCW), baseRevision: rev }, { root });
    if (!a.ok) throw new Error("add failed");
    const stale = await saveGeoJson({ geojson: area("test-r", CCW, { name: "Renamed" }), baseRevision: rev }, { root });
    expect(stale).toMatchObject({ ok: false, kind: "conflict" });
    const fresh = await saveGeoJson({ geojson: area("test-r", CCW, { name: "Renamed" }), baseRevision: a.revision }, { root });
    expect(fresh).toMatchObject({ ok: true, changes: [{ id: "test-r", change: "replaced" }] });
  });

  test("a district update keeps the other 21 districts", async () => {
    const text = fs.readFileSync(path.join(root, "data/regions.geojson"), "utf8");
    const fc = JSON.parse(text) as { features: { properties: Record<string, unknown> }[] };
    const tb = fc.features.find((f) => f.properties.id === "LY-TB")!;
    const updated = { ...tb, properties: { ...tb.properties, alternates: [...((tb.properties.alternates as string[]) ?? []), "Tarabulus district"] } };
    const r = await saveGeoJson({ geojson: updated, baseRevision: revisionOf(text) }, { root });
    expect(r).toMatchObject({ ok: true, kind: "region", changes: [{ id: "LY-TB", change: "replaced" }] });
    const after = JSON.parse(fs.readFileSync(path.join(root, "data/regions.geojson"), "utf8")) as typeof fc;
    expect(after.features).toHaveLength(fc.features.length);
    expect(checkData(readDataFiles(root)).issues).toEqual([]);
  });
});

test("the seed source is left alone by every save", () => {
  expect(fs.existsSync(path.join(root, sourcePath(SEED_SOURCE)))).toBe(true);
});
