import { geoJsonHandler } from "@/lib/editor-api";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return geoJsonHandler(request);
}
