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
 * 7. A side that stopped existing hands its places to its successor (uncertain) or drops out.
 * 8. Low-confidence claims alone do not overturn a state resting on firmer claims.
 * 9. A place held by an actor follows the actor's side when the actor changes sides.
 * 10. "X captured it" and "Y had held it" on the same day agree (Y held it until X took it); named
 *    forces of a side withdrawing the day other forces of the same side are reported holding the
 *    place is a handover within the side, not a loss.
 * 11. A contest that no claim reports again for 90 days turns uncertain.
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
  /** Claims applied on the day this segment of the state began (see supportingClaims for all). */
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
  /** Per place, segments sorted by start (their starts are in `flat`, for the binary search). */
  segments: Segment[][];
  claimsByPlace: ResolvedClaim[][];
  /** Per composite place (region or area), the indexes of the towns it contains. */
  children: number[][];
  /** Every day on which some place changes state or certainty, ascending. */
  changeDays: number[];
  /**
   * The segments again, flat, for the lookups: place i's are at [offsets[i], offsets[i + 1]) of
   * one typed array of starts, with their certainFrom days and both states beside them. One
   * contiguous binary search per place instead of a walk through per-place arrays and objects
   * (about three times faster on 5,000 places).
   */
  flat: { offsets: Int32Array; starts: Int32Array; certainFrom: Float64Array; states: PlaceState[]; uncertain: PlaceState[] };
}

/** A stable text key of a state (without its claims), to tell whether two states differ. */
export function stateKey(s: PlaceState): string {
  switch (s.status) {
    case "held": return `held:${s.side}${s.certain ? "" : "?"}`;
    case "contested": return `contested:${[...s.sides].sort().join("+")}${s.certain ? "" : "?"}`;
    case "mixed": return `mixed:${s.shares.map((x) => `${x.side}=${Math.round(x.share * 100)}`).join(",")}${s.certain ? "" : "?"}`;
    case "unknown": return "unknown";
  }
}

function segmentOf(start: number, certainFrom: number, state: PlaceState, decidedBy: string[]): Segment {
  // States are built certain; the uncertain twin exists only when some day can read it.
  const certain = state.certain ? state : ({ ...state, certain: true } as PlaceState);
  const uncertain = state.status === "unknown" || certainFrom <= start ? certain : ({ ...state, certain: false } as PlaceState);
  return { start, certainFrom, state: certain, uncertain, decidedBy };
}

// Constructors with one fixed shape per status (the engine's hot path stays monomorphic).
function held(side: string, since: number, previous: string | null, claims: string[]): PlaceState {
  return { status: "held", side, since, certain: true, claims, conflicts: [], derived: false, previous };
}
function contested(sides: string[], holder: string | null, since: number, claims: string[], conflicts: string[]): PlaceState {
  return { status: "contested", sides, since, certain: true, claims, conflicts, derived: false, holder };
}

/** When a side stops existing: its last day and who takes over its places (if anyone). */
export interface SideEnd {
  until: number;
  successor: string | null;
}

const unknownSince = (day: number): PlaceState => ({ status: "unknown", since: day, certain: true, claims: [], conflicts: [], derived: false });

/**
 * Rule 7: a side that stopped existing (the NTC after the 2011 war, the interim government
 * after the 2014 split) cannot go on holding places. The state passes to its successor
 * (uncertain, since no claim says so) or the side simply drops out (unknown if nobody is left).
 * Returns the state of the day after the earliest end that applies before `day`, or null.
 */
