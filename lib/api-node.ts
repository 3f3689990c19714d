/**
 * The open data API on Node's own http objects, for the production server (scripts/server.ts):
 * it answers GET and HEAD for the public API paths before Next sees the request, with the very
 * answer the route handlers give (lib/api-http.ts `answer`), the same security headers
 * (security-headers.cjs) and gzip when the client accepts it. Anything else (other paths,
 * other methods, trailing slashes, the editor API) is left to Next.
 *
 * Why: Next's per-request machinery costs several times what the answer itself costs (the
 * /api/control body for a date is one cached buffer and a 17-byte head), so a surge on a
 * linked date is served at static-file speed. The route handlers stay for `next dev`, the
 * standalone output and anything this does not take; app/api/api-node.test.ts checks that
 * both give the same status, headers and bytes.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { constants, crc32, deflateRawSync } from "node:zlib";
import { badPathAnswer, BytesCache, endpoints, internalError, prepare, type Answer, type Endpoint, type Prepared } from "./api-http";
import { today } from "./dates";
import { securityHeaders } from "./security-headers.cjs";

const FIXED: ReadonlyMap<string, Endpoint<never>> = new Map<string, Endpoint<never>>([
  ["/api/places", endpoints.places],
  ["/api/control", endpoints.control],
  ["/api/state.geojson", endpoints.state],
  ["/api/claims", endpoints.claims],
  ["/api/timeline", endpoints.timeline],
  ["/api/changes", endpoints.changes],
] as [string, Endpoint<never>][]);

const PLACE_PREFIX = "/api/places/";

const toHeaderObject = (embed: boolean) =>
  Object.fromEntries(securityHeaders({ dev: false, embed }).map((h) => [h.key.toLowerCase(), h.value]));
const SECURITY = toHeaderObject(false);
const SECURITY_EMBED = toHeaderObject(true);

/** Bodies under this many bytes are sent as they are (as Next's compression does for small ones). */
const GZIP_MIN_BYTES = 1024;

// ---------- gzip, part by part ----------
//
// An answer's body comes in parts, and the large ones are shared: /api/control's body for a date
// is a 17-byte head (its date) and the rest of the body, the same for every day of a period. A
// gzip member may hold any sequence of deflate blocks, so each large part is deflated once, ending
// on a byte boundary without closing the stream (Z_SYNC_FLUSH), and reused; a small part goes in
// as a stored block; an empty final block closes the stream; the trailer is the CRC-32 and length
// of the whole (RFC 1951 §3.2.4, RFC 1952 §2.3). A date's gzipped answer thus costs one CRC pass
// (kept with the URL's ready answer), not a compression of the whole body, and its bytes gunzip to
// exactly the plain answer.

/** RFC 1952 member header: deflate, no flags, no mtime, no extra flags, OS unknown. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
/** A final, empty block with fixed Huffman codes (BFINAL 1, BTYPE 01, end-of-block): what zlib writes on Z_FINISH after a flush. */
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);
/** Parts at least this long are deflated (once, then reused); shorter ones are stored as they are (a stored block holds up to 65,535 bytes). */
const DEFLATE_MIN_BYTES = 256;
const deflatedParts = new WeakMap<Uint8Array, Buffer>();

/** Deflate blocks for one part, ending on a byte boundary with no final block. */
function deflateBlocks(part: Uint8Array): Buffer {
  if (part.byteLength >= DEFLATE_MIN_BYTES) {
    let blocks = deflatedParts.get(part);
    if (!blocks) {
      blocks = deflateRawSync(part, { finishFlush: constants.Z_SYNC_FLUSH });
      deflatedParts.set(part, blocks);
    }
    return blocks;
  }
  // A stored block: BFINAL 0, BTYPE 00 (the rest of the byte is padding), LEN, NLEN, the bytes.
  const out = Buffer.allocUnsafe(5 + part.byteLength);
  out[0] = 0;
  out.writeUInt16LE(part.byteLength, 1);
  out.writeUInt16LE(~part.byteLength & 0xffff, 3);
  out.set(part, 5);
  return out;
}

/** The member's end for these parts: the final empty block, then CRC-32 and length of the whole. */
function gzipTrailer(parts: readonly Uint8Array[]): Buffer {
  let crc = 0;
  let size = 0;
  for (const part of parts) {
    crc = crc32(part, crc);
    size += part.byteLength;
  }
  const end = Buffer.allocUnsafe(FINAL_EMPTY_BLOCK.byteLength + 8);
  end.set(FINAL_EMPTY_BLOCK, 0);
  end.writeUInt32LE(crc >>> 0, FINAL_EMPTY_BLOCK.byteLength);
  end.writeUInt32LE(size % 2 ** 32, FINAL_EMPTY_BLOCK.byteLength + 4);
  return end;
}

/** The gzip member as pieces to send one after the other; `end` is gzipTrailer(parts), which a caller may keep. */
function gzipPieces(parts: readonly Uint8Array[], end: Buffer): Buffer[] {
  const pieces: Buffer[] = [GZIP_HEADER];
  for (const part of parts) if (part.byteLength > 0) pieces.push(deflateBlocks(part));
  pieces.push(end);
  return pieces;
}

/** The parts as one gzip member (see above). */
export function gzipParts(parts: readonly Uint8Array[]): Buffer {
  return Buffer.concat(gzipPieces(parts, gzipTrailer(parts)));
}

/** Accept-Encoding values seen (clients send a handful of distinct ones), read once each. */
const acceptsGzipSeen = new Map<string, boolean>();

