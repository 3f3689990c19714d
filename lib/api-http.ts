/**
 * HTTP for the open data API with web-standard Request/Response only (no Next imports):
 * each endpoint parses its parameters, names its response with a key, and renders a body.
 * `serve` adds what every answer needs: a JSON error for bad input, an ETag from the data
 * version and the normalised parameters, 304 on If-None-Match, cache headers, CORS, a small
 * response cache, and a 500 without a stack trace should anything unexpected happen.
 */
import {
  changesBody, claimsBody, claimsCsv, controlJson, controlParts, getAtlas, placeBody, placesBody, stateGeoJsonBody, timelineBody,
  type Atlas,
} from "./api";
import {
  changesParams, claimsParams, parseQuery, stateParams,
  type ApiError, type ChangesParams, type ClaimsParams, type ParamSet, type StateParams,
} from "./api-params";
import { today } from "./dates";

/**
 * Bump when a response's shape changes: the data version alone would let a client or CDN
 * revalidate an old-shaped body with a 304 after a code-only deploy.
 */
export const API_REVISION = "1";

export const CACHE_CONTROL = "public, max-age=300, s-maxage=86400, stale-while-revalidate=604800";
/**
 * For answers about "today" because the request named no date (/api/control, /api/state.geojson
 * without `date`): the same URL means another day after midnight UTC, so a CDN may keep it only
 * minutes, not a day. Dated URLs never change their answer until a deploy.
 */
export const TODAY_CACHE_CONTROL = "public, max-age=300, s-maxage=300, stale-while-revalidate=300";
/** Bad requests are cheap to answer again; a short cache spares the origin a flood of the same one. */
const ERROR_CACHE_CONTROL = "public, max-age=60";

const JSON_TYPE = "application/json; charset=utf-8";

export interface Rendered {
  body: string;
  type: string;
  /** Content-Disposition, when the body is a file a person saves. */
  disposition?: string;
}

export type Parsed<P> =
  /** today: the answer is for today because the request named no date (a shorter CDN cache). */
  | { ok: true; params: P; key: string; today?: boolean }
  | { ok: false; status: 400 | 404; error: ApiError };

export interface RequestInput {
  query: URLSearchParams;
  /** Dynamic route segments, e.g. { id } for /api/places/[id]. */
  path: Record<string, string>;
  /** Today's day number (UTC): the default date and the latest allowed. */
  now: number;
}

export interface Endpoint<P> {
  name: string;
  parse(input: RequestInput, atlas: Atlas): Parsed<P>;
  render(atlas: Atlas, params: P): Rendered;
  /**
   * For a body that differs between requests only in a short head (/api/control: its date):
   * the head, and the rest with a key under which it is cached once and shared. head + rest()
   * is exactly render's body.
   */
  split?(atlas: Atlas, params: P): { head: string; restKey: string; rest(): string };
}

const json = (body: unknown): Rendered => ({ body: JSON.stringify(body), type: JSON_TYPE });

const NON_ASCII = /[\u0080-\uffff]/g;

/**
 * JSON text with every non-ASCII character written as a `\uXXXX` escape: the same values once
 * parsed, in bytes that are plain ASCII (RFC 8259 §7 allows any character to be escaped; outside
 * strings JSON is ASCII already). Why: whoever turns the body back into text (a browser's
 * `res.json()`, Node, a load generator) decodes ASCII on a fast path into one byte per
 * character, while a single Arabic name near the top of /api/control sends the whole 57 KB body
 * down the slow path into a two-byte string: bench:api's load generator spent ~60 % of its time
 * there. The bodies grow by about 2 %; gzip takes most of that back.
 * @example asciiJson('{"nameAr":"طرابلس"}') // '{"nameAr":"\u0637\u0631\u0627\u0628\u0644\u0633"}'
 */
