/**
 * What the browser downloads to run the engine itself: places with geometry, sides, and
 * claims reduced to what the engine needs. Quotes and sources travel separately (the ledger),
 * loaded when an analyst opens a place.
 */
import type { DatePeriod } from "./dates";
import type { Actor, Dataset, Place, ResolvedClaim, Side, SourceMeta } from "./types";

export interface AtlasPayload {
  version: string;
  sides: Side[];
  /** Actors that changed sides, with their alignments: the engine moves their places with them. */
  actors: Pick<Actor, "id" | "name" | "aliases" | "alignments">[];
  places: Place[];
  /** [id, place, sideId, status, date, effectiveDay, periodStart, periodEnd, actor, confidence] */
  claims: [string, string, string, ResolvedClaim["status"], string, number, number, number, string, ResolvedClaim["confidence"]][];
}

export interface LedgerPayload {
  version: string;
  actors: Pick<Actor, "id" | "name" | "nameAr">[];
  sources: SourceMeta[];
  /** Claim id -> the words and judgement behind it. */
  claims: Record<string, { quote?: string; paraphrase?: string; confidence: ResolvedClaim["confidence"]; notes?: string; source: string }>;
}

const round = (n: number) => Math.round(n * 1e4) / 1e4;

function roundCoords(c: unknown): unknown {
  return Array.isArray(c) ? (typeof c[0] === "number" ? c.map((n: number) => round(n)) : c.map(roundCoords)) : c;
}

/** The engine payload of a dataset. */
export function toAtlasPayload(ds: Dataset): AtlasPayload {
  return {
    version: ds.version,
    sides: ds.sides,
    actors: ds.actors.filter((a) => a.alignments.length > 1).map((a) => ({ id: a.id, name: a.name, aliases: [], alignments: a.alignments })),
    places: ds.places.map((p) => ({ ...p, geometry: { ...p.geometry, coordinates: roundCoords((p.geometry as { coordinates: unknown }).coordinates) } as Place["geometry"] })),
    claims: ds.claims.map((c) => [c.id, c.place, c.sideId, c.status, c.date, c.effectiveDay, c.period.start, c.period.end, c.actor ?? c.side ?? "", c.confidence]),
  };
}

/** Claims as the engine wants them, from a payload. */
export function claimsFromPayload(p: AtlasPayload): ResolvedClaim[] {
  return p.claims.map(([id, place, sideId, status, date, effectiveDay, start, end, actor, confidence]) => {
    const precision: DatePeriod["precision"] = date.length === 4 ? "year" : date.length === 7 ? "month" : "day";
    const c: ResolvedClaim = {
      id, place, actor, side: undefined, status, date, quote: undefined, paraphrase: undefined, confidence, notes: undefined, source: "",
      period: { iso: date, precision, start, end }, precision, sideId, effectiveDay,
    };
    return c;
  });
}

/** The ledger payload: quotes, sources and actor names. */
export function toLedgerPayload(ds: Dataset): LedgerPayload {
  const claims: LedgerPayload["claims"] = {};
  for (const c of ds.claims) claims[c.id] = { quote: c.quote, paraphrase: c.paraphrase, confidence: c.confidence, notes: c.notes, source: c.source };
  return {
    version: ds.version,
    actors: ds.actors.map((a) => ({ id: a.id, name: a.name, ...(a.nameAr ? { nameAr: a.nameAr } : {}) })),
    sources: ds.sources.map(({ id, title, publisher, url, published, language }) => ({ id, title, publisher, url, published, language })),
    claims,
  };
}