function expiry(state: PlaceState, ends: Map<string, SideEnd>, day: number): { day: number; state: PlaceState } | null {
  if (ends.size === 0 || (state.status !== "held" && state.status !== "contested")) return null;
  const sides = state.status === "held" ? [state.side] : state.status === "contested" ? state.sides : [];
  let first: { side: string; end: SideEnd } | null = null;
  for (const x of sides) {
    const end = ends.get(x);
    if (end && end.until < day && (!first || end.until < first.end.until)) first = { side: x, end };
  }
  if (!first) return null;
  const at = first.end.until + 1;
  const replace = (x: string) => (x === first!.side ? first!.end.successor : x);
  if (state.status === "held") {
    const succ = replace(state.side);
    return { day: at, state: succ ? held(succ, at, state.side, []) : unknownSince(at) };
  }
  const remaining = [...new Set(state.sides.map(replace).filter((x): x is string => Boolean(x)))];
  const holder = state.holder ? replace(state.holder) : null;
  return {
    day: at,
    state: remaining.length === 0 ? unknownSince(at)
      : remaining.length === 1 && holder === remaining[0] ? held(holder, at, null, [])
      : contested(remaining, holder, at, [], []),
  };
}

/** Segments of a place from its own claims (rules 1–5, 7 and 8). */
/** Days after which a contest no claim reports again is drawn as uncertain (rule 11). */
export const STALE_CONTEST_DAYS = 90;

/** An actor's alignments as day spans, sorted. */
export type AlignmentSpans = Map<string, { start: number; end: number; side: string }[]>;

