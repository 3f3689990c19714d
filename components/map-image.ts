/**
 * The map as a picture to take away: the places at the date redrawn from their GeoJSON
 * (equirectangular, lib/map-projection) onto a canvas, with a title, the date, the legend
 * and the credits drawn in. Independent of Leaflet and of what the screen shows, so the
 * picture is the same whatever the zoom. Loaded only when someone asks for a PNG.
 */
import type { FeatureCollection } from "geojson";
import type { PlaceState } from "@/lib/control-index";
import { lookOf, markerRadius } from "@/lib/map-style";
import { fitProjection, geometryPath, LIBYA_BOX } from "@/lib/map-projection";
import type { Place } from "@/lib/types";
import { makeHatch } from "./hatch";
import type { LegendRow } from "./Legend";

export interface MapImageInput {
  places: Place[];
  states: PlaceState[];
  colors: Map<string, string>;
  basemap: FeatureCollection | null;
  legend: LegendRow[];
  /** Column headings of the legend: side, area, people. */
  legendHead: [string, string, string];
  title: string;
  date: string;
  credits: string;
  dir: "ltr" | "rtl";
  percent: (share: number) => string;
}

const W = 1500, H = 1000, HEAD = 84, FOOT = 44, LEGEND_W = 420;
const NAME_W = 236;

/** Splits text into lines no wider than `width` at the current font, breaking at spaces and slashes. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const words = text.split(/(?<=[\s/])/);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && ctx.measureText(line + w).width > width) {
      lines.push(line.trim());
      line = w;
    } else line += w;
  }
  if (line.trim()) lines.push(line.trim());
  return lines;
}
const FONT = `system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Naskh Arabic", "DejaVu Sans", sans-serif`;

/** Draws the map image onto a new canvas. */
export function drawMapImage(input: MapImageInput): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2D canvas");
  const rtl = input.dir === "rtl";
  ctx.direction = input.dir;

  // Sea, then the map in the part of the picture the legend leaves free.
  ctx.fillStyle = "#dfe9f0";
  ctx.fillRect(0, 0, W, H);
  const mapX = rtl ? 0 : LEGEND_W;
  const project = fitProjection(LIBYA_BOX, W - LEGEND_W, H - HEAD - FOOT, { padding: 8 });
  ctx.save();
  ctx.translate(mapX, HEAD);
  ctx.beginPath();
  ctx.rect(0, 0, W - LEGEND_W, H - HEAD - FOOT);
  ctx.clip();
  if (input.basemap) {
    for (const f of input.basemap.features) {
      if (!f.geometry) continue;
      const path = new Path2D(geometryPath(f.geometry, project));
      ctx.fillStyle = f.properties?.name === "Libya" ? "#fbfaf6" : "#ecebe6";
      ctx.fill(path, "evenodd");
      ctx.strokeStyle = "#9a9a9a";
      ctx.lineWidth = 0.8;
      ctx.stroke(path);
    }
  }
  const rank = (p: Place) => (p.kind === "region" ? 0 : p.kind === "area" ? 1 : 2);
  const order = input.places.map((_, i) => i).sort((a, b) => rank(input.places[a]!) - rank(input.places[b]!) || (input.places[b]!.population ?? 0) - (input.places[a]!.population ?? 0));
  const patterns = new Map<string, CanvasPattern | null>();
  for (const i of order) {
    const p = input.places[i]!;
    const look = lookOf(input.states[i]!, input.colors);
    let path: Path2D;
    if (p.kind === "city") {
      const [x, y] = project(p.labelPoint.coordinates);
      path = new Path2D();
      path.arc(x, y, markerRadius(p.population) * 0.9, 0, Math.PI * 2);
    } else {
      const d = geometryPath(p.geometry, project);
      if (!d) continue;
      path = new Path2D(d);
    }
    let fill: string | CanvasPattern = look.fill;
    if (look.hatch && look.hatch.length > 1) {
      const key = look.hatch.join(",");
      if (!patterns.has(key)) patterns.set(key, makeHatch(ctx, look.hatch, 5));
      fill = patterns.get(key) ?? fill;
    }
    ctx.globalAlpha = p.kind === "city" ? Math.min(1, look.fillOpacity + 0.3) : look.fillOpacity;
    ctx.fillStyle = fill;
    ctx.fill(path, "evenodd");
    ctx.globalAlpha = p.kind === "city" ? 0.9 : 0.8;
    ctx.setLineDash(look.dashed ? [4, 4] : []);
    ctx.strokeStyle = p.kind === "city" ? "#333" : "#555";
    ctx.lineWidth = p.kind === "area" ? 1.5 : 0.9;
    ctx.stroke(path);
  }
  ctx.restore();
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);

  // Title and date across the top.
  const start = rtl ? W - 28 : 28;
  ctx.textAlign = "start";
  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = "rgba(255,255,255,0.92)";
  ctx.fillRect(0, 0, W, HEAD);
  ctx.fillStyle = "#1b1b1b";
  ctx.font = `700 30px ${FONT}`;
  ctx.fillText(input.title, start, 38);
  ctx.fillStyle = "#b00020";
  ctx.font = `700 28px ${FONT}`;
  ctx.fillText(input.date, start, 72);

  // Legend in its column: a chip, the side, its share of area and of people.
  const lx = rtl ? W - LEGEND_W : 0;
  ctx.fillStyle = "rgba(255,255,255,0.94)";
  ctx.fillRect(lx, HEAD, LEGEND_W, H - HEAD - FOOT);
  const col = (offset: number) => (rtl ? lx + LEGEND_W - offset : lx + offset);
  let y = HEAD + 40;
  ctx.font = `600 16px ${FONT}`;
  ctx.fillStyle = "#5b5b5b";
  ctx.textAlign = "start";
  ctx.fillText(input.legendHead[0], col(24), y);
  ctx.textAlign = "end";
  ctx.fillText(input.legendHead[1], col(340), y);
  ctx.fillText(input.legendHead[2], col(404), y);
  y += 14;
  for (const r of input.legend) {
    y += 34;
    ctx.font = `17px ${FONT}`;
    const lines = wrap(ctx, r.name, NAME_W);
    const chipX = rtl ? col(24) - 20 : col(24);
    if (r.hatch) {
      ctx.fillStyle = makeHatch(ctx, ["#0072B2", "#D55E00"], 4) ?? r.color;
    } else ctx.fillStyle = r.color;
    ctx.fillRect(chipX, y - 16, 20, 20);
    ctx.strokeStyle = "rgba(0,0,0,0.4)";
    ctx.lineWidth = 1;
    ctx.strokeRect(chipX, y - 16, 20, 20);
    ctx.fillStyle = "#1b1b1b";
    ctx.textAlign = "end";
    ctx.fillText(input.percent(r.area), col(340), y);
    ctx.fillText(input.percent(r.people), col(404), y);
    ctx.textAlign = "start";
    lines.forEach((line, i) => ctx.fillText(line, col(52), y + i * 21, NAME_W));
    y += (lines.length - 1) * 21;
  }

  // Credits along the bottom.
  ctx.fillStyle = "#fbfaf6";
  ctx.fillRect(0, H - FOOT, W, FOOT);
  ctx.fillStyle = "#444";
  ctx.font = `15px ${FONT}`;
  ctx.textAlign = "start";
  ctx.fillText(input.credits, start, H - 16, W - 56);
  return canvas;
}

/** The map image as a PNG blob. */
export function mapImagePng(input: MapImageInput): Promise<Blob> {
  const canvas = drawMapImage(input);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG encoding failed"))), "image/png"));
}
