/**
 * The control engine: claims in, the state of every place on any day out.
 *
 * `buildIndex` sorts each place's claims once and turns them into segments (a state that
 * holds from a day until the next segment). `controlAt` is then one binary search per
 * place, with no allocation: the answer for a day is a set of prebuilt state objects.
 *
 * Rules (documented for editors in data/README.md, tested one by one in control-index.test.ts):
 * 1. The latest claims on or before the day decide (claims are grouped by the day they apply).
 * 2. Claims of the same day that name different holders make the place contested.
 * 3. `offensive`/`contested` keep the prior holder but mark the place contested until a later claim settles it.
 * 4. `lost`/`withdrew` end the actor's side's hold (the place becomes unknown unless someone else is fighting for it).
 * 5. A month- or year-precision claim counts from the start of its period (or from the precise claim
 *    it corroborates), and the state stays uncertain until the period ends.
 * 6. A district or drawn area with no claims of its own (or only older ones) takes its state from
 *    the towns in it, weighted by population: a side (or "contested") with more than half of the
 *    weight of the towns whose state is known decides; otherwise the place is mixed.
 */
import * as turf from "@turf/turf";
import type { Point } from "geojson";
import { parsePeriod } from "./dates";
import { effectOf } from "./resolve";
import type { Dataset, Place, ResolvedClaim } from "./types";

interface StateBase {
  /** Day the place entered this state. */
  since: number;
  /** False while a fuzzy (month/year) claim that decides the state is still inside its period. */
  certain: boolean;
  /** Claims that support the state, oldest first. */
  claims: string[];
  /** Claims of the deciding day that disagree with each other or with the state. */
  conflicts: string[];
  /** True when the state comes from the towns inside the place, not from its own claims. */
  derived: boolean;
}

export type PlaceState =
  | (StateBase & { status: "held"; side: string; previous: string | null })
  | (StateBase & { status: "contested"; sides: string[]; holder: string | null })
  | (StateBase & { status: "mixed"; shares: { side: string; share: number }[] })
  | { status: "unknown"; since: number | null; certain: true; claims: string[]; conflicts: string[]; derived: boolean };

export const UNKNOWN: PlaceState = Object.freeze({ status: "unknown", since: null, certain: true, claims: [], conflicts: [], derived: false }) as PlaceState;

interface Segment {
  start: number;
  certainFrom: number;
  /** The state as it reads from certainFrom on. */
  state: PlaceState;
  /** The same state with certain = false, for days before certainFrom. */
  uncertain: PlaceState;
  /** Claim ids applied on this segment's start day (the deciding claims). */
  decidedBy: string[];
}

export interface ControlIndex {
  places: Place[];
  placeIndex: Map<string, number>;
  /** Per place, segments sorted by start; starts duplicated in a typed array for the binary search. */
  segments: Segment[][];
  starts: Int32Array[];
  claimsByPlace: ResolvedClaim[][];
  /** Per composite place (region or area), the indexes of the towns it contains. */
  children: number[][];
  /** Every day on which some place changes state or certainty, ascending. */
  changeDays: number[];
}

/** A stable text key of a state (without its claims), to tell whether two states differ. */
export function stateKey(s: PlaceState): string {
  switch (s.status) {
    case "held": return `held:${s.side}${s.certain ? "" : "?"}`;
    case "contested": return `contested:${[...s.sides].sort().join("+")}${s.certain ? "" : "?"}`;
    case "mixed": return `mixed:${s.shares.map((x) => `${x.side}=${x.share.toFixed(2)}`).join(",")}${s.certain ? "" : "?"}`;
    case "unknown": return "unknown";
  }
}

function segmentOf(start: number, certainFrom: number, state: PlaceState, decidedBy: string[]): Segment {
  const uncertain = state.status === "unknown" ? state : ({ ...state, certain: false } as PlaceState);
  return { start, certainFrom, state: { ...state, certain: true } as PlaceState, uncertain, decidedBy };
}

