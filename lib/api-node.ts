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
import { answer, badPathAnswer, BytesCache, endpoints, type Answer, type Endpoint } from "./api-http";
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
// of the whole (RFC 1951 §3.2.4, RFC 1952 §2.3). A date's gzipped answer thus costs a CRC pass,
// not a compression of the whole body, and its bytes gunzip to exactly the plain answer.

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

/** The parts as one gzip member (see above). Exported for tests. */
export function gzipParts(parts: readonly Uint8Array[]): Buffer {
  const pieces: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  for (const part of parts) {
    if (part.byteLength === 0) continue;
    pieces.push(deflateBlocks(part));
    crc = crc32(part, crc);
    size += part.byteLength;
  }
  const trailer = Buffer.allocUnsafe(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  pieces.push(FINAL_EMPTY_BLOCK, trailer);
  return Buffer.concat(pieces);
}

/** Gzipped bodies by ETag (an answer never changes until a deploy), within 32 MB. */
const gzipCache = new BytesCache<Buffer>(32_000_000, (b) => b.byteLength);
const gzipped = (tag: string, chunks: Uint8Array[]) => gzipCache.get(tag, () => gzipParts(chunks));

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

function send(req: IncomingMessage, res: ServerResponse, a: Answer, embed: boolean): void {
  const headers: Record<string, string> = { ...a.headers, ...(embed ? SECURITY_EMBED : SECURITY) };
  let chunks = a.chunks;
  let size = chunks.reduce((n, c) => n + c.byteLength, 0);
  if (a.status === 200 || a.status === 304) headers["vary"] = "Accept-Encoding";
  if (a.status === 200 && size >= GZIP_MIN_BYTES && acceptsGzip(req.headers["accept-encoding"])) {
    chunks = [gzipped(a.headers.etag ?? "", chunks)];
    size = chunks[0]!.byteLength;
    headers["content-encoding"] = "gzip";
  }
  if (a.status !== 304) headers["content-length"] = String(size);
  res.writeHead(a.status, headers);
  if (req.method === "HEAD" || a.status === 304) {
    res.end();
    return;
  }
  for (let i = 0; i < chunks.length - 1; i++) res.write(chunks[i]);
  res.end(chunks[chunks.length - 1]);
}

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
  let embed = false;
  try {
    embed = new URLSearchParams(search).get("embed") === "1";
  } catch {
    // URLSearchParams does not throw on any string; belt and braces for a hostile query.
  }
  if ("badPath" in found) {
    send(req, res, badPathAnswer(found.badPath), embed);
    return true;
  }
  const ifNoneMatch = req.headers["if-none-match"];
  send(req, res, answer(found.endpoint, { search, path: found.path, ifNoneMatch: ifNoneMatch ?? null }), embed);
  return true;
}
