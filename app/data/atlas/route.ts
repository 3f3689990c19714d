import { loadDataset } from "@/lib/data-files";
import { toAtlasPayload } from "@/lib/payload";
import { dataPayloadResponse } from "../headers";

// Built once at build time: the data only changes with a deploy.
export const dynamic = "force-static";

export function GET() {
  return dataPayloadResponse(toAtlasPayload(loadDataset()));
}
