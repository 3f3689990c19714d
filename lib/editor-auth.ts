/**
 * Who may use the editor. It is off unless EDITOR_TOKEN is set; then every request needs
 * `Authorization: Bearer <token>` (compared in constant time over equal-length digests), and a
 * write must come from the app's own origin (Origin and Sec-Fetch-Site; a cross-site request is
 * refused even with the token). Web-standard Request/Response only.
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** A JSON error answer of the editor: never cached, never readable cross-origin. */
export function editorError(status: number, error: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { status, ...error } }), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

/** A JSON answer of the editor (never cached). */
export function editorJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });
}

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** True when `given` is the token; the time taken does not depend on where they differ. */
export function tokenMatches(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

/** The configured token, or null when the editor is off. */
export function editorToken(): string | null {
  const t = process.env.EDITOR_TOKEN;
  return t && t.trim() ? t : null;
}

/** The origins a write may come from: the request's own host, plus EDITOR_ORIGIN (comma-separated). */
function ownOrigins(request: Request): Set<string> {
  const out = new Set<string>();
  const url = new URL(request.url);
  out.add(url.origin);
  const host = request.headers.get("host");
  if (host) {
    out.add(`http://${host}`);
    out.add(`https://${host}`);
  }
  for (const o of (process.env.EDITOR_ORIGIN ?? "").split(",")) if (o.trim()) out.add(o.trim().replace(/\/$/, ""));
  return out;
}

/**
 * Null when the request may go on; otherwise the answer: 404 while the editor is off, 401 without
 * a token, 403 with a wrong one or from another origin (a cross-site Origin or Sec-Fetch-Site).
 */
export function authorize(request: Request, options: { write: boolean }): Response | null {
  const token = editorToken();
  if (!token) return editorError(404, { message: "The editor is off: set EDITOR_TOKEN on the server to turn it on." });
  // Reads may be opened from the address bar (Sec-Fetch-Site: none); writes only from our pages.
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && (options.write || site !== "none")) {
    return editorError(403, { message: `The editor answers only the atlas's own pages (Sec-Fetch-Site: ${site.slice(0, 40)}).` });
  }
  const origin = request.headers.get("origin");
  if (origin !== null && !ownOrigins(request).has(origin)) return editorError(403, { message: "The editor answers only the atlas's own origin.", got: origin.slice(0, 120) });
  const header = request.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m) return editorError(401, { message: "Send the editor token as 'Authorization: Bearer <token>'." }, { "WWW-Authenticate": 'Bearer realm="editor"' });
  if (!tokenMatches(m[1]!.trim(), token)) return editorError(403, { message: "Wrong editor token." });
  return null;
}
