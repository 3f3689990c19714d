import * as turf from "@turf/turf";
import type { Place } from "@/lib/types";

interface MapHandle {
  map: { flyTo(c: [number, number], z: number): void; flyToBounds(b: [[number, number], [number, number]], o: { maxZoom: number }): void; getZoom(): number };
}

/** Flies the map to a place (search). Reads the map handle the map exposes; no Leaflet import here. */
export function flyToPlace(place: Place | undefined) {
  const handle = (window as unknown as { __atlasMap?: MapHandle }).__atlasMap;
  if (!place || !handle) return;
  if (place.geometry.type === "Point") {
    const [lon, lat] = place.geometry.coordinates as [number, number];
    handle.map.flyTo([lat, lon], Math.max(handle.map.getZoom(), 9));
  } else {
    const [w, s, e, n] = turf.bbox(place.geometry);
    handle.map.flyToBounds([[s, w], [n, e]], { maxZoom: 9 });
  }
}
