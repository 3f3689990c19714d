"use client";
/**
 * The Leaflet map. Layers are created once; a date change only restyles the features whose
 * look changed (Canvas renderer, setStyle), never rebuilds them.
 */
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useEffect, useMemo, useRef } from "react";
import { MapContainer, useMap } from "react-leaflet";
import type { FeatureCollection, MultiLineString } from "geojson";
import type { ControlIndex, PlaceState } from "@/lib/control-index";
import { frontLines, sharedBorders } from "@/lib/front-lines";
import { cachedLookOf, markerRadius, type PlaceLook } from "@/lib/map-style";
import type { View } from "@/lib/url-state";
import type { Place } from "@/lib/types";
import { AtlasCanvas } from "./atlas-canvas";
import { useI18n } from "./i18n";

export interface AtlasMapProps {
  places: Place[];
  index: ControlIndex;
  states: PlaceState[];
  colors: Map<string, string>;
  selected: string | null;
  highlighted: Set<string>;
  view: View | null;
  basemap: FeatureCollection | null;
  onSelect: (id: string) => void;
  onView: (v: View) => void;
}

const LIBYA_BOUNDS = L.latLngBounds([19.4, 9.3], [33.3, 25.2]);

function pathStyle(look: PlaceLook, kind: Place["kind"], selected: boolean, highlighted: boolean): L.PathOptions & { hatch: string[] | null } {
  const base = {
    fillColor: look.fill, fillOpacity: look.fillOpacity, hatch: look.hatch,
    dashArray: look.dashed ? "4 4" : undefined,
  };
  if (kind === "city") {
    return { ...base, color: selected ? "#000" : highlighted ? "#000" : "#333", weight: selected ? 3 : highlighted ? 2.5 : 1, opacity: 0.9, fillOpacity: Math.min(1, look.fillOpacity + 0.3) };
  }
  return { ...base, color: selected ? "#000" : highlighted ? "#111" : "#555", weight: selected ? 3 : highlighted ? 3 : kind === "area" ? 1.5 : 0.8, opacity: selected || highlighted ? 1 : 0.8 };
}

