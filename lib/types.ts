/**
 * The domain of Libya Control Atlas. One name per concept:
 * a *place* (region, city or drawn area) has a stable id; a *claim* says something about
 * a place at a date and cites a *source*; an *actor* is a named force that aligns with a
 * *side* over time; a side is what gets a colour.
 */
import type { Geometry, Point } from "geojson";
import type { DatePeriod, Precision } from "./dates";

export type PlaceKind = "region" | "city" | "area";

export interface Place {
  id: string;
  kind: PlaceKind;
  name: string;
  nameAr: string | null;
  alternates: string[];
  population: number | null;
  /** District (region id) a city or area lies in; null for regions. */
  region: string | null;
  category: string | null;
  geometry: Geometry;
  /** A point to put a label or marker on (a city's own point). */
  labelPoint: Point;
  /** Area in km² (0 for points). */
  areaKm2: number;
  /** True when no source gave coordinates and the point was placed relative to other places. */
  approximate?: boolean;
}

export type PatternId = "solid" | "diagonal" | "cross" | "dots" | "horizontal" | "vertical" | "zigzag" | "grid";

export interface Side {
  id: string;
  name: string;
  nameAr: string;
  short: string;
  color: string;
  pattern: PatternId;
  description: string;
  /**
   * Last day the side existed. A place still held by the side after it is handed to the
   * successor (uncertain, since no claim says so) or, without a successor, becomes unknown.
   */
  until?: string;
  successor?: string;
}

export interface Alignment {
  side: string;
  from: string;
  /** Inclusive last day; absent while the alignment lasts. */
  to?: string;
}

export interface Actor {
  id: string;
  name: string;
  nameAr?: string;
  aliases: string[];
  alignments: Alignment[];
  notes?: string;
}

export interface Source {
  id: string;
  title: string;
  publisher: string;
  url: string;
  published: string;
  language: string;
  text?: string;
  /** File the source and its claims were read from, relative to data/. */
  file: string;
}

/** What a citation shows of a source (no stored text, no file path). */
export type SourceMeta = Omit<Source, "text" | "file">;

export const CLAIM_STATUSES = ["controls", "captured", "lost", "withdrew", "contested", "offensive"] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export type Confidence = "low" | "medium" | "high";

export interface Claim {
  id: string;
  place: string;
  actor?: string;
  side?: string;
  status: ClaimStatus;
  date: string;
  quote?: string;
  paraphrase?: string;
  confidence: Confidence;
  notes?: string;
  source: string;
}

/** A claim with its date parsed and its side resolved for its date. */
export interface ResolvedClaim extends Claim {
  period: DatePeriod;
  precision: Precision;
  /** The side the claim's actor was aligned with at the start of the claim's period. */
  sideId: string;
  /** Day the engine applies the claim (start of its period, or the precise claim it corroborates). */
  effectiveDay: number;
}

export interface Dataset {
  places: Place[];
  sides: Side[];
  actors: Actor[];
  sources: Source[];
  claims: ResolvedClaim[];
  version: string;
}
