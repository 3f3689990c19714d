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
import { gzipSync } from "node:zlib";
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
/** Gzipped bodies by ETag (an answer never changes until a deploy), within 16 MB. */
const gzipCache = new BytesCache<Buffer>(16_000_000, (b) => b.byteLength);
const gzipped = (tag: string, chunks: Uint8Array[]) => gzipCache.get(tag, () => gzipSync(Buffer.concat(chunks)));

/** True when an Accept-Encoding header accepts gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : header ?? "";
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
