import { sessionHandler } from "@/lib/editor-api";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return sessionHandler(request);
}
