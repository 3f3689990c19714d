/**
 * Data → what to draw: the look of a place in a given state. Pure, so the map only applies
 * it (Leaflet setStyle) and tests can pin it.
 */
import type { PlaceState } from "./control-index";
import type { Side } from "./types";

export const UNKNOWN_COLOR = "#BDBDBD";
export const MIXED_COLOR = "#8C8C8C";

export interface PlaceLook {
  /** Solid fill colour (the first stripe colour when hatched). */
  fill: string;
  /** Two or more colours to hatch with (contested, mixed); null for a solid fill. */
  hatch: string[] | null;
  fillOpacity: number;
  /** Dashed outline for uncertain states (fuzzy dates, inferred holders). */
  dashed: boolean;
  /** A key that changes exactly when the look changes: restyle only then. */
  key: string;
}

/** The look of a state, given the sides' colours. @example lookOf({status:"unknown",…}, sides).fill === UNKNOWN_COLOR */
export function lookOf(state: PlaceState, colors: Map<string, string>): PlaceLook {
  const c = (id: string) => colors.get(id) ?? MIXED_COLOR;
  let look: Omit<PlaceLook, "key">;
  switch (state.status) {
    case "held":
      look = { fill: c(state.side), hatch: null, fillOpacity: state.certain ? 0.62 : 0.34, dashed: !state.certain };
      break;
    case "contested": {
      const sides = [...state.sides].sort((a, b) => (a === state.holder ? -1 : b === state.holder ? 1 : a < b ? -1 : 1));
      look = { fill: c(sides[0]!), hatch: sides.map(c), fillOpacity: state.certain ? 0.7 : 0.4, dashed: !state.certain };
      break;
    }
    case "mixed":
      look = { fill: MIXED_COLOR, hatch: state.shares.filter((s) => s.side !== "contested").map((s) => c(s.side)), fillOpacity: state.certain ? 0.5 : 0.3, dashed: !state.certain };
      break;
    case "unknown":
      look = { fill: UNKNOWN_COLOR, hatch: null, fillOpacity: 0.18, dashed: false };
      break;
  }
  return { ...look, key: `${look.fill}|${look.hatch?.join(",") ?? ""}|${look.fillOpacity}|${look.dashed}` };
}

const lookCache = new WeakMap<Map<string, string>, WeakMap<PlaceState, PlaceLook>>();

/**
 * lookOf, remembered per state object. The engine's states are shared, immutable segment
 * objects, so on the slider path most looks are found, not rebuilt (no allocation per step).
 */
export function cachedLookOf(state: PlaceState, colors: Map<string, string>): PlaceLook {
  let byState = lookCache.get(colors);
  if (!byState) lookCache.set(colors, (byState = new WeakMap()));
  let look = byState.get(state);
  if (!look) byState.set(state, (look = lookOf(state, colors)));
  return look;
}

/** Side id → colour. */
export function sideColors(sides: Side[]): Map<string, string> {
  return new Map(sides.map((s) => [s.id, s.color]));
}

/** Marker radius in pixels for a town of a population (area ∝ population). */
export function markerRadius(population: number | null): number {
  if (!population) return 3.5;
  return Math.max(3.5, Math.min(14, Math.sqrt(population) / 60));
}