/** Segments of a place from its own claims (rules 1–5, 7, 8 and 9). */
function ownSegments(claims: ResolvedClaim[], ends: Map<string, SideEnd>, alignments: AlignmentSpans = new Map()): Segment[] {
  const sorted = claims.length < 2 ? claims : [...claims].sort((a, b) => a.effectiveDay - b.effectiveDay || (a.id < b.id ? -1 : 1));
  const segments: Segment[] = [];
  let state: PlaceState = UNKNOWN;
  // Day the current holder's uninterrupted hold began, for "held since".
  let holderSince = 0;
  // Whether the current state rests on medium- or high-confidence claims (rule 8).
  let firm = false;
  // The actor whose hold decided the current held state (when all its hold claims name one actor).
  let holderActor: string | null = null;
  let segStart = -Infinity;
  const expireBefore = (day: number) => {
    // Rule 9: a place held by an actor follows the actor when it changes sides (the Kaniyat from
    // the GNA to the LNA in April 2019): the colour is the actor's side on the day viewed.
    for (;;) {
      if (state.status !== "held" || !holderActor) break;
      const change = alignments.get(holderActor)?.find((sp) => sp.start > segStart && sp.start < day && sp.side !== (state as { side: string }).side);
      if (!change) break;
      state = held(change.side, change.start, (state as { side: string }).side, []);
      holderSince = change.start;
      segStart = change.start;
      segments.push(segmentOf(change.start, segments[segments.length - 1]!.certainFrom <= change.start ? change.start : Infinity, state, []));
    }
    // Rule 11: fighting reported once is not evidence of fighting for years. A contest that no
    // claim reports again for STALE_CONTEST_DAYS turns uncertain (still contested, drawn faded).
    if (state.status === "contested" && state.certain && segStart + STALE_CONTEST_DAYS < day) {
      const last = segments[segments.length - 1]!;
      if (last.certainFrom <= segStart + STALE_CONTEST_DAYS) {
        segments.push(segmentOf(segStart + STALE_CONTEST_DAYS, Infinity, state, []));
        segStart += STALE_CONTEST_DAYS;
      }
    }
    for (let e = expiry(state, ends, day); e; e = expiry(state, ends, day)) {
      state = e.state;
      holderSince = e.day;
      // A successor's hold is inferred, not claimed: it stays uncertain until a claim says so.
      segments.push(segmentOf(e.day, state.status === "unknown" ? e.day : Infinity, state, []));
    }
  };
  for (let i = 0; i < sorted.length;) {
    const day = sorted[i]!.effectiveDay;
    const group: ResolvedClaim[] = [];
    while (i < sorted.length && sorted[i]!.effectiveDay === day) group.push(sorted[i++]!);
    expireBefore(day);

    let holds = new Map<string, string[]>();
    const captures = new Map<string, string[]>();
    const losses = new Set<string>();
    const fights = new Set<string>();
    // Rule 8 within a day: when firmer claims exist, low-confidence ones are set aside as conflicts.
    const firmClaims = group.some((c) => c.confidence !== "low") ? group.filter((c) => c.confidence !== "low") : group;
    const setAside = firmClaims.length === group.length ? [] : group.filter((c) => c.confidence === "low").map((c) => c.id);
    for (const c of firmClaims) {
      const e = effectOf(c.status);
      if (e === "hold") {
        for (const m of c.status === "captured" ? [holds, captures] : [holds]) {
          const list = m.get(c.sideId);
          if (list) list.push(c.id);
          else m.set(c.sideId, [c.id]);
        }
      } else if (e === "loss") losses.add(c.sideId);
      else fights.add(c.sideId);
    }
    // "X captured it" and "Y held it" on the same day agree: Y held it until X took it.
    // Only two captures, or two holders with no capture, disagree.
    if (captures.size === 1 && holds.size > 1) {
      const [taker] = [...captures.keys()] as [string];
      for (const x of holds.keys()) if (x !== taker) losses.add(x);
      holds = new Map([[taker, holds.get(taker)!]]);
    }
    const ids = group.map((c) => c.id);
    const prevHolder = state.status === "held" ? state.side : state.status === "contested" ? state.holder : null;
    // Fighting among forces of the side that holds the place (Tripoli's militias in 2023) does
    // not change who holds it.
    if (state.status === "held" && holds.size === 0) fights.delete(state.side);
    const prevSides = state.status === "contested" ? state.sides : state.status === "held" ? [state.side] : [];
    let next: PlaceState;
    let nextHolderSince = holderSince;

    if (holds.size >= 2) {
      // Rule 2: same-day claims naming different holders.
      const sides = [...new Set([...holds.keys(), ...fights])];
      next = contested(sides, prevHolder, day, ids, [...holds.values()].flat());
    } else if (holds.size === 1) {
      const [side] = [...holds.keys()] as [string];
      // A handover within a side: named forces of the side withdrew the day other forces of the
      // same side are reported holding the place (Misratan and Zintani brigades leaving Tripoli
      // to the army in November 2013). Not a disagreement, and not a loss for the side.
      if (losses.has(side)) {
        const own = firmClaims.filter((c) => c.sideId === side);
        const heldBy = new Set(own.filter((c) => effectOf(c.status) === "hold").map((c) => c.actor));
        if (own.every((c) => effectOf(c.status) !== "loss" || (c.actor && !heldBy.has(c.actor)))) losses.delete(side);
      }
      if (losses.has(side)) {
        const conflicting = firmClaims.filter((c) => c.sideId === side).map((c) => c.id);
        next = contested([...new Set([side, ...(prevHolder ? [prevHolder] : []), ...fights])], prevHolder, day, ids, conflicting);
      } else if ([...fights].some((f) => f !== side)) {
        next = contested([...new Set([side, ...fights])], side, day, ids, []);
        if (prevHolder !== side) nextHolderSince = day;
      } else {
        const same = prevHolder === side;
        if (!same) nextHolderSince = day;
        next = held(side, nextHolderSince, same && state.status === "held" ? state.previous : prevHolder, ids);
      }
    } else {
      // No holder named: apply losses, then fighting.
      const holder = prevHolder && !losses.has(prevHolder) ? prevHolder : null;
      let sides = prevSides.filter((x) => !losses.has(x));
      if (fights.size > 0) {
        sides = [...new Set([...sides, ...fights])];
        next = contested(sides, holder, state.status === "contested" && holder === prevHolder ? state.since : day, ids, []);
      } else if (state.status === "contested" && holder && sides.length === 1 && sides[0] === holder) {
        // The attackers pulled back: the holder holds on.
        next = held(holder, holderSince, null, ids);
      } else if (sides.length > 0 && state.status === "contested") {
        next = contested(sides, holder, state.since, ids, []);
      } else if (state.status === "held" && holder) {
        // A side that did not hold the place withdrew or lost: nothing changes but the ledger.
        next = held(state.side, state.since, state.previous, ids);
      } else {
        next = { status: "unknown", since: day, certain: true, claims: ids, conflicts: [], derived: false };
      }
    }
    if (setAside.length && next.status !== "unknown") next = { ...next, conflicts: [...next.conflicts, ...setAside] } as PlaceState;
    // Rule 8: low-confidence claims alone do not overturn a state that rests on firmer claims;
    // they stay on the record as conflicting claims.
    const lowOnly = group.every((c) => c.confidence === "low");
    if (lowOnly && firm && stateKey(next) !== stateKey(state) && state.status !== "unknown") {
      next = state.status === "held" ? { ...state, claims: [], conflicts: ids } as PlaceState
        : state.status === "contested" ? { ...state, claims: [], conflicts: ids } as PlaceState : state;
    } else {
      holderSince = nextHolderSince;
      firm = !lowOnly || (firm && stateKey(next) === stateKey(state));
    }
    // A day-precision claim dates the change; only a group of fuzzy claims leaves it uncertain.
    let certainFrom = group.some((c) => c.precision === "day") ? day : Math.max(...group.map((c) => c.period.end + 1));
    // A fuzzy claim that only confirms a state already certain does not make it uncertain again.
    const prev = segments[segments.length - 1];
    if (prev && prev.certainFrom <= day && stateKey(prev.state) === stateKey(next)) certainFrom = Math.min(certainFrom, prev.certainFrom <= day ? day : certainFrom);
    segments.push(segmentOf(day, certainFrom, next, ids));
    if (next.status === "held" && next.side !== (state.status === "held" ? state.side : null)) {
      const actors = new Set(firmClaims.filter((c) => c.sideId === next.side && effectOf(c.status) === "hold").map((c) => c.actor ?? ""));
      holderActor = actors.size === 1 ? [...actors][0]! || null : null;
    } else if (next.status !== "held") holderActor = null;
    segStart = day;
    state = next;
  }
  expireBefore(Infinity);
  return segments;
}

