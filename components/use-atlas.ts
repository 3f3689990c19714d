"use client";
import { useMemo } from "react";
import useSWRImmutable from "swr/immutable";
import { buildIndex, type ControlIndex } from "@/lib/control-index";
import { claimsFromPayload, type AtlasPayload, type LedgerPayload } from "@/lib/payload";
import { sideColors } from "@/lib/map-style";

/** The fetcher throws on a non-OK answer, so SWR shows an error state instead of bad data. */
export async function fetchJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) {
    let detail = "";
    try {
      const body = (await res.json()) as { error?: { param?: string; expected?: string } };
      if (body.error) detail = `: ${body.error.param ?? ""} ${body.error.expected ?? ""}`;
    } catch {
      // not JSON: the status says enough
    }
    throw new Error(`${url} answered ${res.status}${detail}`);
  }
  return (await res.json()) as T;
}

export interface Atlas {
  payload: AtlasPayload;
  index: ControlIndex;
  colors: Map<string, string>;
  placeById: Map<string, AtlasPayload["places"][number]>;
}

/** The engine payload, and the index built from it once. */
export function useAtlas() {
  const { data, error, isLoading, mutate } = useSWRImmutable<AtlasPayload>("/data/atlas", fetchJson);
  const atlas = useMemo<Atlas | null>(() => {
    if (!data) return null;
    const index = buildIndex({ places: data.places, claims: claimsFromPayload(data), sides: data.sides, actors: data.actors });
    return { payload: data, index, colors: sideColors(data.sides), placeById: new Map(data.places.map((p) => [p.id, p])) };
  }, [data]);
  return { atlas, error: error as Error | undefined, isLoading, retry: () => mutate() };
}

/** Quotes and sources, loaded when first needed. */
export function useLedger(enabled: boolean) {
  const { data, error, mutate } = useSWRImmutable<LedgerPayload>(enabled ? "/data/ledger" : null, fetchJson);
  return { ledger: data, error: error as Error | undefined, retry: () => mutate() };
}
