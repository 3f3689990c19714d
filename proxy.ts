import { NextResponse, type NextRequest } from "next/server";

/**
 * A path with broken percent-encoding (`/api/places/%E0%A4%A`) makes Next fail while it
 * decodes the [id] segment, before any route handler runs, and answer a bare 500. Catch it
 * here and answer the API's 400 JSON error instead.
 * Only /api/places/* has a dynamic segment; other broken paths (`/api/control%E0`) match no
 * route and get the ordinary 404. Keeping the proxy off /api/control and the other fixed
 * routes spares every one of their requests a middleware pass (measured by npm run bench:api).
 */
export function proxy(request: NextRequest): NextResponse {
  const path = new URL(request.url).pathname;
  try {
    decodeURIComponent(path);
  } catch {
    return NextResponse.json(
      { error: { param: "path", expected: "a path with valid percent-encoding (UTF-8)", got: path.slice(0, 120) } },
      { status: 400, headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=60" } },
    );
  }
  return NextResponse.next();
}

export const config = { matcher: "/api/places/:path*" };