/**
 * The engine's one lookup (binary search): lo plus how many of sorted[lo..hi), ascending, are ≤ day.
 */
function countAtOrBefore(sorted: ArrayLike<number>, day: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of place i's segments start on or before day. */
function segmentsUpTo(index: ControlIndex, i: number, day: number): number {
  const { offsets, starts } = index.flat;
  return countAtOrBefore(starts, day, offsets[i]!, offsets[i + 1]!) - offsets[i]!;
}

function findSegment(index: ControlIndex, i: number, day: number): Segment | null {
  const k = segmentsUpTo(index, i, day);
  return k === 0 ? null : index.segments[i]![k - 1]!;
}

function readSegment(seg: Segment | null, day: number): PlaceState {
  if (!seg) return UNKNOWN;
  return day >= seg.certainFrom ? seg.state : seg.uncertain;
}

/** Segments of a composite place from its towns (rule 6), merged with its own (the more recent decides). */
function compositeSegments(own: Segment[], kids: { segments: Segment[]; weight: number }[]): Segment[] {
  // Events: a town's state can change at a segment start or when its segment becomes certain.
  // Encoded as day * 2^20 + (kid + 1) in a Float64Array, so one native numeric sort orders them.
  const SHIFT = 1048576;
  const codes: number[] = [];
  kids.forEach((k, kid) => {
    for (const s of k.segments) {
      codes.push(s.start * SHIFT + kid + 1);
      if (Number.isFinite(s.certainFrom) && s.certainFrom !== s.start) codes.push(s.certainFrom * SHIFT + kid + 1);
    }
  });
  for (const s of own) {
    codes.push(s.start * SHIFT);
    if (Number.isFinite(s.certainFrom) && s.certainFrom !== s.start) codes.push(s.certainFrom * SHIFT);
  }
  const events = Float64Array.from(codes).sort();
  const dayOf = (code: number) => Math.floor(code / SHIFT);

  // Running tally of the towns' current states, updated only for towns that change.
  const ptr = kids.map(() => -1);
  const current: (PlaceState | null)[] = kids.map(() => null);
  const tally = new Map<string, number>();
  const contestedSides = new Map<string, number>();
  let contested = 0, total = 0, uncertain = 0, lastChange = -Infinity;
  const apply = (st: PlaceState | null, w: number, sign: 1 | -1) => {
    if (!st || st.status === "unknown") return;
    total += sign * w;
    if (!st.certain) uncertain += sign;
    if (st.status === "held") tally.set(st.side, (tally.get(st.side) ?? 0) + sign * w);
    else if (st.status === "contested") {
      contested += sign * w;
      for (const x of st.sides) contestedSides.set(x, (contestedSides.get(x) ?? 0) + sign);
    }
  };
  const ownStarts = Int32Array.from(own.map((s) => s.start));
  const out: Segment[] = [];
  let lastKey = "";
  let lastSideKey = "";
  let since = 0;
  for (let e = 0; e < events.length;) {
    const day = dayOf(events[e]!);
    const decided: string[] = [];
    for (; e < events.length && dayOf(events[e]!) === day; e++) {
      const kid = (events[e]! % SHIFT) - 1;
      if (kid < 0) continue;
      const k = kids[kid]!;
      while (ptr[kid]! + 1 < k.segments.length && k.segments[ptr[kid]! + 1]!.start <= day) ptr[kid]!++;
      const seg = ptr[kid]! >= 0 ? k.segments[ptr[kid]!]! : null;
      const st = readSegment(seg, day);
      if (st === current[kid]) continue;
      apply(current[kid]!, k.weight, -1);
      apply(st, k.weight, 1);
      current[kid] = st;
      if (st.status !== "unknown") lastChange = Math.max(lastChange, seg!.start);
      if (seg && seg.start === day) decided.push(...seg.decidedBy);
    }
    const kOwn = countAtOrBefore(ownStarts, day);
    const ownSeg = kOwn === 0 ? null : own[kOwn - 1]!;
    let state: PlaceState;
    let decidedBy: string[];
    if (ownSeg && (ownSeg.start >= lastChange || total <= 0)) {
      state = readSegment(ownSeg, day);
      decidedBy = ownSeg.decidedBy;
    } else if (total <= 0) {
      state = UNKNOWN;
      decidedBy = [];
    } else {
      let top: [string, number] | null = null;
      for (const entry of tally) if (entry[1] > 0 && (!top || entry[1] > top[1] || (entry[1] === top[1] && entry[0] < top[0]))) top = entry;
      const certain = uncertain === 0;
      if (top && top[1] / total > 0.5) {
        state = { status: "held", side: top[0], since: day, certain, claims: decided, conflicts: [], derived: true, previous: null };
      } else if (contested / total > 0.5) {
        state = { status: "contested", sides: [...contestedSides].filter(([, n]) => n > 0).map(([x]) => x).sort(), since: day, certain, claims: decided, conflicts: [], derived: true, holder: null };
      } else {
        const shares = [...tally].filter(([, w]) => w > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .map(([side, w]) => ({ side, share: Math.round((w / total) * 100) / 100 }));
        if (contested > 0) shares.push({ side: "contested", share: Math.round((contested / total) * 100) / 100 });
        state = { status: "mixed", shares, since: day, certain, claims: decided, conflicts: [], derived: true };
      }
      decidedBy = decided;
    }
    const key = stateKey(state);
    if (key === lastKey) continue;
    const sideKey = key.replace(/\?$/, "");
    if (sideKey !== lastSideKey) since = day;
    lastKey = key;
    lastSideKey = sideKey;
    if (state.status !== "unknown" && state.derived) state.since = since;
    out.push(segmentOf(day, state.certain ? day : Infinity, state, decidedBy));
  }
  return out;
}

/** Builds the index once per dataset: per place, sorted segments. */
export function buildIndex(dataset: Pick<Dataset, "places" | "claims"> & { sides?: Dataset["sides"]; actors?: Dataset["actors"] }): ControlIndex {
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
  const alignments: AlignmentSpans = new Map();
  for (const a of dataset.actors ?? []) {
    const spans = a.alignments.map((al) => ({ start: parsePeriod(al.from)?.start ?? 0, end: al.to ? parsePeriod(al.to)?.end ?? Infinity : Infinity, side: al.side })).sort((x, y) => x.start - y.start);
    if (spans.length > 1) alignments.set(a.id, spans);
  }
  const segments: Segment[][] = places.map((_, i) => ownSegments(claimsByPlace[i]!, ends, alignments));

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

  const days = new Set<number>();
  for (const list of segments) for (const s of list) {
    days.add(s.start);
    if (Number.isFinite(s.certainFrom) && s.certainFrom !== s.start) days.add(s.certainFrom);
  }
  return { places, placeIndex, segments, claimsByPlace, children, changeDays: [...days].sort((a, b) => a - b), flat: flatten(segments) };
}

function flatten(segments: Segment[][]): ControlIndex["flat"] {
  const offsets = new Int32Array(segments.length + 1);
  for (let i = 0; i < segments.length; i++) offsets[i + 1] = offsets[i]! + segments[i]!.length;
  const n = offsets[segments.length]!;
  const starts = new Int32Array(n), certainFrom = new Float64Array(n);
  const states: PlaceState[] = new Array(n), uncertain: PlaceState[] = new Array(n);
  let k = 0;
  for (const list of segments) {
    for (const seg of list) {
      starts[k] = seg.start;
      certainFrom[k] = seg.certainFrom;
      states[k] = seg.state;
      uncertain[k] = seg.uncertain;
      k++;
    }
  }
  return { offsets, starts, certainFrom, states, uncertain };
}

/**
 * The state of every place on a day, aligned with `index.places`. One binary search per
 * place; the returned objects are shared and must not be mutated.
 */
export function controlAt(index: ControlIndex, day: number, out: PlaceState[] = new Array(index.places.length)): PlaceState[] {
  const { offsets, starts, certainFrom, states, uncertain } = index.flat;
  for (let i = 0; i < index.segments.length; i++) {
    const k = countAtOrBefore(starts, day, offsets[i]!, offsets[i + 1]!);
    out[i] = k === offsets[i]! ? UNKNOWN : day >= certainFrom[k - 1]! ? states[k - 1]! : uncertain[k - 1]!;
  }
  return out;
}

/** The state of one place on a day. */
export function stateOf(index: ControlIndex, placeId: string, day: number): PlaceState {
  const i = index.placeIndex.get(placeId);
  if (i === undefined) return UNKNOWN;
  return readSegment(findSegment(index, i, day), day);
}

/** Claim ids that decided the state of a place on a day (the claims applied on its segment's first day). */
export function decidingClaims(index: ControlIndex, placeId: string, day: number): string[] {
  const i = index.placeIndex.get(placeId);
  if (i === undefined) return [];
  return findSegment(index, i, day)?.decidedBy ?? [];
}

/**
 * Every claim behind a place's state on a day: the deciding claims of each segment since the
 * place entered that state (walking back while the holder or contest is the same), oldest first.
 */
export function supportingClaims(index: ControlIndex, placeId: string, day: number): string[] {
  const i = index.placeIndex.get(placeId);
  if (i === undefined) return [];
  const segs = index.segments[i]!;
  let k = segmentsUpTo(index, i, day) - 1;
  if (k < 0) return [];
  const key = stateKey(segs[k]!.state);
  if (key === "unknown") return [];
  const out: string[][] = [];
  for (; k >= 0 && stateKey(segs[k]!.state) === key; k--) out.push(segs[k]!.decidedBy);
  return [...new Set(out.reverse().flat())];
}

/** The first change day after `day`, or null. */
export function nextChange(index: ControlIndex, day: number): number | null {
  return index.changeDays[countAtOrBefore(index.changeDays, day)] ?? null;
}

/**
 * Which stretch between change days `day` falls in (0 before the first change day): days with
 * the same period have the same state everywhere, so whatever is derived from the states alone
 * can be computed once per period.
 */
export function periodOf(index: ControlIndex, day: number): number {
  return countAtOrBefore(index.changeDays, day);
}

/** The last change day before `day`, or null. */
export function previousChange(index: ControlIndex, day: number): number | null {
  const k = countAtOrBefore(index.changeDays, day - 1);
  return k > 0 ? index.changeDays[k - 1]! : null;
}
