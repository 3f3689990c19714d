/**
 * Nothing a client sends makes the API fail: thousands of random and hostile query strings,
 * path ids and If-None-Match headers against every route handler. A 4xx must carry the JSON
 * error shape; a 200 must be a well-formed body; nothing may answer 5xx.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayToIso, EARLIEST_DAY, today } from "@/lib/dates";
import { GET as changesGET } from "./changes/route";
import { GET as claimsGET } from "./claims/route";
import { GET as controlGET } from "./control/route";
import { GET as placeGET } from "./places/[id]/route";
import { GET as placesGET } from "./places/route";
import { GET as stateGET } from "./state.geojson/route";
import { GET as timelineGET } from "./timeline/route";

const RUNS = 450;

const PARAMS = ["date", "kind", "place", "side", "source", "from", "to", "format", "id"];

const HOSTILE = [
  "", " ", "%", "%00", "%zz", "\u0000", "\n", "\r\n", "'", '"', "\\", "&", "=", "?", "#", "+", "null", "undefined", "true", "[]", "{}",
  "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "data:text/html,<b>x</b>",
  "=HYPERLINK(\"http://evil\")", "+cmd", "-1", "@SUM(A1)", "' OR 1=1 --", "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd",
  "__proto__", "constructor", "prototype", "toString", "hasOwnProperty",
  "NaN", "Infinity", "-Infinity", "1e308", "-0", "0x10", "9007199254740993", "9".repeat(400), "a".repeat(5000),
  "2019-04-06", "2019-02-29", "2020-02-29", "2019-13-45", "2019-04-06T00:00:00Z", "2019-4-6", "20190406", "2019/04/06",
  "2010-12-31", "2011-01-01", "0000-01-01", "9999-12-31", "+002019-04-06", "2019", "2019-04", "٢٠١٩-٠٤-٠٦",
  "tripoli", "LY-TB", "ly-tb", "TRIPOLI", "gharyan", "gna", "lna", "GNA", "json", "csv", "CSV", "region", "city", "area",
  "afp-2020-05-18-watiya", "طرابلس", "🇱🇾", "\uD800", "\uFEFF", "\u202E", "e\u0301", "ｔｒｉｐｏｌｉ",
];

const isoDay = fc.integer({ min: EARLIEST_DAY - 400, max: today() + 400 }).map(dayToIso);
const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: isoDay },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
);
const name = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PARAMS) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) });
/** Pairs appended one by one, so names can repeat. */
const query = fc.array(fc.tuple(name, value), { maxLength: 6 });
/** Sometimes the raw text after "?", unencoded, as a hand-typed or broken client would send it. */
const rawQuery = fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), fc.constantFrom(...HOSTILE).map((h) => `date=${h}&date=${h}&from=${h}`));
const ifNoneMatch = fc.option(fc.oneof(fc.constantFrom("*", 'W/"x"', '"', "W/", ",,,", 'W/"2058e9db.1:control:date=2019-04-06&kind=all"'), fc.string({ unit: "grapheme-ascii", maxLength: 40 })), { nil: undefined });

/** A handler and, for /api/places/[id], the id as Next would hand it over (already decoded). */
type Handler = (request: Request, id: string) => Promise<Response>;
const ENDPOINTS: [string, Handler][] = [
  ["/api/places", placesGET],
  ["/api/control", controlGET],
  ["/api/state.geojson", stateGET],
  ["/api/claims", claimsGET],
  ["/api/timeline", timelineGET],
  ["/api/changes", changesGET],
  ["/api/places/[id]", (r, id) => placeGET(r, { params: Promise.resolve({ id }) })],
];

function request(path: string, search: string, inm: string | undefined): Request | null {
  try {
    return new Request(`http://x${path}${search}`, { headers: inm === undefined ? {} : { "if-none-match": inm } });
  } catch {
    // A header value a client could not send at all (fetch refuses it too).
    return null;
  }
}

async function check(res: Response): Promise<void> {
  expect(res.status).toBeLessThan(500);
  if (res.status === 304) {
    expect(await res.text()).toBe("");
    return;
  }
  // Keep the BOM (Response.text() would strip it) so the CSV check sees the bytes sent.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
  if (res.status >= 400) {
    expect([400, 404]).toContain(res.status);
    const body = JSON.parse(text) as { error: { param: unknown; expected: unknown; got: unknown } };
    expect(typeof body.error.param).toBe("string");
    expect(typeof body.error.expected).toBe("string");
    expect(body.error.got === null || typeof body.error.got === "string").toBe(true);
    return;
  }
  expect(res.status).toBe(200);
  if (res.headers.get("content-type")!.startsWith("text/csv")) expect(text.startsWith("\uFEFFid,date,")).toBe(true);
  else expect(() => JSON.parse(text)).not.toThrow();
}

describe("hostile input", () => {
  for (const [path, GET] of ENDPOINTS) {
    it(`never makes ${path} answer 5xx`, async () => {
      await fc.assert(fc.asyncProperty(query, fc.option(value, { nil: undefined }), ifNoneMatch, async (pairs, id, inm) => {
        const params = new URLSearchParams();
        for (const [k, v] of pairs) params.append(k, v);
        const r = request(path.replace("[id]", "x"), `?${params}`, inm);
        if (r) await check(await GET(r, id ?? "tripoli"));
      }), { numRuns: RUNS });
      await fc.assert(fc.asyncProperty(rawQuery, async (raw) => {
        const r = request(path.replace("[id]", "tripoli"), `?${raw}`, undefined);
        if (r) await check(await GET(r, "tripoli"));
      }), { numRuns: RUNS / 3 });
    }, 60_000);
  }
});