/** Segments of a place from its own claims (rules 1–5). */
function ownSegments(claims: ResolvedClaim[]): Segment[] {
  const sorted = [...claims].sort((a, b) => a.effectiveDay - b.effectiveDay || (a.id < b.id ? -1 : 1));
  const segments: Segment[] = [];
  let state: PlaceState = UNKNOWN;
  // Day the current holder's uninterrupted hold began, for "held since".
  let holderSince = 0;
  for (let i = 0; i < sorted.length;) {
    const day = sorted[i]!.effectiveDay;
    const group: ResolvedClaim[] = [];
    while (i < sorted.length && sorted[i]!.effectiveDay === day) group.push(sorted[i++]!);

    const holds = new Map<string, string[]>();
    const losses = new Set<string>();
    const fights = new Set<string>();
    for (const c of group) {
      const e = effectOf(c.status);
      if (e === "hold") holds.set(c.sideId, [...(holds.get(c.sideId) ?? []), c.id]);
      else if (e === "loss") losses.add(c.sideId);
      else fights.add(c.sideId);
    }
    const ids = group.map((c) => c.id);
    const prevHolder = state.status === "held" ? state.side : state.status === "contested" ? state.holder : null;
    const prevSides = state.status === "contested" ? state.sides : state.status === "held" ? [state.side] : [];
    const continuing = (s: PlaceState) => (s.status === "held" || s.status === "contested" ? s.claims : []);
    let next: PlaceState;
    const base = { certain: true, derived: false } as const;

    if (holds.size >= 2) {
      // Rule 2: same-day claims naming different holders.
      const sides = [...new Set([...holds.keys(), ...fights])];
      next = { ...base, status: "contested", sides, holder: prevHolder, since: day, claims: ids, conflicts: [...holds.values()].flat() };
    } else if (holds.size === 1) {
      const [side, holdIds] = [...holds.entries()][0]!;
      if (losses.has(side)) {
        const conflicting = group.filter((c) => c.sideId === side).map((c) => c.id);
        next = { ...base, status: "contested", sides: [...new Set([side, ...(prevHolder ? [prevHolder] : []), ...fights])], holder: prevHolder, since: day, claims: ids, conflicts: conflicting };
      } else if ([...fights].some((f) => f !== side)) {
        next = { ...base, status: "contested", sides: [...new Set([side, ...fights])], holder: side, since: day, claims: ids, conflicts: [] };
        if (prevHolder !== side) holderSince = day;
      } else {
        const same = prevHolder === side;
        if (!same) holderSince = day;
        next = {
          ...base, status: "held", side, since: holderSince,
          previous: same && state.status === "held" ? state.previous : prevHolder,
          claims: same ? [...continuing(state), ...holdIds, ...ids.filter((x) => !holdIds.includes(x))] : ids, conflicts: [],
        };
      }
    } else {
      // No holder named: apply losses, then fighting.
      let holder = prevHolder && !losses.has(prevHolder) ? prevHolder : null;
      let sides = prevSides.filter((s) => !losses.has(s));
      if (fights.size > 0) {
        sides = [...new Set([...sides, ...fights])];
        next = { ...base, status: "contested", sides, holder, since: state.status === "contested" && holder === prevHolder ? state.since : day, claims: [...(state.status === "contested" ? state.claims : []), ...ids], conflicts: [] };
      } else if (state.status === "contested" && holder && sides.length === 1 && sides[0] === holder) {
        // The attackers pulled back: the holder holds on.
        next = { ...base, status: "held", side: holder, since: holderSince, previous: null, claims: [...state.claims, ...ids], conflicts: [] };
      } else if (sides.length > 0 && state.status === "contested") {
        holder = holder ?? null;
        next = { ...base, status: "contested", sides, holder, since: state.since, claims: [...state.claims, ...ids], conflicts: [] };
      } else if (state.status === "held" && holder) {
        // A side that did not hold the place withdrew or lost: nothing changes but the ledger.
        next = { ...state, claims: [...state.claims, ...ids] };
      } else {
        next = { status: "unknown", since: day, certain: true, claims: ids, conflicts: [], derived: false };
      }
    }
    let certainFrom = group.every((c) => c.precision === "day") ? day : Math.max(...group.map((c) => c.period.end + 1));
    // A fuzzy claim that only confirms a state already certain does not make it uncertain again.
    const prev = segments[segments.length - 1];
    if (prev && prev.certainFrom <= day && stateKey(prev.state) === stateKey(next)) certainFrom = day;
    segments.push(segmentOf(day, certainFrom, next, ids));
    state = next;
  }
  return segments;
}

/** When a side stops existing: its last day and who takes over its places (if anyone). */
export interface SideEnd {
  until: number;
  successor: string | null;
}

/**
 * Rule 7: a side that stopped existing (the NTC after the 2011 war, the interim government
 * after the 2014 split) cannot go on holding places. A state that still names it the day
 * after its end passes to its successor, uncertain because no claim says so, or else
 * becomes unknown. States that began after the end (a later claim) are left alone.
 */
