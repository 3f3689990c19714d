/**
 * The open data API through its route handlers, as a client sees it: status, headers, body.
 * The dataset is loaded once for the file (getAtlas keeps it for the process).
 */
import { describe, expect, it, vi } from "vitest";
import { controlBody, controlJson, controlParts, getAtlas } from "@/lib/api";
import { parseCsv } from "@/lib/api-csv";
import { API_REVISION, CACHE_CONTROL, serve, TODAY_CACHE_CONTROL } from "@/lib/api-http";
import { dayNumber, dayToIso, today } from "@/lib/dates";
import { GET as changesGET } from "./changes/route";
import { GET as claimsGET } from "./claims/route";
import { GET as controlGET } from "./control/route";
import { GET as placeGET } from "./places/[id]/route";
import { GET as placesGET } from "./places/route";
import { GET as stateGET } from "./state.geojson/route";
import { GET as timelineGET } from "./timeline/route";

const atlas = getAtlas();
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const req = (path: string, headers: Record<string, string> = {}) => new Request(`http://x${path}`, { headers });
const placeReq = (id: string, headers: Record<string, string> = {}) =>
  placeGET(req(`/api/places/${encodeURIComponent(id)}`, headers), { params: Promise.resolve({ id }) });

async function ok(res: Response, cacheControl = CACHE_CONTROL): Promise<unknown> {
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toBe(cacheControl);
  expect(res.headers.get("etag")).toMatch(new RegExp(`^W/"${atlas.dataset.version}\\.${API_REVISION}:`));
  return res.json();
}

async function expectError(res: Response, status: number, param: string, got: string | null): Promise<{ expected: string }> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { param: string; expected: string; got: string | null } };
  expect(body.error).toMatchObject({ param, got });
  expect(typeof body.error.expected).toBe("string");
  return body.error;
}

interface ControlPlace { id: string; kind: string; lat: number; lon: number; status: string; side: string | null; sides: string[]; since: string | null; certain: boolean; claims: string[] }

describe("GET /api/places", () => {
  it("lists every place as GeoJSON with its properties", async () => {
    const body = (await ok(await placesGET(req("/api/places")))) as { type: string; features: { id: string; properties: Record<string, unknown>; geometry: { type: string } }[] };
    expect(body.type).toBe("FeatureCollection");
    expect(body.features).toHaveLength(atlas.dataset.places.length);
    const tripoli = body.features.find((f) => f.id === "tripoli")!;
    expect(tripoli.properties).toMatchObject({ id: "tripoli", kind: "city", name: "Tripoli", region: "LY-TB" });
    expect(Object.keys(tripoli.properties).sort()).toEqual(["alternates", "areaKm2", "category", "id", "kind", "name", "nameAr", "population", "region"]);
    expect(tripoli.geometry.type).toBe("Point");
    expect(body.features.filter((f) => f.properties.kind === "region")).toHaveLength(22);
  });
});