export function asciiJson(json: string): string {
  return json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const isJsonType = (type: string) => type.startsWith("application/json") || type.startsWith("application/geo+json");

function fromQuery<P>(set: ParamSet<P>, query: URLSearchParams): Parsed<P> {
  const r = parseQuery(set, query);
  return r.ok ? { ok: true, params: r.value, key: r.key } : { ok: false, status: 400, error: r.error };
}

const noParams = (): Parsed<null> => ({ ok: true, params: null, key: "" });

/** /api/control and /api/state.geojson: `date` defaults to today (an empty value counts as absent). */
function stateQuery({ query, now }: RequestInput): Parsed<StateParams> {
  const parsed = fromQuery(stateParams(now), query);
  return parsed.ok && !query.get("date") ? { ...parsed, today: true } : parsed;
}

/** Every endpoint of the API, by name. */
export const endpoints = {
  places: {
    name: "places",
    parse: noParams,
    render: (atlas) => json(placesBody(atlas)),
  } satisfies Endpoint<null>,
  control: {
    name: "control",
    parse: stateQuery,
    render: (atlas, p) => ({ body: controlJson(atlas, p), type: JSON_TYPE }),
    split: controlParts,
  } satisfies Endpoint<StateParams>,
  state: {
    name: "state",
    parse: stateQuery,
    render: (atlas, p) => {
      const body = stateGeoJsonBody(atlas, p);
      return { body: JSON.stringify(body), type: "application/geo+json; charset=utf-8", disposition: `inline; filename="libya-control-${body.date}.geojson"` };
    },
  } satisfies Endpoint<StateParams>,
  place: {
    name: "place",
    parse: ({ path }, atlas) => {
      const id = path.id ?? "";
      return atlas.ids.places.has(id) ? { ok: true, params: id, key: `id=${id}` }
        : { ok: false, status: 404, error: { param: "id", expected: "the id of a place in /api/places", got: id.slice(0, 120) } };
    },
    render: (atlas, id) => json(placeBody(atlas, id)),
  } satisfies Endpoint<string>,
  claims: {
    name: "claims",
    parse: ({ query, now }, atlas) => fromQuery(claimsParams(now, atlas.ids), query),
    render: (atlas, p) => p.format === "csv"
      ? { body: claimsCsv(atlas, p), type: "text/csv; charset=utf-8; header=present", disposition: `attachment; filename="libya-control-claims-${atlas.dataset.version}.csv"` }
      : json(claimsBody(atlas, p)),
  } satisfies Endpoint<ClaimsParams>,
  timeline: {
    name: "timeline",
    parse: noParams,
    render: (atlas) => json(timelineBody(atlas)),
  } satisfies Endpoint<null>,
  changes: {
    name: "changes",
    parse: ({ query, now }) => fromQuery(changesParams(now), query),
    render: (atlas, p) => json(changesBody(atlas, p)),
  } satisfies Endpoint<ChangesParams>,
};

// ---------- response cache ----------

/** A rendered answer, its body already encoded: a cache hit costs no JSON and no UTF-8 encoding. */
interface Encoded {
  bytes: Uint8Array<ArrayBuffer>;
  type: string;
  disposition?: string;
}

/** A cache of byte buffers by key, least recently used first, within a byte budget. */
export class BytesCache<V> {
  private readonly entries = new Map<string, V>();
  private bytes = 0;
  constructor(private readonly budget: number, private readonly sizeOf: (v: V) => number) {}

  delete(key: string): void {
    const v = this.entries.get(key);
    if (v === undefined) return;
    this.entries.delete(key);
    this.bytes -= this.sizeOf(v);
  }

  /** The cached value for key, or make()'s (kept unless it alone would take a quarter of the budget). */
  get(key: string, make: () => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = make();
    const size = this.sizeOf(value);
    if (size > this.budget / 4) return value;
    this.entries.set(key, value);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(k);
      this.bytes -= this.sizeOf(v);
    }
    return value;
  }
}

/**
 * Encoded answers by ETag (for /api/control: its body after the date, by period), within
 * 64 MB: enough for every period of /api/control (~670 × 57 KB) beside the other answers. A CDN
 * in front keeps every answer anyway.
 */
const cache = new BytesCache<Encoded>(64_000_000, (e) => e.bytes.byteLength);
const encoder = new TextEncoder();

function cachedRender(tag: string, render: () => Rendered): Encoded {
  return cache.get(tag, () => {
    const r = render();
    return { bytes: encoder.encode(isJsonType(r.type) ? asciiJson(r.body) : r.body), type: r.type, disposition: r.disposition };
  });
}

// ---------- headers ----------

/** True when an If-None-Match header names the tag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(header: string | null, tag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, "");
  const want = opaque(tag);
  return header.split(",").some((t) => t.trim() === "*" || opaque(t) === want);
}

/** An answer, independent of any server framework: the route handlers and scripts/server.ts send it. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** The body in parts, to send one after the other (none for 304). */
  chunks: Uint8Array[];
}

export interface AnswerInput {
  /** The query string, with or without its leading "?". */
  search: string;
  /** Dynamic route segments, already decoded. */
  path?: Record<string, string>;
  /** The request's If-None-Match header. */
  ifNoneMatch?: string | null;
}

const COMMON_HEADERS: Readonly<Record<string, string>> = {
  // Open data: any site may read it from a browser.
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "ETag, X-Data-Version",
};

