/**
 * A simple equirectangular projection (longitudes scaled by the cosine of the middle
 * latitude) fitted to a box, and GeoJSON geometry as SVG path data. Used to draw the map
 * off-screen: the PNG download (canvas, through Path2D) and the social preview image (SVG).
 */
import type { Geometry, Position } from "geojson";

export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Libya with a little of its neighbours around it. */
export const LIBYA_BOX: Bounds = { west: 9.0, south: 19.2, east: 25.5, north: 33.6 };

export interface Projection {
  /** [x, y] in pixels of a [lon, lat] position. */
  (position: Position): [number, number];
  width: number;
  height: number;
}

/**
 * Fits bounds into a width × height box (centred, keeping the aspect), with padding.
 * @example fitProjection(LIBYA_BOX, 1200, 630)([17, 27]) // ≈ the middle of the box
 */
export function fitProjection(bounds: Bounds, width: number, height: number, options: { padding?: number } = {}): Projection {
  const pad = options.padding ?? 0;
  const k = Math.cos((((bounds.north + bounds.south) / 2) * Math.PI) / 180);
  const w = (bounds.east - bounds.west) * k;
  const h = bounds.north - bounds.south;
  const scale = Math.min((width - 2 * pad) / w, (height - 2 * pad) / h);
  const x0 = (width - w * scale) / 2;
  const y0 = (height - h * scale) / 2;
  const project = ((p: Position) => [x0 + (p[0]! - bounds.west) * k * scale, y0 + (bounds.north - p[1]!) * scale]) as Projection;
  project.width = width;
  project.height = height;
  return project;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function ring(coords: Position[], project: Projection, close: boolean): string {
  let d = "";
  let last = "";
  coords.forEach((c, i) => {
    const [x, y] = project(c);
    const pt = `${r1(x)},${r1(y)}`;
    if (pt === last) return; // drop points that round onto the previous one
    d += `${i === 0 ? "M" : "L"}${pt}`;
    last = pt;
  });
  return close && d ? `${d}Z` : d;
}

/**
 * SVG path data of a geometry (polygons closed, lines open; points give ""), rounded to a
 * tenth of a pixel. @example geometryPath({ type: "LineString", coordinates: [[9,33],[10,33]] }, p) // "M…L…"
 */
export function geometryPath(geometry: Geometry, project: Projection): string {
  switch (geometry.type) {
    case "Polygon": return geometry.coordinates.map((r) => ring(r, project, true)).join("");
    case "MultiPolygon": return geometry.coordinates.map((poly) => poly.map((r) => ring(r, project, true)).join("")).join("");
    case "LineString": return ring(geometry.coordinates, project, false);
    case "MultiLineString": return geometry.coordinates.map((r) => ring(r, project, false)).join("");
    case "GeometryCollection": return geometry.geometries.map((g) => geometryPath(g, project)).join("");
    case "Point":
    case "MultiPoint":
      return "";
  }
}