describe("GET /api/control", () => {
  it("gives the state of every place on a day", async () => {
    const body = (await ok(await controlGET(req("/api/control?date=2019-04-06")))) as { date: string; dataVersion: string; sides: { id: string; color: string }[]; places: ControlPlace[]; totals: Record<string, { areaKm2: number; population: number }> };
    expect(body.date).toBe("2019-04-06");
    expect(body.dataVersion).toBe(atlas.dataset.version);
    expect(body.sides.map((s) => s.id)).toEqual(atlas.dataset.sides.map((s) => s.id));
    expect(body.places).toHaveLength(atlas.dataset.places.length);
    for (const p of body.places) {
      expect(["held", "contested", "mixed", "unknown"]).toContain(p.status);
      expect(Number.isFinite(p.lat) && Number.isFinite(p.lon)).toBe(true);
      expect(p.since === null || ISO_DAY.test(p.since)).toBe(true);
      if (p.status === "held") expect(body.sides.some((s) => s.id === p.side)).toBe(true);
      else expect(p.side).toBeNull();
      if (p.status === "contested") expect(p.sides.length).toBeGreaterThan(0);
    }
    expect(body.places.find((p) => p.id === "gharyan")).toMatchObject({ status: "held", side: "lna" });
    const districtArea = atlas.dataset.places.filter((p) => p.kind === "region").reduce((n, p) => n + p.areaKm2, 0);
    const totalArea = Object.values(body.totals).reduce((n, t) => n + t.areaKm2, 0);
    expect(Math.abs(totalArea - districtArea)).toBeLessThan(10);
  });

  it("sends exactly JSON.stringify(controlBody) (per-place fragments reused across days)", () => {
    for (let day = dayNumber(2011, 1, 1); day <= today(); day += 13) {
      for (const kind of [null, "city", "region"] as const) {
        expect(controlJson(atlas, { day, kind })).toBe(JSON.stringify(controlBody(atlas, { day, kind })));
      }
    }
  });

  it("shares the body after the date across a period between change days (every day checked)", () => {
    const restByKey = new Map<string, string>();
    for (let day = dayNumber(2011, 1, 1); day <= today(); day++) {
      const parts = controlParts(atlas, { day, kind: null });
      expect(parts.head).toBe(`{"date":"${dayToIso(day)}"`);
      const known = restByKey.get(parts.restKey);
      if (known === undefined) {
        const rest = parts.rest();
        expect(parts.head + rest).toBe(JSON.stringify(controlBody(atlas, { day, kind: null })));
        restByKey.set(parts.restKey, rest);
      } else if (day % 7 === 0) {
        // A cached rest is right for every later day of its period.
        expect(parts.head + known).toBe(JSON.stringify(controlBody(atlas, { day, kind: null })));
      }
    }
    expect(restByKey.size).toBe(atlas.index.changeDays.filter((d) => d <= today()).length + 1);
  });

  it("defaults to today and filters by kind", async () => {
    const body = (await ok(await controlGET(req("/api/control?kind=region")), TODAY_CACHE_CONTROL)) as { date: string; places: ControlPlace[] };
    expect(body.date).toBe(dayToIso(today()));
    expect(body.places).toHaveLength(22);
    expect(body.places.every((p) => p.kind === "region")).toBe(true);
  });

  it("treats an empty value as absent and ignores unknown parameters", async () => {
    const body = (await ok(await controlGET(req("/api/control?date=&_=123")), TODAY_CACHE_CONTROL)) as { date: string };
    expect(body.date).toBe(dayToIso(today()));
  });

  it("answers 400 with the error shape for a bad date", async () => {
    const e = await expectError(await controlGET(req("/api/control?date=2019-13-45")), 400, "date", "2019-13-45");
    expect(e.expected).toBe("YYYY-MM-DD between 2011-01-01 and today");
    await expectError(await controlGET(req("/api/control?date=2010-12-31")), 400, "date", "2010-12-31");
    await expectError(await controlGET(req(`/api/control?date=${dayToIso(today() + 1)}`)), 400, "date", dayToIso(today() + 1));
    await expectError(await controlGET(req("/api/control?date=2019-04")), 400, "date", "2019-04");
    await expectError(await controlGET(req("/api/control?date=2019-02-29")), 400, "date", "2019-02-29");
  });

  it("answers 400 for a repeated parameter or a bad kind", async () => {
    await expectError(await controlGET(req("/api/control?date=2019-04-06&date=2019-04-07")), 400, "date", "2019-04-06, 2019-04-07");
    await expectError(await controlGET(req("/api/control?kind=town")), 400, "kind", "town");
  });
});

