import { extractHandler } from "@/lib/editor-api";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return extractHandler(request);
}