const JSON_ERROR_HEADERS = { ...COMMON_HEADERS, "content-type": JSON_TYPE, "cache-control": ERROR_CACHE_CONTROL };
const errorBody = (error: ApiError) => encoder.encode(asciiJson(JSON.stringify({ error })));

/**
 * The 400 for a path whose percent-encoding is broken (`/api/places/%E0%A4%A`): Next fails
 * while it decodes the [id] segment, so proxy.ts and the production server answer it.
 */
export function badPathAnswer(path: string): Answer {
  const error: ApiError = { param: "path", expected: "a path with valid percent-encoding (UTF-8)", got: path.slice(0, 120) };
  return { status: 400, headers: { ...JSON_ERROR_HEADERS }, chunks: [errorBody(error)] };
}

/**
 * An answer whose body is made when asked for: what the production server keeps per URL (small;
 * the body's bytes live in the byte cache above, and chunks() takes them from there).
 */
export interface Prepared {
  status: number;
  headers: Record<string, string>;
  /** The body in parts, to send one after the other (none for 304). May throw, as rendering may. */
  chunks(): Uint8Array[];
}

/** The 500 for an unexpected error, without a stack (logged on the server). */
export function internalError(endpointName: string, e: unknown): Answer {
  console.error(`api ${endpointName}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  return {
    status: 500,
    headers: { ...COMMON_HEADERS, "content-type": JSON_TYPE, "cache-control": "no-store" },
    chunks: [encoder.encode(JSON.stringify({ error: { status: 500, message: "Internal error. The data or the server is at fault, not the request." } }))],
  };
}

/**
 * Parses and validates a request, names its answer and renders the body once (to know its type),
 * but hands the body out through chunks(). Throws on an unexpected error; answer() does not.
 */
export function prepare<P>(endpoint: Endpoint<P>, input: AnswerInput): Prepared {
  const atlas = getAtlas();
  const parsed = endpoint.parse({ query: new URLSearchParams(input.search), path: input.path ?? {}, now: today() }, atlas);
  if (!parsed.ok) {
    const body = [errorBody(parsed.error)];
    return { status: parsed.status, headers: { ...JSON_ERROR_HEADERS }, chunks: () => body };
  }
  const version = atlas.dataset.version;
  // The key holds validated values only (dates, ids, enums), so it is safe inside the quotes.
  const tag = `W/"${version}.${API_REVISION}:${endpoint.name}${parsed.key ? `:${parsed.key}` : ""}"`;
  const headers: Record<string, string> = {
    ...COMMON_HEADERS,
    etag: tag,
    "cache-control": parsed.today ? TODAY_CACHE_CONTROL : CACHE_CONTROL,
    "x-data-version": version,
  };
  if (etagMatches(input.ifNoneMatch ?? null, tag)) return { status: 304, headers, chunks: () => [] };
  let chunks: () => Uint8Array[];
  let first: Encoded;
  const split = endpoint.split?.(atlas, parsed.params);
  if (split) {
    const head = encoder.encode(split.head);
    const rest = () => cachedRender(split.restKey, () => ({ body: split.rest(), type: JSON_TYPE }));
    first = rest();
    chunks = () => [head, rest().bytes];
  } else {
    const rendered = () => cachedRender(tag, () => endpoint.render(atlas, parsed.params));
    first = rendered();
    chunks = () => [rendered().bytes];
  }
  headers["content-type"] = first.type;
  if (first.disposition) headers["content-disposition"] = first.disposition;
  return { status: 200, headers, chunks };
}

/**
 * Answers a request for an endpoint. Never throws: an unexpected error becomes a 500 JSON
 * answer without a stack (logged on the server).
 */
export function answer<P>(endpoint: Endpoint<P>, input: AnswerInput): Answer {
  try {
    const p = prepare(endpoint, input);
    return { status: p.status, headers: p.headers, chunks: p.chunks() };
  } catch (e) {
    return internalError(endpoint.name, e);
  }
}

/** An answer as a web Response (for route handlers). */
export function toResponse(a: Answer): Response {
  const body = a.chunks.length === 0 ? null : a.chunks.length === 1 ? a.chunks[0]! : new Blob(a.chunks as BlobPart[]);
  return new Response(body as BodyInit | null, { status: a.status, headers: a.headers });
}

/** Answers a route handler's request for an endpoint (never throws; see answer). */
export async function serve<P>(request: Request, endpoint: Endpoint<P>, path: Record<string, string> | Promise<Record<string, string>> = {}): Promise<Response> {
  let segments: Record<string, string>;
  try {
    segments = await path;
  } catch {
    segments = {};
  }
  return toResponse(answer(endpoint, { search: new URL(request.url).search, path: segments, ifNoneMatch: request.headers.get("if-none-match") }));
}