/** True when an Accept-Encoding header accepts gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : header ?? "";
  let accepts = acceptsGzipSeen.get(value);
  if (accepts === undefined) {
    accepts = readAcceptEncoding(value);
    if (acceptsGzipSeen.size >= 256) acceptsGzipSeen.clear();
    acceptsGzipSeen.set(value, accepts);
  }
  return accepts;
}

function readAcceptEncoding(value: string): boolean {
  return value.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** Which endpoint a path names, with its segments; null when it is not one this module answers. */
function route(pathname: string): { endpoint: Endpoint<never>; path: Record<string, string> } | { badPath: string } | null {
  const fixed = FIXED.get(pathname);
  if (fixed) return { endpoint: fixed, path: {} };
  if (!pathname.startsWith(PLACE_PREFIX)) return null;
  const raw = pathname.slice(PLACE_PREFIX.length);
  if (raw === "" || raw.includes("/")) return null;
  try {
    return { endpoint: endpoints.place as Endpoint<never>, path: { id: decodeURIComponent(raw) } };
  } catch {
    return { badPath: pathname };
  }
}

/**
 * A prepared answer as this server sends it, kept per URL: the final headers (security headers,
 * Vary, Content-Length, and the gzip variant's) are made once, and the body's bytes are taken from
 * the byte caches on each send. Answers about "today" (no date asked) are kept for the day only.
 */
interface Ready {
  day: number;
  prepared: Prepared;
  embed: boolean;
  /** Bytes this entry takes besides the shared body (for the cache's budget). */
  size: number;
  plain?: Record<string, string>;
  gzip?: { headers: Record<string, string>; end: Buffer };
}

/** Ready answers by URL: repeated URLs (a date a story links to, a slider's steps) skip parsing and headers. ~16,000 entries. */
const ready = new BytesCache<Ready>(16_000_000, (r) => r.size);

function readyFor(prepared: Prepared, embed: boolean, url: string, day: number): Ready {
  return { day, prepared, embed, size: 1024 + 2 * url.length };
}

function send(req: IncomingMessage, res: ServerResponse, r: Ready, gzip: boolean): void {
  const { status } = r.prepared;
  let parts = r.prepared.chunks();
  let size = 0;
  for (const p of parts) size += p.byteLength;
  let headers: Record<string, string>;
  if (status === 200 && size >= GZIP_MIN_BYTES && gzip) {
    const end = r.gzip?.end ?? gzipTrailer(parts);
    parts = gzipPieces(parts, end);
    r.gzip ??= { end, headers: finalHeaders(r, { "content-encoding": "gzip", "content-length": String(parts.reduce((n, p) => n + p.byteLength, 0)) }) };
    headers = r.gzip.headers;
  } else {
    headers = r.plain ??= finalHeaders(r, status === 304 ? {} : { "content-length": String(size) });
  }
  res.writeHead(status, headers);
  if (req.method === "HEAD" || status === 304 || parts.length === 0) {
    res.end();
    return;
  }
  res.cork(); // one write for all the parts (end() uncorks)
  for (let i = 0; i < parts.length - 1; i++) res.write(parts[i]);
  res.end(parts[parts.length - 1]);
}

function finalHeaders(r: Ready, extra: Record<string, string>): Record<string, string> {
  const { status, headers } = r.prepared;
  return {
    ...headers,
    ...(r.embed ? SECURITY_EMBED : SECURITY),
    ...(status === 200 || status === 304 ? { vary: "Accept-Encoding" } : {}),
    ...extra,
  };
}

/** An Answer (a 500, the bad-path 400) as a one-off Ready. */
const fixed = (a: Answer, embed: boolean): Ready =>
  ({ day: 0, embed, size: 0, prepared: { status: a.status, headers: a.headers, chunks: () => a.chunks } });

/**
 * Answers the request when it is a GET or HEAD of a public API path and returns true; returns
 * false, having touched nothing, for everything else. Never throws.
 */
export function handleApiRequest(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  if (!pathname.startsWith("/api/")) return false;
  const found = route(pathname);
  if (!found) return false;
  const search = q < 0 ? "" : url.slice(q + 1);
  const gzip = acceptsGzip(req.headers["accept-encoding"]);
  if ("badPath" in found) {
    send(req, res, fixed(badPathAnswer(found.badPath), embedOf(search)), gzip);
    return true;
  }
  const ifNoneMatch = req.headers["if-none-match"];
  const day = today();
  try {
    let r: Ready;
    if (ifNoneMatch !== undefined) {
      // Conditional requests are answered afresh (a 304 or the full answer); they are rare at the origin.
      r = readyFor(prepare(found.endpoint, { search, path: found.path, ifNoneMatch }), embedOf(search), url, day);
    } else {
      const make = () => readyFor(prepare(found.endpoint, { search, path: found.path }), embedOf(search), url, day);
      r = ready.get(url, make);
      if (r.day !== day) {
        ready.delete(url);
        r = ready.get(url, make);
      }
    }
    send(req, res, r, gzip);
  } catch (e) {
    if (!res.headersSent) send(req, res, fixed(internalError(found.endpoint.name, e), embedOf(search)), gzip);
    else res.destroy();
  }
  return true;
}

/** ?embed=1: the answer carries the embed variant of the security headers (framing allowed). */
function embedOf(search: string): boolean {
  try {
    return new URLSearchParams(search).get("embed") === "1";
  } catch {
    return false; // URLSearchParams does not throw on any string; belt and braces for a hostile query.
  }
}
