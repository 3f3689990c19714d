/**
 * The production server's API fast path (lib/api-node.ts) against the route handlers: over a
 * real socket, for good, bad and hostile requests, it must give the same status, the same API
 * headers and the same bytes, plus the security headers Next would add, gzip when asked, and
 * leave everything that is not a public API GET or HEAD to Next.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { execFileSync } from "node:child_process";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { acceptsGzip, gzipParts, handleApiRequest } from "@/lib/api-node";
import { securityHeaders } from "@/lib/security-headers.cjs";
import { GET as changesGET } from "./changes/route";
import { GET as claimsGET } from "./claims/route";
import { GET as controlGET } from "./control/route";
import { GET as placeGET } from "./places/[id]/route";
import { GET as placesGET } from "./places/route";
import { GET as stateGET } from "./state.geojson/route";
import { GET as timelineGET } from "./timeline/route";

let base = "";
let server: http.Server;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (handleApiRequest(req, res)) return;
    res.writeHead(418, { "content-type": "text/plain" });
    res.end("left to next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface Got { status: number; headers: Record<string, string>; body: Buffer }

/** A raw GET (or other method) over the socket, bytes as sent: no decoding, no redirects. */
function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

type Handler = (request: Request) => Promise<Response>;
const HANDLERS: Record<string, Handler> = {
  "/api/places": placesGET,
  "/api/control": controlGET,
  "/api/state.geojson": stateGET,
  "/api/claims": claimsGET,
  "/api/timeline": timelineGET,
  "/api/changes": changesGET,
};

/** What the route handler answers for the same path (Next decodes the [id] segment first). */
async function viaRouteHandler(path: string, headers: Record<string, string> = {}): Promise<Got> {
  const url = new URL(`http://x${path}`);
  const request = new Request(url, { headers });
  const handler = HANDLERS[url.pathname];
  const res = handler
    ? await handler(request)
    : await placeGET(request, { params: Promise.resolve({ id: decodeURIComponent(url.pathname.slice("/api/places/".length)) }) });
  const out: Record<string, string> = {};
  res.headers.forEach((v, k) => (out[k] = v));
  return { status: res.status, headers: out, body: Buffer.from(await res.arrayBuffer()) };
}

const API_HEADERS = ["content-type", "etag", "cache-control", "x-data-version", "access-control-allow-origin", "access-control-expose-headers", "content-disposition"];
const pick = (h: Record<string, string>) => Object.fromEntries(API_HEADERS.filter((k) => k in h).map((k) => [k, h[k]]));

const SAMPLES = [
  "/api/control?date=2019-04-06", "/api/control?date=2011-03-19&kind=city", "/api/control", "/api/control?date=2019-13-45",
  "/api/control?date=2019-04-06&date=2019-04-07", "/api/control?kind=town", "/api/state.geojson?date=2020-06-05",
  "/api/places", "/api/places/tripoli", "/api/places/LY-TB", "/api/places/nowhere", "/api/places/%D8%B7%D8%B1%D8%A7%D8%A8%D9%84%D8%B3",
  "/api/claims?place=gharyan&format=csv", "/api/claims?side=lna&from=2019&to=2019-06", "/api/claims?from=2020&to=2019",
  "/api/timeline", "/api/changes?from=2019-04-01&to=2019-07-01", "/api/changes?from=2019-04-01",
  "/api/control?date=%3Cscript%3Ealert(1)%3C/script%3E", "/api/claims?place=javascript:alert(1)",
];

