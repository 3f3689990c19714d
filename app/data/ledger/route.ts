import { loadDataset } from "@/lib/data-files";
import { toLedgerPayload } from "@/lib/payload";

export const dynamic = "force-static";

export function GET() {
  return Response.json(toLedgerPayload(loadDataset()), { headers: { "Cache-Control": "public, max-age=300, s-maxage=86400" } });
}
