import { createHash } from "node:crypto";

/**
 * A /data payload the map loads (prerendered once at build time) as a response: a CDN keeps it
 * a day and serves a stale copy for a week while it revalidates. The ETag is a hash of the body,
 * so a deploy that changes the data or the payload's shape changes it.
 */
export function dataPayloadResponse(payload: { version: string }): Response {
  const body = JSON.stringify(payload);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": "public, max-age=300, s-maxage=86400, stale-while-revalidate=604800",
      ETag: `W/"${payload.version}-${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`,
      "X-Data-Version": payload.version,
    },
  });
}
