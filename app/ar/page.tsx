import type { Metadata } from "next";
import AtlasPage, { atlasMetadata, type SearchParams } from "../atlas-page";

/** The atlas in Arabic, right to left; same permalink parameters as /. */
export function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  return atlasMetadata("ar", searchParams);
}

export default function ArabicHome({ searchParams }: { searchParams: SearchParams }) {
  return <AtlasPage lang="ar" searchParams={searchParams} />;
}