describe("GET /api/state.geojson", () => {
  it("gives the state as GeoJSON with flat properties", async () => {
    const res = await stateGET(req("/api/state.geojson?date=2016-06-01"));
    expect(res.headers.get("content-type")).toMatch(/^application\/geo\+json/);
    const body = (await ok(res)) as { type: string; features: { properties: Record<string, unknown>; geometry: { type: string } }[] };
    expect(body.type).toBe("FeatureCollection");
    expect(body.features).toHaveLength(atlas.dataset.places.length);
    for (const f of body.features) {
      for (const v of Object.values(f.properties)) expect(v === null || typeof v !== "object").toBe(true);
      expect(f.properties.date).toBe("2016-06-01");
    }
    const sirte = body.features.find((f) => f.properties.id === "sirte")!;
    expect(sirte.properties).toMatchObject({ status: "held", side: "isil", color: atlas.sideById.get("isil")!.color });
  });

  it("answers 400 for a bad date", async () => {
    await expectError(await stateGET(req("/api/state.geojson?date=tomorrow")), 400, "date", "tomorrow");
  });
});

describe("GET /api/places/[id]", () => {
  it("gives every place a history of contiguous intervals", async () => {
    for (const p of atlas.dataset.places) {
      const body = (await (await placeReq(p.id)).json()) as { history: { from: string; to: string | null }[] };
      body.history.forEach((h, k) => {
        const next = body.history[k + 1];
        if (next) expect(dayToIso(Date.parse(h.to!) / 86_400_000 + 1), `${p.id} ${h.from}`).toBe(next.from);
        else expect(h.to).toBeNull();
      });
    }
  });

  it("gives a place with its history and its claims with their sources", async () => {
    const body = (await ok(await placeReq("gharyan"))) as {
      place: { id: string; lat: number };
      history: { from: string; to: string | null; status: string }[];
      claims: { id: string; place: string; source: { url: string; title: string } }[];
    };
    expect(body.place.id).toBe("gharyan");
    expect(body.history.length).toBeGreaterThan(1);
    body.history.forEach((h, k) => {
      expect(h.from).toMatch(ISO_DAY);
      const next = body.history[k + 1];
      if (next) expect(dayToIso(Date.parse(h.to!) / 86_400_000 + 1)).toBe(next.from);
      else expect(h.to).toBeNull();
    });
    expect(body.claims).toHaveLength(atlas.dataset.claims.filter((c) => c.place === "gharyan").length);
    for (const c of body.claims) {
      expect(c.place).toBe("gharyan");
      expect(c.source.url).toMatch(/^https?:\/\//);
      expect(c.source.title.length).toBeGreaterThan(0);
    }
  });

  it("lists the towns inside a district", async () => {
    const body = (await ok(await placeReq("LY-TB"))) as { place: { contains: string[] } };
    expect(body.place.contains).toContain("tripoli");
  });

  it("answers 404 with the error shape for an unknown id", async () => {
    await expectError(await placeReq("atlantis"), 404, "id", "atlantis");
    await expectError(await placeReq("<script>alert(1)</script>"), 404, "id", "<script>alert(1)</script>");
    await expectError(await placeReq("__proto__"), 404, "id", "__proto__");
  });
});

describe("GET /api/claims", () => {
  it("filters by place, side and date range", async () => {
    const body = (await ok(await claimsGET(req("/api/claims?place=gharyan&side=lna&from=2019&to=2019-12-31")))) as { count: number; claims: { place: string; side: string; date: string }[] };
    expect(body.count).toBe(body.claims.length);
    expect(body.count).toBeGreaterThan(0);
    for (const c of body.claims) {
      expect(c).toMatchObject({ place: "gharyan", side: "lna" });
      expect(c.date.slice(0, 4)).toBe("2019");
    }
  });

  it("filters by source", async () => {
    const body = (await ok(await claimsGET(req("/api/claims?source=afp-2020-05-18-watiya")))) as { claims: { id: string }[] };
    expect(body.claims.map((c) => c.id)).toEqual(["afp-2020-05-18-watiya-1"]);
  });

  it("gives every claim without filters, oldest first", async () => {
    const body = (await ok(await claimsGET(req("/api/claims")))) as { count: number; claims: { date: string }[] };
    expect(body.count).toBe(atlas.dataset.claims.length);
  });

  it("writes CSV with a BOM, a header row and one row per claim", async () => {
    const res = await claimsGET(req("/api/claims?side=gna&format=csv"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.csv"$/);
    const bytes = new Uint8Array(await res.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(await res.text());
    const json = (await (await claimsGET(req("/api/claims?side=gna"))).json()) as { count: number; claims: { id: string; quote: string | null }[] };
    expect(rows[0]).toEqual(["id", "date", "precision", "place", "placeName", "status", "side", "actor", "confidence", "quote", "paraphrase", "notes", "source", "sourceTitle", "publisher", "url", "published"]);
    expect(rows).toHaveLength(json.count + 1);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    expect(rows.slice(1).map((r) => r[0])).toEqual(json.claims.map((c) => c.id));
    const withQuote = json.claims.findIndex((c) => c.quote && !/^[=+\-@]/.test(c.quote));
    expect(rows[withQuote + 1]![9]).toBe(json.claims[withQuote]!.quote);
  });

  it("answers 400 for an unknown place, side or source, a bad format or a reversed range", async () => {
    await expectError(await claimsGET(req("/api/claims?place=atlantis")), 400, "place", "atlantis");
    const side = await expectError(await claimsGET(req("/api/claims?side=rebels")), 400, "side", "rebels");
    expect(side.expected).toContain("gna");
    await expectError(await claimsGET(req("/api/claims?source=nope")), 400, "source", "nope");
    await expectError(await claimsGET(req("/api/claims?format=xlsx")), 400, "format", "xlsx");
    await expectError(await claimsGET(req("/api/claims?from=2020&to=2019-06")), 400, "to", "2019-06");
    await expectError(await claimsGET(req("/api/claims?from=2008")), 400, "from", "2008");
  });
});

describe("GET /api/timeline", () => {
  it("gives territory per side at every change day, in order", async () => {
    const body = (await ok(await timelineGET(req("/api/timeline")))) as { series: { date: string; totals: Record<string, { areaKm2: number }> }[] };
    expect(body.series.length).toBe(atlas.index.changeDays.length);
    const dates = body.series.map((p) => p.date);
    expect([...dates].sort()).toEqual(dates);
    expect(body.series.every((p) => ISO_DAY.test(p.date) && Object.keys(p.totals).length > 0)).toBe(true);
  });
});

describe("GET /api/changes", () => {
  it("lists places whose state changed, with the claims that decided them", async () => {
    const body = (await ok(await changesGET(req("/api/changes?from=2019-04-01&to=2019-05-15")))) as {
      from: string; to: string; count: number;
      changes: { id: string; before: { status: string; side: string | null }; after: { status: string; side: string | null }; decidedBy: { id: string }[]; claimsBetween: string[] }[];
    };
    expect(body).toMatchObject({ from: "2019-04-01", to: "2019-05-15" });
    expect(body.count).toBe(body.changes.length);
    const gharyan = body.changes.find((c) => c.id === "gharyan")!;
    expect(gharyan.after).toMatchObject({ status: "held", side: "lna" });
    expect(gharyan.decidedBy.length).toBeGreaterThan(0);
    expect(body.changes.every((c) => JSON.stringify(c.before) !== JSON.stringify(c.after))).toBe(true);
  });

  it("is empty for the same day twice", async () => {
    const body = (await ok(await changesGET(req("/api/changes?from=2019-04-01&to=2019-04-01")))) as { count: number };
    expect(body.count).toBe(0);
  });

  it("answers 400 for a missing, bad or reversed date", async () => {
    await expectError(await changesGET(req("/api/changes?to=2019-04-01")), 400, "from", null);
    await expectError(await changesGET(req("/api/changes?from=2019-04-01")), 400, "to", null);
    await expectError(await changesGET(req("/api/changes?from=2019-04-01&to=2019-4-2")), 400, "to", "2019-4-2");
    const e = await expectError(await changesGET(req("/api/changes?from=2019-04-01&to=2019-03-01")), 400, "to", "2019-03-01");
    expect(e.expected).toContain("2019-04-01");
  });
});

describe("caching", () => {
  it("answers 304 when If-None-Match names the ETag", async () => {
    const first = await controlGET(req("/api/control?date=2019-04-06"));
    const tag = first.headers.get("etag")!;
    const again = await controlGET(req("/api/control?date=2019-04-06", { "if-none-match": tag }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(tag);
    expect(again.headers.get("cache-control")).toBe(CACHE_CONTROL);
    expect((await controlGET(req("/api/control?date=2019-04-06", { "if-none-match": `"x", ${tag.slice(2)}` }))).status).toBe(304);
    expect((await controlGET(req("/api/control?date=2019-04-06", { "if-none-match": "*" }))).status).toBe(304);
    expect((await placeReq("tripoli", { "if-none-match": (await placeReq("tripoli")).headers.get("etag")! })).status).toBe(304);
  });

  it("changes the ETag with the normalised parameters, not with their spelling", async () => {
    const tag = async (path: string) => (await controlGET(req(path))).headers.get("etag");
    expect(await tag("/api/control?date=2019-04-06")).not.toBe(await tag("/api/control?date=2019-04-07"));
    expect(await tag("/api/control")).toBe(await tag(`/api/control?date=${dayToIso(today())}&_=1`));
    const stale = await controlGET(req("/api/control?date=2019-04-07", { "if-none-match": (await controlGET(req("/api/control?date=2019-04-06"))).headers.get("etag")! }));
    expect(stale.status).toBe(200);
  });

  it("lets a CDN keep an undated (today's) answer for minutes only, a dated one for a day", async () => {
    for (const path of ["/api/control", "/api/control?date=", "/api/control?kind=city"]) {
      expect((await controlGET(req(path))).headers.get("cache-control"), path).toBe(TODAY_CACHE_CONTROL);
    }
    expect((await stateGET(req("/api/state.geojson"))).headers.get("cache-control")).toBe(TODAY_CACHE_CONTROL);
    expect((await controlGET(req(`/api/control?date=${dayToIso(today())}`))).headers.get("cache-control")).toBe(CACHE_CONTROL);
    expect((await stateGET(req("/api/state.geojson?date=2019-04-06"))).headers.get("cache-control")).toBe(CACHE_CONTROL);
  });

  it("lets any origin read the API", async () => {
    const res = await timelineGET(req("/api/timeline"));
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("x-data-version")).toBe(atlas.dataset.version);
  });
});

describe("encoding", () => {
  it("sends JSON as ASCII, non-ASCII characters escaped, parsing to the same values", async () => {
    const day = dayNumber(2019, 4, 6);
    const cases: [Response, unknown][] = [
      [await controlGET(req("/api/control?date=2019-04-06")), controlBody(atlas, { day, kind: null })],
      [await placesGET(req("/api/places")), null],
      [await placeReq("tripoli"), null],
      [await controlGET(req("/api/control?date=طرابلس")), null],
    ];
    for (const [res, expected] of cases) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(bytes.every((b) => b < 0x80)).toBe(true);
      const value = JSON.parse(new TextDecoder().decode(bytes));
      if (expected) expect(value).toEqual(expected);
    }
    const ar = (await (await placeReq("tripoli")).json()) as { properties?: { nameAr?: string }; nameAr?: string };
    expect(JSON.stringify(ar)).toContain("طرابلس");
    const bad = (await (await controlGET(req("/api/control?date=طرابلس"))).json()) as { error: { got: string } };
    expect(bad.error.got).toBe("طرابلس");
  });
});

describe("unexpected errors", () => {
  it("answer 500 JSON without a stack", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await serve(req("/api/boom"), {
      name: "boom",
      parse: () => ({ ok: true, params: null, key: "" }),
      render: () => {
        throw new Error("secret detail at /srv/app/lib/api.ts:1:1");
      },
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toHaveProperty("error.message");
    expect(text).not.toContain("secret");
    expect(text).not.toContain("api.ts");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});
