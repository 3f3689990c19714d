import { loadDataset } from "@/lib/data-files";
import { toAtlasPayload } from "@/lib/payload";

// Built once at build time: the data only changes with a deploy.
export const dynamic = "force-static";

export function GET() {
  return Response.json(toAtlasPayload(loadDataset()), { headers: { "Cache-Control": "public, max-age=300, s-maxage=86400" } });
}
