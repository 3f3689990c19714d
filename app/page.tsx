import type { Metadata } from "next";
import AtlasPage, { atlasMetadata, type SearchParams } from "./atlas-page";

export function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  return atlasMetadata("en", searchParams);
}

export default function Home({ searchParams }: { searchParams: SearchParams }) {
  return <AtlasPage lang="en" searchParams={searchParams} />;
}
