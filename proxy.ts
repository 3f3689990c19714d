import { NextResponse, type NextRequest } from "next/server";
import { badPathAnswer, toResponse } from "@/lib/api-http";

/**
 * A path with broken percent-encoding (`/api/places/%E0%A4%A`) makes Next fail while it
 * decodes the [id] segment, before any route handler runs, and answer a bare 500. Catch it
 * here and answer the API's 400 JSON error instead.
 * Only /api/places/* has a dynamic segment; other broken paths (`/api/control%E0`) match no
 * route and get the ordinary 404. Keeping the proxy off /api/control and the other fixed
 * routes spares every one of their requests a middleware pass (measured by npm run bench:api).
 */
export function proxy(request: NextRequest): Response {
  const path = new URL(request.url).pathname;
  try {
    decodeURIComponent(path);
  } catch {
    return toResponse(badPathAnswer(path));
  }
  return NextResponse.next();
}

export const config = { matcher: "/api/places/:path*" };