describe("the production server's API fast path", () => {
  it.each(SAMPLES)("answers %s exactly as the route handler does", async (path) => {
    const [fast, route] = await Promise.all([get(path), viaRouteHandler(path)]);
    expect(fast.status).toBe(route.status);
    expect(pick(fast.headers)).toEqual(pick(route.headers));
    expect(fast.body.equals(route.body)).toBe(true);
    expect(Number(fast.headers["content-length"])).toBe(fast.body.byteLength);
    // Again, plain and gzipped: the server now answers from the answer it keeps for the URL.
    const again = await get(path);
    expect({ status: again.status, headers: pick(again.headers) }).toEqual({ status: fast.status, headers: pick(fast.headers) });
    expect(again.body.equals(fast.body)).toBe(true);
    for (let i = 0; i < 2; i++) {
      const zipped = await get(path, { "accept-encoding": "gzip" });
      expect(zipped.status).toBe(fast.status);
      expect(Number(zipped.headers["content-length"])).toBe(zipped.body.byteLength);
      const body = zipped.headers["content-encoding"] === "gzip" ? gunzipSync(zipped.body) : zipped.body;
      expect(body.equals(fast.body)).toBe(true);
    }
  });

  it("adds the security headers Next adds (the embed variant for ?embed=1)", async () => {
    const plain = await get("/api/control?date=2019-04-06");
    for (const h of securityHeaders({ dev: false, embed: false })) expect(plain.headers[h.key.toLowerCase()]).toBe(h.value);
    const embed = await get("/api/control?date=2019-04-06&embed=1");
    for (const h of securityHeaders({ dev: false, embed: true })) expect(embed.headers[h.key.toLowerCase()]).toBe(h.value);
    expect(embed.headers["x-frame-options"]).toBeUndefined();
    expect(embed.headers["content-security-policy"]).toContain("frame-ancestors *");
  });

  it("gzips for clients that accept it, and the bytes unzip to the plain answer", async () => {
    const plain = await get("/api/control?date=2016-12-20");
    const zipped = await get("/api/control?date=2016-12-20", { "accept-encoding": "br, gzip;q=0.8" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("Accept-Encoding");
    expect(zipped.body.byteLength).toBeLessThan(plain.body.byteLength / 3);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.headers.etag).toBe(plain.headers.etag);
    const refused = await get("/api/control?date=2016-12-20", { "accept-encoding": "gzip;q=0, identity" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    // Small answers (errors) go as they are.
    expect((await get("/api/control?date=x", { "accept-encoding": "gzip" })).headers["content-encoding"]).toBeUndefined();
  });

  it("answers an undated request for the new day after midnight (UTC), not the kept answer", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(new Date("2025-03-01T23:59:00Z"));
      const before = JSON.parse((await get("/api/control?kind=area")).body.toString()) as { date: string };
      vi.setSystemTime(new Date("2025-03-02T00:01:00Z"));
      const after = JSON.parse((await get("/api/control?kind=area")).body.toString()) as { date: string };
      expect([before.date, after.date]).toEqual(["2025-03-01", "2025-03-02"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("answers 304 to a matching If-None-Match and HEAD without a body", async () => {
    const first = await get("/api/places/gharyan");
    const again = await get("/api/places/gharyan", { "if-none-match": first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
    const head = await get("/api/places/gharyan", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(Number(head.headers["content-length"])).toBe(first.body.byteLength);
  });

  it("answers a broken percent-encoding in a place id with the proxy's 400 JSON", async () => {
    const res = await get("/api/places/%E0%A4%A");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString())).toEqual({ error: { param: "path", expected: "a path with valid percent-encoding (UTF-8)", got: "/api/places/%E0%A4%A" } });
  });

  it("leaves to Next what it does not answer: other paths, methods, trailing slashes, the editor", async () => {
    for (const [path, method] of [
      ["/", "GET"], ["/api/control/", "GET"], ["/api/control", "POST"], ["/api/editor/sources", "GET"], ["/api/places/a/b", "GET"],
      ["/api/placesx", "GET"], ["/api/places/", "GET"], ["/basemap.geojson", "GET"], ["/api/control", "OPTIONS"],
    ] as const) {
      const res = await get(path, {}, method);
      expect(res.status, `${method} ${path}`).toBe(418);
    }
  });

  it("gzips an answer part by part into one member that any decoder reads as the whole", () => {
    const big = Buffer.from(JSON.stringify({ places: Array.from({ length: 400 }, (_, i) => ({ id: `place-${i}`, name: "طرابلس – Ṭarābulus" })) }));
    const cases: Uint8Array[][] = [
      [Buffer.from('{"date":"2019-04-06",'), big.subarray(1)],
      [big],
      [Buffer.from("x")],
      [Buffer.alloc(0), Buffer.from("ab"), Buffer.alloc(0)],
      [Buffer.alloc(255, 97), Buffer.alloc(256, 98), big],
      [],
    ];
    for (const parts of cases) {
      const whole = Buffer.concat(parts);
      const zipped = gzipParts(parts);
      expect(gunzipSync(zipped).equals(whole)).toBe(true);
      // A second, independent decoder (gzip(1) checks the CRC and length too).
      expect(execFileSync("gzip", ["-dc"], { input: zipped }).equals(whole)).toBe(true);
    }
    // A shared part is deflated once and reused: the same bytes, whatever precedes it.
    const a = gzipParts([Buffer.from("[1,"), big]);
    const b = gzipParts([Buffer.from("[22,"), big]);
    expect(gunzipSync(b).toString()).toBe(`[22,${big.toString()}`);
    expect(b.byteLength - a.byteLength).toBe(1);
    expect(a.byteLength).toBeLessThan(big.byteLength / 5);
  });

  it("reads Accept-Encoding as RFC 9110 does", () => {
    expect(acceptsGzip("gzip, deflate, br")).toBe(true);
    expect(acceptsGzip("GZIP")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip; q=0.000")).toBe(false);
    expect(acceptsGzip("br")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip(["deflate", "gzip"])).toBe(true);
  });

  it("never answers 5xx and always JSON on error, for random and hostile queries", async () => {
    const paths = Object.keys(HANDLERS).concat("/api/places/tripoli");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.string({ unit: "binary", maxLength: 60 }), async (path, raw) => {
        // Printable ASCII goes raw (a stray % included); the rest as UTF-8 percent-escapes, as an HTTP client must send it.
        const escaped = raw.replace(/[^\x21-\x7e]|#/gu, (c) => [...Buffer.from(c)].map((b) => `%${b.toString(16).padStart(2, "0")}`).join(""));
        const res = await get(`${path}?${escaped}`);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(JSON.parse(res.body.toString())).toHaveProperty("error.param");
      }),
      { numRuns: 300 },
    );
  });
});
