/**
 * The permalink: the URL holds the date, the selected place, the compare date and the map
 * view, so any state can be shared and reloaded exactly. Parsing never throws: a bad value
 * is dropped (and reported), never trusted.
 */
import { dayToIso, parseDay } from "./dates";

export interface View {
  lat: number;
  lon: number;
  zoom: number;
}

export interface UrlState {
  day: number | null;
  place: string | null;
  compare: number | null;
  view: View | null;
}

export interface UrlProblem {
  param: string;
  expected: string;
  got: string;
}

const PLACE_RE = /^(?:[a-z0-9]+(?:-[a-z0-9]+)*|LY-[A-Z]{2})$/;

/** Reads the permalink parameters; invalid ones come back as problems, not values. */
export function parseUrlState(params: URLSearchParams, bounds: { min: number; max: number }): { state: UrlState; problems: UrlProblem[] } {
  const problems: UrlProblem[] = [];
  const day = (name: string): number | null => {
    const raw = params.get(name);
    if (raw === null || raw === "") return null;
    const d = parseDay(raw);
    if (d === null || d < bounds.min || d > bounds.max) {
      problems.push({ param: name, expected: `a date YYYY-MM-DD between ${dayToIso(bounds.min)} and ${dayToIso(bounds.max)}`, got: raw.slice(0, 40) });
      return null;
    }
    return d;
  };
  const placeRaw = params.get("place");
  let place: string | null = null;
  if (placeRaw) {
    if (PLACE_RE.test(placeRaw)) place = placeRaw;
    else problems.push({ param: "place", expected: "a place id like 'sirte' or 'LY-TB'", got: placeRaw.slice(0, 40) });
  }
  let view: View | null = null;
  const v = params.get("view");
  if (v) {
    const m = /^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?),(\d{1,2}(?:\.\d+)?)$/.exec(v);
    const [lat, lon, zoom] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [NaN, NaN, NaN];
    if (m && Math.abs(lat) <= 85 && Math.abs(lon) <= 180 && zoom >= 3 && zoom <= 14) view = { lat, lon, zoom };
    else problems.push({ param: "view", expected: "lat,lon,zoom (zoom 3–14)", got: v.slice(0, 40) });
  }
  return { state: { day: day("date"), place, compare: day("compare"), view }, problems };
}

/** The query string for a state (only what is set). */
export function formatUrlState(s: UrlState, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (s.day !== null) p.set("date", dayToIso(s.day));
  if (s.place) p.set("place", s.place);
  if (s.compare !== null) p.set("compare", dayToIso(s.compare));
  if (s.view) p.set("view", `${s.view.lat.toFixed(3)},${s.view.lon.toFixed(3)},${Math.round(s.view.zoom * 10) / 10}`);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const q = p.toString();
  return q ? `?${q}` : "";
}
