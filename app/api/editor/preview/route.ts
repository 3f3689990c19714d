import { previewHandler } from "@/lib/editor-api";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return previewHandler(request);
}
