/**
 * Front lines: the stretches of border shared by two districts held by different sides.
 * Shared borders are found once with turf (lineOverlap on the district outlines); a date
 * then only picks the pairs whose holders differ.
 */
import * as turf from "@turf/turf";
import type { Feature, FeatureCollection, MultiLineString, Polygon, MultiPolygon } from "geojson";
import type { PlaceState } from "./control-index";
import type { Place } from "./types";

export interface SharedBorder {
  a: string;
  b: string;
  line: MultiLineString;
}

/** Every pair of districts that share a border, with the shared line. */
export function sharedBorders(places: Place[]): SharedBorder[] {
  const regions = places.filter((p) => p.kind === "region");
  const out: SharedBorder[] = [];
  const boxes = regions.map((r) => turf.bbox(r.geometry));
  for (let i = 0; i < regions.length; i++) {
    for (let j = i + 1; j < regions.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      if (a[0] > b[2] || b[0] > a[2] || a[1] > b[3] || b[1] > a[3]) continue;
      const la = turf.polygonToLine(regions[i]!.geometry as Polygon | MultiPolygon);
      const lb = turf.polygonToLine(regions[j]!.geometry as Polygon | MultiPolygon);
      const segs: number[][][] = [];
      for (const x of turf.flatten(la as never).features) {
        for (const y of turf.flatten(lb as never).features) {
          for (const o of turf.lineOverlap(x as never, y as never, { tolerance: 0.05 }).features) segs.push(o.geometry.coordinates);
        }
      }
      if (segs.length) out.push({ a: regions[i]!.id, b: regions[j]!.id, line: { type: "MultiLineString", coordinates: segs } });
    }
  }
  return out;
}

function holderOf(s: PlaceState | undefined): string | null {
  if (!s) return null;
  switch (s.status) {
    case "held": return s.side;
    case "contested": return "contested";
    case "mixed": return "mixed";
    case "unknown": return null;
  }
}

/**
 * Front lines at a day: shared borders whose two districts are held by different sides
 * (a contested or mixed district counts as its own "side"; unknown ones draw no line).
 */
export function frontLines(borders: SharedBorder[], stateById: Map<string, PlaceState>): FeatureCollection<MultiLineString, { a: string; b: string; sides: string[] }> {
  const features: Feature<MultiLineString, { a: string; b: string; sides: string[] }>[] = [];
  for (const br of borders) {
    const ha = holderOf(stateById.get(br.a));
    const hb = holderOf(stateById.get(br.b));
    if (!ha || !hb || ha === hb) continue;
    features.push({ type: "Feature", properties: { a: br.a, b: br.b, sides: [ha, hb] }, geometry: br.line });
  }
  return { type: "FeatureCollection", features };
}