function expireSides(segments: Segment[], ends: Map<string, SideEnd>): Segment[] {
  if (ends.size === 0) return segments;
  const out: Segment[] = [];
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k]!;
    out.push(seg);
    const next = segments[k + 1];
    const st = seg.state;
    const sides = st.status === "held" ? [st.side] : st.status === "contested" ? st.sides : [];
    const ending = sides.map((x) => ({ side: x, end: ends.get(x) })).filter((x) => x.end && x.end.until >= seg.start && (!next || next.start > x.end.until + 1));
    if (!ending.length) continue;
    // Expire at the earliest end; later ends are handled when this new segment is examined.
    ending.sort((a, b) => a.end!.until - b.end!.until);
    const day = ending[0]!.end!.until + 1;
    const replace = (x: string) => (x === ending[0]!.side ? ending[0]!.end!.successor : x);
    let state: PlaceState;
    const base = { since: day, certain: true, claims: st.claims, conflicts: [], derived: false };
    if (st.status === "held") {
      const succ = replace(st.side);
      state = succ ? { ...base, status: "held", side: succ, previous: st.side } : { ...UNKNOWN, since: day } as PlaceState;
    } else if (st.status === "contested") {
      const remaining = [...new Set(st.sides.map(replace).filter((x): x is string => Boolean(x)))];
      const holder = st.holder ? replace(st.holder) : null;
      state = remaining.length === 0 ? { ...UNKNOWN, since: day } as PlaceState
        : remaining.length === 1 && holder === remaining[0] ? { ...base, status: "held", side: holder, previous: null }
        : { ...base, status: "contested", sides: remaining, holder };
    } else continue;
    // A successor's hold is inferred, not claimed: it stays uncertain.
    const expired = segmentOf(day, state.status === "unknown" ? day : Infinity, state, []);
    segments.splice(k + 1, 0, expired);
  }
  return out;
}

function findSegment(segments: Segment[], starts: Int32Array, day: number): Segment | null {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? null : segments[found]!;
}

function readSegment(seg: Segment | null, day: number): PlaceState {
  if (!seg) return UNKNOWN;
  return day >= seg.certainFrom ? seg.state : seg.uncertain;
}

