/**
 * The map's Canvas renderer: Leaflet's, with three changes.
 * - Fills can be hatched with several colours (contested and mixed places).
 * - The 2D context is created `desynchronized`. Chromium re-copies an ordinary canvas's whole
 *   bitmap into a new compositor resource on every frame in which anything on the page changed
 *   (each slider step: the date text, the thumb), drawn on or not: about 1–2 ms of main thread
 *   per canvas per step at 1,600 × 700 (`npm run bench:scrub`). A desynchronized canvas is
 *   handed over only when drawn on, and more cheaply. Browsers that do not know the attribute
 *   ignore it. Leaflet redraws a changed region in one task (clear, then draw), so a frame
 *   never shows it half drawn in practice.
 * - With `contentBounds`, the canvas covers only the part of the view (plus padding) where its
 *   layers can be: at the whole-country view that is under a third of the pixels, and every
 *   pixel costs when a step redraws (raster and hand-over to the compositor).
 * The benchmark (scripts/bench/scrub-entry.ts) draws its synthetic map with this same class.
 */
import L from "leaflet";
import { makeHatch } from "./hatch";

type HatchPath = L.Path & { options: L.PathOptions & { hatch?: string[] | null; _dashArray?: number[] } };

export interface AtlasCanvasOptions extends L.RendererOptions {
  /** Where the layers are: the canvas need not extend beyond these (plus a margin for markers and strokes). */
  contentBounds?: L.LatLngBounds;
}

/** Pixels around contentBounds for circle markers and strokes that reach past the coordinates. */
const CONTENT_MARGIN = 24;

interface AtlasCanvasInternals {
  options: AtlasCanvasOptions;
  _map: L.Map & { _animatingZoom?: boolean; _getNewPixelOrigin(center: L.LatLng, zoom?: number): L.Point };
  _bounds: L.Bounds;
  _center: L.LatLng;
  _zoom: number;
  /** The map's pixel origin when the canvas was last placed. */
  _origin?: L.Point;
  _container: HTMLCanvasElement;
  _ctx: CanvasRenderingContext2D;
  fire(type: string): void;
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

  // Leaflet's Canvas._update, with the bounds cut to contentBounds.
  _update(this: AtlasCanvasInternals) {
    if (this._map._animatingZoom && this._bounds) return;
    (L.Renderer.prototype as unknown as { _update(this: unknown): void })._update.call(this);
    const content = this.options.contentBounds;
    if (content) {
      const nw = this._map.latLngToLayerPoint(content.getNorthWest());
      const se = this._map.latLngToLayerPoint(content.getSouthEast());
      const b = this._bounds;
      const min = L.point(Math.max(b.min!.x, Math.floor(nw.x) - CONTENT_MARGIN), Math.max(b.min!.y, Math.floor(nw.y) - CONTENT_MARGIN));
      const max = L.point(Math.min(b.max!.x, Math.ceil(se.x) + CONTENT_MARGIN), Math.min(b.max!.y, Math.ceil(se.y) + CONTENT_MARGIN));
      // None of the content in view: a 1-pixel canvas at the view's corner.
      this._bounds = max.x > min.x && max.y > min.y ? L.bounds(min, max) : L.bounds(b.min!, b.min!.add([1, 1]));
    }
    this._origin = this._map.getPixelOrigin();
    const b = this._bounds, size = b.getSize(), m = L.Browser.retina ? 2 : 1;
    const container = this._container;
    L.DomUtil.setPosition(container, b.min!);
    container.width = m * size.x;
    container.height = m * size.y;
    container.style.width = `${size.x}px`;
    container.style.height = `${size.y}px`;
    if (L.Browser.retina) this._ctx.scale(2, 2);
    this._ctx.translate(-b.min!.x, -b.min!.y);
    this.fire("update");
  },

  // Leaflet's Renderer._updateTransform (zoom animation, flyTo), for a canvas whose corner need
  // not be the padded view's: the corner keeps its offset from the old centre, scaled.
  _updateTransform(this: AtlasCanvasInternals, center: L.LatLng, zoom: number) {
    const map = this._map;
    const scale = map.getZoomScale(zoom, this._zoom);
    const oldCentre = map.project(this._center, this._zoom).subtract(this._origin ?? map.getPixelOrigin());
    const topLeft = this._bounds.min!.subtract(oldCentre).multiplyBy(scale)
      .add(map.project(this._center, zoom)).subtract(map._getNewPixelOrigin(center, zoom));
    if (L.Browser.any3d) L.DomUtil.setTransform(this._container, topLeft, scale);
    else L.DomUtil.setPosition(this._container, topLeft);
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
}) as unknown as new (options?: AtlasCanvasOptions) => L.Canvas;
