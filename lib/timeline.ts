/**
 * What is derived from the control index: a place's history, territory per side at a day
 * and through time, and the difference between two days.
 */
import { controlAt, stateKey, stateOf, type ControlIndex, type PlaceState } from "./control-index";
import type { ResolvedClaim } from "./types";

export interface HistoryInterval {
  /** First day (inclusive). */
  from: number;
  /** Last day (inclusive), or null while it lasts. */
  to: number | null;
  state: PlaceState;
}

/** A place's history as intervals of unchanged state, oldest first (unknown stretches included). */
export function historyOf(index: ControlIndex, placeId: string): HistoryInterval[] {
  const i = index.placeIndex.get(placeId);
  if (i === undefined) return [];
  const out: HistoryInterval[] = [];
  const push = (from: number, state: PlaceState) => {
    const last = out[out.length - 1];
    if (last && stateKey(last.state) === stateKey(state)) return;
    if (last) last.to = from - 1;
    out.push({ from, to: null, state });
  };
  const segments = index.segments[i]!;
  segments.forEach((seg, k) => {
    // A segment reads uncertain until certainFrom, but only while it lasts: a certainty day
    // on or after the next segment's start never shows.
    const end = segments[k + 1]?.start ?? Infinity;
    if (seg.certainFrom > seg.start) push(seg.start, seg.uncertain);
    if (seg.certainFrom < end) push(Math.max(seg.start, seg.certainFrom), seg.state);
  });
  return out;
}

export interface Totals {
  /** Per side id (plus "contested", "mixed" shares folded into sides, and "unknown"). */
  [side: string]: { areaKm2: number; population: number };
}

/**
 * Area and population per side over the districts (which tile the country). A contested
 * district counts under "contested"; a mixed one is shared by its sides' population shares.
 */
export function totalsFromStates(index: ControlIndex, states: PlaceState[]): Totals {
  const totals: Totals = {};
  const add = (key: string, area: number, pop: number) => {
    const t = (totals[key] ??= { areaKm2: 0, population: 0 });
    t.areaKm2 += area;
    t.population += pop;
  };
  index.places.forEach((p, i) => {
    if (p.kind !== "region") return;
    const s = states[i]!;
    const pop = p.population ?? 0;
    switch (s.status) {
      case "held": add(s.side, p.areaKm2, pop); break;
      case "contested": add("contested", p.areaKm2, pop); break;
      case "mixed": for (const sh of s.shares) add(sh.side, p.areaKm2 * sh.share, pop * sh.share); break;
      case "unknown": add("unknown", p.areaKm2, pop); break;
    }
  });
  for (const t of Object.values(totals)) {
    t.areaKm2 = Math.round(t.areaKm2);
    t.population = Math.round(t.population);
  }
  return totals;
}

/** Territory per side on one day. */
export function totalsAt(index: ControlIndex, day: number): Totals {
  return totalsFromStates(index, controlAt(index, day));
}

export interface SeriesPoint {
  day: number;
  totals: Totals;
}

/** Territory per side at every change day (a step function: each point holds until the next). */
export function territorySeries(index: ControlIndex): SeriesPoint[] {
  const buf = new Array(index.places.length);
  return index.changeDays.map((day) => ({ day, totals: totalsFromStates(index, controlAt(index, day, buf)) }));
}

export interface Change {
  placeId: string;
  before: PlaceState;
  after: PlaceState;
  /** Claims about the place (or, for a district derived from its towns, about those towns) dated in (from, to]. */
  claims: ResolvedClaim[];
}

/** Places whose state differs between two days, with the claims that explain each change. */
export function changesBetween(index: ControlIndex, from: number, to: number): Change[] {
  const [a, b] = from <= to ? [from, to] : [to, from];
  const before = controlAt(index, a);
  const after = controlAt(index, b);
  const out: Change[] = [];
  index.places.forEach((p, i) => {
    if (stateKey(before[i]!) === stateKey(after[i]!)) return;
    const own = index.claimsByPlace[i]!.filter((c) => c.effectiveDay > a && c.effectiveDay <= b);
    const kids = own.length ? [] : index.children[i]!.flatMap((k) => index.claimsByPlace[k]!.filter((c) => c.effectiveDay > a && c.effectiveDay <= b));
    out.push({ placeId: p.id, before: before[i]!, after: after[i]!, claims: [...own, ...kids].sort((x, y) => x.effectiveDay - y.effectiveDay) });
  });
  return out;
}

/** Claims about a place on or before a day that disagree with its state then (other holders). */
export function disagreeingClaims(index: ControlIndex, placeId: string, day: number): ResolvedClaim[] {
  const i = index.placeIndex.get(placeId);
  if (i === undefined) return [];
  const state = stateOf(index, placeId, day);
  const since = state.since ?? -Infinity;
  const inPlay = index.claimsByPlace[i]!.filter((c) => c.effectiveDay <= day && c.period.end >= since);
  const holders = state.status === "held" ? [state.side] : state.status === "contested" ? state.sides : [];
  return inPlay.filter((c) => (c.status === "controls" || c.status === "captured") && !holders.includes(c.sideId));
}