/** Segments of a composite place from its towns (rule 6), merged with its own (the more recent decides). */
function compositeSegments(own: Segment[], kids: { segments: Segment[]; weight: number }[]): Segment[] {
  const days = new Set<number>();
  for (const s of own) days.add(s.start), Number.isFinite(s.certainFrom) && days.add(s.certainFrom);
  for (const k of kids) for (const s of k.segments) days.add(s.start), days.add(s.certainFrom);
  const sorted = [...days].filter(Number.isFinite).sort((a, b) => a - b);
  const ptr = kids.map(() => -1);
  const ownStarts = Int32Array.from(own.map((s) => s.start));
  const out: Segment[] = [];
  let lastKey = "";
  let lastSideKey = "";
  let since = 0;
  for (const day of sorted) {
    // Advance each town's pointer (days ascend, so pointers only move forward).
    const tally = new Map<string, number>();
    let contested = 0;
    const contestedSides = new Set<string>();
    let total = 0;
    let certain = true;
    let lastChange = -Infinity;
    const claims: string[] = [];
    kids.forEach((k, i) => {
      while (ptr[i]! + 1 < k.segments.length && k.segments[ptr[i]! + 1]!.start <= day) ptr[i]!++;
      const seg = ptr[i]! >= 0 ? k.segments[ptr[i]!]! : null;
      const st = readSegment(seg, day);
      if (st.status === "unknown") return;
      lastChange = Math.max(lastChange, seg!.start);
      if (!st.certain) certain = false;
      total += k.weight;
      if (st.status === "held") tally.set(st.side, (tally.get(st.side) ?? 0) + k.weight);
      else if (st.status === "contested") {
        contested += k.weight;
        st.sides.forEach((s) => contestedSides.add(s));
      }
      claims.push(...seg!.decidedBy);
    });
    const ownSeg = findSegment(own, ownStarts, day);
    let state: PlaceState;
    let decidedBy: string[];
    if (ownSeg && (ownSeg.start >= lastChange || total === 0)) {
      state = readSegment(ownSeg, day);
      decidedBy = ownSeg.decidedBy;
    } else if (total === 0) {
      state = UNKNOWN;
      decidedBy = [];
    } else {
      const ranked = [...tally.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const base = { since: day, certain, claims, conflicts: [], derived: true };
      if (ranked.length > 0 && ranked[0]![1] / total > 0.5) {
        state = { ...base, status: "held", side: ranked[0]![0], previous: null };
      } else if (contested / total > 0.5) {
        state = { ...base, status: "contested", sides: [...contestedSides].sort(), holder: null };
      } else {
        const shares = ranked.map(([side, w]) => ({ side, share: Math.round((w / total) * 100) / 100 }));
        if (contested > 0) shares.push({ side: "contested", share: Math.round((contested / total) * 100) / 100 });
        state = { ...base, status: "mixed", shares };
      }
      decidedBy = claims;
    }
    const key = stateKey(state);
    if (key === lastKey) continue;
    const sideKey = key.replace(/\?$/, "");
    if (sideKey !== lastSideKey) since = day;
    lastKey = key;
    lastSideKey = sideKey;
    if (state.status !== "unknown" && state.derived) state = { ...state, since } as PlaceState;
    const seg = segmentOf(day, state.certain ? day : Infinity, state, decidedBy);
    out.push(seg);
  }
  return out;
}

/** Builds the index once per dataset: per place, sorted segments. */
export function buildIndex(dataset: Pick<Dataset, "places" | "claims"> & { sides?: Dataset["sides"] }): ControlIndex {
  const { places } = dataset;
  const ends = new Map<string, SideEnd>();
  for (const side of dataset.sides ?? []) {
    const p = side.until ? parsePeriod(side.until) : null;
    if (p) ends.set(side.id, { until: p.end, successor: side.successor ?? null });
  }
  const placeIndex = new Map(places.map((p, i) => [p.id, i]));
  const claimsByPlace: ResolvedClaim[][] = places.map(() => []);
  for (const c of dataset.claims) {
    const i = placeIndex.get(c.place);
    if (i !== undefined) claimsByPlace[i]!.push(c);
  }
  const segments: Segment[][] = places.map((_, i) => expireSides(ownSegments(claimsByPlace[i]!), ends));

  // Towns inside each composite place.
  const children: number[][] = places.map(() => []);
  const cityIdx = places.map((p, i) => (p.kind === "city" ? i : -1)).filter((i) => i >= 0);
  places.forEach((p, i) => {
    if (p.kind === "region") {
      children[i] = cityIdx.filter((c) => places[c]!.region === p.id);
    } else if (p.kind === "area" && (p.geometry.type === "Polygon" || p.geometry.type === "MultiPolygon")) {
      const bbox = turf.bbox(p.geometry);
      children[i] = cityIdx.filter((c) => {
        const [lon, lat] = (places[c]!.geometry as Point).coordinates as [number, number];
        return lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3] && turf.booleanPointInPolygon(places[c]!.geometry as Point, p.geometry as never);
      });
    }
  });
  places.forEach((p, i) => {
    if (p.kind === "city" || children[i]!.length === 0) return;
    const kids = children[i]!.map((c) => ({ segments: segments[c]!, weight: places[c]!.population ?? 0 }));
    // Towns without a known population still count, a little: a district of oil fields is not empty.
    for (const k of kids) if (k.weight === 0) k.weight = 1;
    segments[i] = compositeSegments(segments[i]!, kids);
  });

  const starts = segments.map((s) => Int32Array.from(s.map((x) => x.start)));
  const days = new Set<number>();
  for (const list of segments) for (const s of list) {
    days.add(s.start);
    if (Number.isFinite(s.certainFrom) && s.certainFrom !== s.start) days.add(s.certainFrom);
  }
  return { places, placeIndex, segments, starts, claimsByPlace, children, changeDays: [...days].sort((a, b) => a - b) };
}

/**
 * The state of every place on a day, aligned with `index.places`. One binary search per
 * place; the returned objects are shared and must not be mutated.
 */
export function controlAt(index: ControlIndex, day: number, out: PlaceState[] = new Array(index.places.length)): PlaceState[] {
  for (let i = 0; i < index.segments.length; i++) {
    out[i] = readSegment(findSegment(index.segments[i]!, index.starts[i]!, day), day);
  }
  return out;
}

/** The state of one place on a day. */
export function stateOf(index: ControlIndex, placeId: string, day: number): PlaceState {
  const i = index.placeIndex.get(placeId);
  if (i === undefined) return UNKNOWN;
  return readSegment(findSegment(index.segments[i]!, index.starts[i]!, day), day);
}

/** Claim ids that decided the state of a place on a day (the claims applied on its segment's first day). */
export function decidingClaims(index: ControlIndex, placeId: string, day: number): string[] {
  const i = index.placeIndex.get(placeId);
  if (i === undefined) return [];
  return findSegment(index.segments[i]!, index.starts[i]!, day)?.decidedBy ?? [];
}

/** The first change day after `day`, or null. */
export function nextChange(index: ControlIndex, day: number): number | null {
  const d = index.changeDays;
  let lo = 0, hi = d.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (d[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo < d.length ? d[lo]! : null;
}

/** The last change day before `day`, or null. */
export function previousChange(index: ControlIndex, day: number): number | null {
  const d = index.changeDays;
  let lo = 0, hi = d.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (d[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? d[lo - 1]! : null;
}
