"use client";
/**
 * Small maps for the editor (plain SVG, equirectangular, Libya and its neighbours): enough to
 * see that a pasted shape sits where it should, and how the places a claim touches change colour.
 * Input shapes are not trusted: anything that is not a position is skipped.
 */
import useSWRImmutable from "swr/immutable";
import type { FeatureCollection, Position } from "geojson";
import { fetchJson } from "@/components/use-atlas";
import styles from "./editor.module.css";

const [W, S, E, N] = [8, 18, 27, 35];
const SCALE = 24;
const x = (lon: number) => (lon - W) * SCALE;
const y = (lat: number) => (N - lat) * SCALE * 1.1;

type Rings = Position[][];

/** Rings and lines of any geometry, and its points, without trusting the input's shape. */
function shapes(g: unknown): { rings: Rings; points: Position[] } {
  const out = { rings: [] as Rings, points: [] as Position[] };
  const isPos = (p: unknown): p is Position => Array.isArray(p) && typeof p[0] === "number" && typeof p[1] === "number";
  const walk = (c: unknown, depth: number) => {
    if (!Array.isArray(c)) return;
    if (depth === 0) {
      if (isPos(c)) out.points.push(c);
    } else if (depth === 1) {
      const ring = c.filter(isPos);
      if (ring.length) out.rings.push(ring);
    } else c.forEach((k) => walk(k, depth - 1));
  };
  const geom = g as { type?: string; coordinates?: unknown } | null;
  const depth = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }[String(geom?.type)] ?? -1;
  if (geom?.type === "MultiPoint" && Array.isArray(geom.coordinates)) geom.coordinates.forEach((p) => walk(p, 0));
  else if (depth >= 0) walk(geom?.coordinates, depth);
  return out;
}

const pathOf = (rings: Rings) => rings.map((r) => `M${r.map((p) => `${x(p[0]!).toFixed(1)},${y(p[1]!).toFixed(1)}`).join("L")}`).join(" ");

/** One shape to draw. */
export interface SketchLayer {
  key: string;
  geometry: unknown;
  color: string;
  /** Fill opacity of polygons (points are solid). */
  fill?: number;
  dashed?: boolean;
  title: string;
}

/** An SVG map of the layers over the base map. */
export function SketchMap({ layers, label, caption }: { layers: SketchLayer[]; label: string; caption: string }) {
  const { data: basemap } = useSWRImmutable<FeatureCollection>("/basemap.geojson", fetchJson);
  // Polygons first, points on top.
  const drawn = layers.map((l) => ({ ...l, ...shapes(l.geometry) }));
  return (
    <figure className={styles.sketch}>
      <svg viewBox={`0 0 ${(E - W) * SCALE} ${(N - S) * SCALE * 1.1}`} role="img" aria-label={label}>
        <rect width="100%" height="100%" fill="#dfe9f0" />
        {basemap?.features.map((f, i) => <path key={i} d={pathOf(shapes(f.geometry).rings)} fill="#f4f1e8" stroke="#9a9a9a" strokeWidth={0.6} />)}
        {drawn.filter((l) => l.rings.length).map((l) => (
          <path key={`r-${l.key}`} d={pathOf(l.rings)} fill={l.color} fillOpacity={l.fill ?? 0.25} stroke={l.color} strokeWidth={1.5} strokeDasharray={l.dashed ? "5 3" : undefined}>
            <title>{l.title}</title>
          </path>
        ))}
        {drawn.flatMap((l) => l.points.map((p, k) => (
          <circle key={`p-${l.key}-${k}`} cx={x(p[0]!)} cy={y(p[1]!)} r={5} fill={l.color} stroke={l.dashed ? "#000" : "#fff"} strokeDasharray={l.dashed ? "2 2" : undefined}>
            <title>{l.title}</title>
          </circle>
        )))}
      </svg>
      <figcaption className="muted">{caption}</figcaption>
    </figure>
  );
}

/** The pasted features in blue, those with problems in red. */
export default function GeoJsonSketch({ geojson, badIds }: { geojson: unknown; badIds: Set<string> }) {
  const g = geojson as { type?: string; features?: unknown[] } | null;
  const features = (g?.type === "FeatureCollection" && Array.isArray(g.features) ? g.features : [g]) as ({ properties?: { id?: unknown }; geometry?: unknown } | null)[];
  const layers = features.map((f, i) => {
    const id = typeof f?.properties?.id === "string" ? f.properties.id : `#${i}`;
    const bad = badIds.has(id);
    return { key: `${id}-${i}`, geometry: f?.geometry, color: bad ? "#c00" : "#0072B2", title: `${id}${bad ? " (has problems)" : ""}` };
  });
  return <SketchMap layers={layers} label="Sketch of the pasted features over Libya" caption="Blue: the pasted features; red: features with problems. Libya's neighbourhood, 8–27°E, 18–35°N." />;
}