/** Draws the places once, then restyles only what changed. */
function PlaceLayers({ places, states, colors, selected, highlighted, basemap, onSelect }: Omit<AtlasMapProps, "view" | "onView" | "index">) {
  const map = useMap();
  const { lang } = useI18n();
  const layers = useRef<(L.Path | null)[]>([]);
  const keys = useRef<string[]>([]);
  const drawnStates = useRef<(PlaceState | undefined)[]>([]);
  const lastMarks = useRef<{ selected: string | null; highlighted: Set<string> | null; colors: Map<string, string> | null }>({ selected: null, highlighted: null, colors: null });
  const frontLayer = useRef<L.GeoJSON | null>(null);
  const frontKey = useRef("");
  const borders = useMemo(() => sharedBorders(places), [places]);
  const onSelectRef = useRef(onSelect);
  useEffect(function keepSelectHandler() {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  useEffect(function drawBasemap() {
    if (!basemap) return;
    map.createPane("basemap").style.zIndex = "150";
    // Its own canvas, created desynchronized too: Chromium re-copies an ordinary canvas's whole
    // bitmap on every frame the page changes (a slider step), even when nothing was drawn on it.
    const renderer = new AtlasCanvas({ pane: "basemap", padding: 0.1 });
    const layer = L.geoJSON(basemap, {
      pane: "basemap", interactive: false, renderer,
      style: (f) => ({ color: "#9a9a9a", weight: 0.7, fillColor: f?.properties?.name === "Libya" ? "#fbfaf6" : "#ecebe6", fillOpacity: 1 }),
    } as L.GeoJSONOptions).addTo(map);
    return () => {
      layer.remove();
    };
  }, [map, basemap]);

  useEffect(function drawPlaces() {
    const created: (L.Path | null)[] = [];
    const group = L.layerGroup().addTo(map);
    // Districts first (bottom), then areas, then towns on top; small towns last so big ones stay clickable.
    const order = places.map((_, i) => i).sort((a, b) => {
      // Approximately placed sites go under the towns they were placed at, so those stay clickable.
      const rank = (p: Place) => (p.kind === "region" ? 0 : p.kind === "area" ? 1 : p.approximate ? 2 : 3);
      const pa = places[a]!, pb = places[b]!;
      return rank(pa) - rank(pb) || (pb.population ?? 0) - (pa.population ?? 0);
    });
    for (const i of order) {
      const p = places[i]!;
      let layer: L.Path | null = null;
      if (p.kind === "city") {
        const [lon, lat] = (p.geometry as unknown as { coordinates: [number, number] }).coordinates;
        layer = L.circleMarker([lat, lon], { radius: markerRadius(p.population), bubblingMouseEvents: false });
      } else if (p.geometry.type !== "Point") {
        const gj = L.geoJSON(p.geometry as never, { bubblingMouseEvents: false } as L.GeoJSONOptions);
        layer = gj.getLayers()[0] as L.Path;
      }
      if (!layer) continue;
      // Both names, the page's language first.
      const names = p.nameAr ? (lang === "ar" ? `${p.nameAr} · ${p.name}` : `${p.name} · ${p.nameAr}`) : p.name;
      layer.bindTooltip(names, { sticky: p.kind !== "city", direction: "top" });
      layer.on("click", () => onSelectRef.current(p.id));
      (layer as L.Path & { placeId?: string }).placeId = p.id;
      group.addLayer(layer);
      created[i] = layer;
    }
    layers.current = created;
    keys.current = [];
    drawnStates.current = [];
    // Expose a tiny handle for tests and benchmarks (no effect on the app).
    (window as unknown as { __atlasMap?: unknown }).__atlasMap = { map, layers: created, places };
    return () => {
      group.remove();
    };
  }, [map, places, lang]);

  useEffect(function restyle() {
    const t0 = performance.now();
    let changed = 0;
    const marks = lastMarks.current;
    const marksChanged = marks.selected !== selected || marks.highlighted !== highlighted || marks.colors !== colors;
    let regionsChanged = false;
    for (let i = 0; i < places.length; i++) {
      const layer = layers.current[i];
      if (!layer) continue;
      // States are shared, immutable segment objects: the same object (and the same selection)
      // means this feature's look cannot have changed.
      if (!marksChanged && drawnStates.current[i] === states[i]) continue;
      drawnStates.current[i] = states[i];
      const p = places[i]!;
      if (p.kind === "region") regionsChanged = true;
      const look = cachedLookOf(states[i]!, colors);
      const isSel = p.id === selected;
      const isHi = highlighted.has(p.id);
      const key = `${look.key}|${isSel}|${isHi}`;
      if (keys.current[i] === key) continue;
      keys.current[i] = key;
      layer.setStyle(pathStyle(look, p.kind, isSel, isHi));
      changed++;
    }
    lastMarks.current = { selected, highlighted, colors };
    // Front lines change rarely: recompute only when a district changed, redraw only when the lines did.
    const byId = regionsChanged ? new Map(places.map((p, i) => [p.id, states[i]!])) : null;
    const fc = byId ? frontLines(borders, byId) : null;
    const fk = fc ? fc.features.map((f) => `${f.properties.a}-${f.properties.b}`).join("|") : frontKey.current;
    if (fc && fk !== frontKey.current) {
      frontKey.current = fk;
      frontLayer.current?.remove();
      frontLayer.current = L.geoJSON(fc as FeatureCollection<MultiLineString>, {
        interactive: false,
        style: () => ({ color: "#b00020", weight: 2.5, opacity: 0.85, dashArray: "6 3" }),
      }).addTo(map);
    }
    (window as unknown as { __atlasLastRestyle?: unknown }).__atlasLastRestyle = { ms: performance.now() - t0, changed };
  }, [map, places, states, colors, selected, highlighted, borders]);

  return null;
}

/** Fits Libya once the container has its final size (unless the permalink sets a view). */
function FitLibya({ hasView }: { hasView: boolean }) {
  const map = useMap();
  useEffect(function fitOnMount() {
    map.invalidateSize();
    if (!hasView) map.fitBounds(LIBYA_BOUNDS, { animate: false });
    // Only on mount: later views belong to the user.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map]);
  return null;
}

/** Keeps the map view and the permalink in step, both ways. */
function ViewSync({ view, onView }: { view: View | null; onView: (v: View) => void }) {
  const map = useMap();
  const last = useRef<string>("");
  useEffect(function applyView() {
    if (!view) return;
    const k = `${view.lat.toFixed(3)},${view.lon.toFixed(3)},${view.zoom}`;
    if (k === last.current) return;
    last.current = k;
    map.setView([view.lat, view.lon], view.zoom, { animate: false });
  }, [map, view]);
  useEffect(function reportView() {
    const handler = () => {
      const c = map.getCenter();
      const v = { lat: c.lat, lon: c.lng, zoom: map.getZoom() };
      last.current = `${v.lat.toFixed(3)},${v.lon.toFixed(3)},${v.zoom}`;
      onView(v);
    };
    map.on("moveend", handler);
    return () => {
      map.off("moveend", handler);
    };
  }, [map, onView]);
  return null;
}

export default function AtlasMap(props: AtlasMapProps) {
  // Places, areas and front lines all lie in Libya: the canvas need not cover the neighbours.
  const renderer = useMemo(() => new AtlasCanvas({ padding: 0.1, contentBounds: LIBYA_BOUNDS }), []);
  return (
    <MapContainer
      className="atlas-map"
      bounds={props.view ? undefined : LIBYA_BOUNDS}
      center={props.view ? [props.view.lat, props.view.lon] : undefined}
      zoom={props.view?.zoom}
      minZoom={4}
      maxZoom={13}
      renderer={renderer}
      preferCanvas
      attributionControl={false}
      zoomSnap={0.5}
    >
      <FitLibya hasView={props.view !== null} />
      <PlaceLayers {...props} />
      <ViewSync view={props.view} onView={props.onView} />
    </MapContainer>
  );
}
