import { loadDataset } from "@/lib/data-files";
import { toLedgerPayload } from "@/lib/payload";
import { dataPayloadResponse } from "../headers";

export const dynamic = "force-static";

export function GET() {
  return dataPayloadResponse(toLedgerPayload(loadDataset()));
}
