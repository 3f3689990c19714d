import { readSourceHandler, saveSourceHandler } from "@/lib/editor-api";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return readSourceHandler(request);
}

export function POST(request: Request): Promise<Response> {
  return saveSourceHandler(request);
}
