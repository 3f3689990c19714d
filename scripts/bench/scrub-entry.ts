/**
 * Bundled into the bench:scrub page: a synthetic grid of polygons with control changes, drawn
 * the atlas's way (one Canvas renderer, the engine's index, setStyle on changed features only)
 * and as Leaflet.timeline features (one feature per polygon per interval) for the baseline.
 */
import { AtlasCanvas } from "../../components/atlas-canvas";
import { buildIndex, controlAt, type PlaceState } from "../../lib/control-index";
import { cachedLookOf } from "../../lib/map-style";
import { resolveClaims } from "../../lib/resolve";
import type { Actor, Claim, Place } from "../../lib/types";

declare const L: typeof import("leaflet");

const SIDES = ["gna", "lna", "isil", "local"];
const COLORS = new Map([["gna", "#0072B2"], ["lna", "#D55E00"], ["isil", "#1A1A1A"], ["local", "#F0E442"]]);
const ACTORS: Actor[] = SIDES.map((s) => ({ id: s, name: s, aliases: [], alignments: [{ side: s, from: "2011-01-01" }] }));
export const START = Date.UTC(2011, 0, 1) / 864e5;
export const END = Date.UTC(2020, 11, 31) / 864e5;

function rng(seed: number) {
  return () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const iso = (d: number) => new Date(d * 864e5).toISOString().slice(0, 10);

export function makeData(n: number, changes: number) {
  const rand = rng(7);
  const side = Math.ceil(Math.sqrt(n));
  const size = 16 / side;
  const places: Place[] = [];
  const claims: Claim[] = [];
  const timeline: GeoJSON.Feature[] = [];
  for (let i = 0; i < n; i++) {
    const x = 9 + (i % side) * size, y = 19 + Math.floor(i / side) * size * 0.9;
    const ring = [[x, y], [x + size, y], [x + size, y + size * 0.9], [x, y + size * 0.9], [x, y]];
    const geometry: GeoJSON.Polygon = { type: "Polygon", coordinates: [ring] };
    places.push({ id: `p${i}`, kind: "region", name: `p${i}`, nameAr: null, alternates: [], population: 1, region: null, category: null, geometry, labelPoint: { type: "Point", coordinates: [x, y] }, areaKm2: 1 });
    const days = Array.from({ length: changes }, () => START + Math.floor(rand() * (END - START))).sort((a, b) => a - b);
    let prevDay = START, prevSide: string | null = null;
    days.forEach((d, k) => {
      const s = SIDES[Math.floor(rand() * SIDES.length)]!;
      claims.push({ id: `c${i}-${k}`, place: `p${i}`, actor: s, status: "captured", date: iso(d), quote: "q", confidence: "high", source: "s" });
      if (prevSide) timeline.push({ type: "Feature", properties: { start: prevDay, end: d, color: COLORS.get(prevSide) }, geometry });
      prevDay = d;
      prevSide = s;
    });
    if (prevSide) timeline.push({ type: "Feature", properties: { start: prevDay, end: END + 1, color: COLORS.get(prevSide) }, geometry });
  }
  return { places, claims: resolveClaims(claims, ACTORS), timeline };
}

/** The atlas's path: index once; per step controlAt + setStyle where the look changed. */
export function setupOurs(map: L.Map, data: ReturnType<typeof makeData>) {
  const index = buildIndex({ places: data.places, claims: data.claims });
  const renderer = new AtlasCanvas();
  const layers = data.places.map((p) => L.geoJSON(p.geometry as never, { renderer } as L.GeoJSONOptions).getLayers()[0] as L.Path);
  const group = L.layerGroup(layers).addTo(map);
  const keys: string[] = [];
  const out: PlaceState[] = new Array(data.places.length);
  const drawn: (PlaceState | undefined)[] = new Array(data.places.length);
  const styles = new Map<string, L.PathOptions>();
  return {
    group,
    step(day: number) {
      controlAt(index, day, out);
      for (let i = 0; i < layers.length; i++) {
        // States are shared, immutable segment objects: the same object means nothing to do.
        if (drawn[i] === out[i]) continue;
        drawn[i] = out[i];
        const look = cachedLookOf(out[i]!, COLORS);
        if (keys[i] === look.key) continue;
        keys[i] = look.key;
        let style = styles.get(look.key);
        if (!style) styles.set(look.key, (style = { fillColor: look.fill, fillOpacity: look.fillOpacity, color: "#555", weight: 0.5 }));
        layers[i]!.setStyle(style);
      }
    },
  };
}

/**
 * The baseline: Leaflet.timeline over the same changes, drawn by the same renderer as ours
 * (so the comparison is of the update strategies alone).
 */
export function setupTimeline(map: L.Map, data: ReturnType<typeof makeData>) {
  const renderer = new AtlasCanvas();
  const tl = (L as unknown as { timeline: (d: unknown, o: unknown) => L.Layer & { setTime(t: number): void } }).timeline(
    { type: "FeatureCollection", features: data.timeline },
    {
      getInterval: (f: GeoJSON.Feature) => ({ start: f.properties!.start, end: f.properties!.end }),
      style: (f: GeoJSON.Feature) => ({ fillColor: f.properties!.color, fillOpacity: 0.6, color: "#555", weight: 0.5 }),
      renderer,
    },
  );
  tl.addTo(map);
  return { group: tl, step: (day: number) => tl.setTime(day) };
}
