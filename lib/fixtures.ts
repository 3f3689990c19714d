/**
 * Small, named building blocks for engine tests and benchmarks: places on a grid, actors
 * that map one-to-one onto sides, and claims written in one line each.
 */
import { resolveClaims } from "./resolve";
import type { Actor, Claim, ClaimStatus, Place, ResolvedClaim } from "./types";

export const TEST_SIDES = ["ntc", "gaddafi", "gna", "lna", "isil", "shura", "local", "interim"];

/** One actor per side, named after it, aligned for all time. */
export const TEST_ACTORS: Actor[] = TEST_SIDES.map((s) => ({ id: s, name: s, aliases: [], alignments: [{ side: s, from: "2011-01-01" }] }));

/** A town as a point with a population, inside `region`. */
export function town(id: string, options: { region?: string; population?: number; lon?: number; lat?: number } = {}): Place {
  const coordinates = [options.lon ?? 13, options.lat ?? 32];
  return {
    id, kind: "city", name: id, nameAr: null, alternates: [], population: options.population ?? null,
    region: options.region ?? null, category: "town", geometry: { type: "Point", coordinates },
    labelPoint: { type: "Point", coordinates }, areaKm2: 0,
  };
}

/** A square district of `size` degrees with its south-west corner at (lon, lat). */
export function district(id: string, lon = 10, lat = 25, size = 1): Place {
  const ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]];
  return {
    id, kind: "region", name: id, nameAr: null, alternates: [], population: null, region: null, category: null,
    geometry: { type: "Polygon", coordinates: [ring] }, labelPoint: { type: "Point", coordinates: [lon + size / 2, lat + size / 2] }, areaKm2: 100,
  };
}

let seq = 0;
/** claim("tripoli", "gna", "captured", "2016-03-30") — actor = side. */
export function claim(place: string, side: string, status: ClaimStatus, date: string, extra: Partial<Claim> = {}): Claim {
  seq += 1;
  return { id: extra.id ?? `c${seq}`, place, actor: side, status, date, quote: "q", confidence: "high", source: "s", ...extra };
}

/** Resolves claims against the test actors. */
export function resolved(claims: Claim[]): ResolvedClaim[] {
  return resolveClaims(claims, TEST_ACTORS);
}
