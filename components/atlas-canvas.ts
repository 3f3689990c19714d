/**
 * The map's Canvas renderer: Leaflet's, with two changes.
 * - Fills can be hatched with several colours (contested and mixed places).
 * - The 2D context is created `desynchronized`: Chromium then hands the canvas to the
 *   compositor without copying the whole bitmap every frame it changed (about 2 ms of main
 *   thread per slider step on a 1,600 × 700 canvas without it; `npm run bench:scrub`).
 *   Browsers that do not know the attribute ignore it. Leaflet redraws a changed region in
 *   one task (clear, then draw), so a frame never shows it half drawn in practice.
 * The benchmark (scripts/bench/scrub-entry.ts) draws its synthetic map with this same class.
 */
import L from "leaflet";
import { makeHatch } from "./hatch";

type HatchPath = L.Path & { options: L.PathOptions & { hatch?: string[] | null; _dashArray?: number[] } };

interface AtlasCanvasInternals {
  _container: HTMLCanvasElement;
  _ctx: CanvasRenderingContext2D;
  _patterns?: Map<string, CanvasPattern | null>;
  _onMouseMove: () => void;
  _onClick: () => void;
  _handleMouseOut: () => void;
}

export const AtlasCanvas = L.Canvas.extend({
  // Leaflet's _initContainer (1.9.4) with the context attributes added.
  _initContainer(this: AtlasCanvasInternals) {
    const container = (this._container = document.createElement("canvas"));
    L.DomEvent.on(container, "mousemove", this._onMouseMove, this);
    L.DomEvent.on(container, "click dblclick mousedown mouseup contextmenu", this._onClick, this);
    L.DomEvent.on(container, "mouseout", this._handleMouseOut, this);
    (container as unknown as { _leaflet_disable_events: boolean })._leaflet_disable_events = true;
    this._ctx = container.getContext("2d", { desynchronized: true })!;
  },

  _fillStroke(this: AtlasCanvasInternals, ctx: CanvasRenderingContext2D, layer: HatchPath) {
    const o = layer.options;
    if (o.fill) {
      ctx.globalAlpha = o.fillOpacity ?? 0.2;
      let style: string | CanvasPattern = o.fillColor ?? o.color ?? "#000";
      if (o.hatch && o.hatch.length > 1) {
        this._patterns ??= new Map();
        const key = o.hatch.join(",");
        if (!this._patterns.has(key)) this._patterns.set(key, makeHatch(ctx, o.hatch));
        style = this._patterns.get(key) ?? style;
      }
      ctx.fillStyle = style;
      ctx.fill((o.fillRule as CanvasFillRule | undefined) ?? "evenodd");
    }
    if (o.stroke && o.weight !== 0) {
      ctx.setLineDash(o._dashArray ?? []);
      ctx.globalAlpha = o.opacity ?? 1;
      ctx.lineWidth = o.weight ?? 1;
      ctx.strokeStyle = o.color ?? "#000";
      ctx.lineCap = (o.lineCap as CanvasLineCap | undefined) ?? "round";
      ctx.lineJoin = (o.lineJoin as CanvasLineJoin | undefined) ?? "round";
      ctx.stroke();
    }
  },
}) as unknown as new (options?: L.RendererOptions) => L.Canvas;
