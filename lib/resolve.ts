/**
 * From claims as written to claims the engine can apply: dates parsed, each actor's side
 * looked up for the claim's date, and fuzzy claims anchored to the precise claims they corroborate.
 */
import { parsePeriod, type DatePeriod } from "./dates";
import type { Actor, Claim, ClaimStatus, ResolvedClaim } from "./types";

/** The side an actor was aligned with on a day, or null. */
export function sideOfActor(actor: Actor, day: number): string | null {
  for (const a of actor.alignments) {
    const from = parsePeriod(a.from);
    const to = a.to ? parsePeriod(a.to) : null;
    if (from && day >= from.start && (!to || day <= to.end)) return a.side;
  }
  return null;
}

/**
 * The side an actor was aligned with during a claim's period: at its first day, or else at
 * the first day of the period on which the actor has a side ("LNA captured X in 2014" is read
 * from the day the LNA existed).
 */
export function sideInPeriod(actor: Actor, period: DatePeriod): string | null {
  const atStart = sideOfActor(actor, period.start);
  if (atStart) return atStart;
  let best: { day: number; side: string } | null = null;
  for (const a of actor.alignments) {
    const from = parsePeriod(a.from);
    if (from && from.start > period.start && from.start <= period.end && (!best || from.start < best.day)) best = { day: from.start, side: a.side };
  }
  return best?.side ?? null;
}

/** What a status asserts about the place: a holder, the end of a hold, or fighting. */
export type Effect = "hold" | "loss" | "fight";

/** @example effectOf("captured") === "hold" */
export function effectOf(status: ClaimStatus): Effect {
  switch (status) {
    case "controls":
    case "captured":
      return "hold";
    case "lost":
    case "withdrew":
      return "loss";
    case "contested":
    case "offensive":
      return "fight";
  }
}

/**
 * Resolves claims (which must already be valid). A month- or year-precision claim counts
 * from the start of its period, except when a more precise claim about the same place, by
 * the same side, with the same effect, falls inside that period: then it corroborates that
 * claim and takes its day, instead of moving the change to the first of the month or year.
 */
export function resolveClaims(claims: Claim[], actors: Actor[]): ResolvedClaim[] {
  const actorById = new Map(actors.map((a) => [a.id, a]));
  const resolved = claims.map((c) => {
    const period = parsePeriod(c.date) as DatePeriod;
    const sideId = c.side ?? sideInPeriod(actorById.get(c.actor!)!, period) ?? "unknown";
    // One object shape for every claim (no spread): the engine's hot loops stay monomorphic.
    const r: ResolvedClaim = {
      id: c.id, place: c.place, actor: c.actor, side: c.side, status: c.status, date: c.date,
      quote: c.quote, paraphrase: c.paraphrase, confidence: c.confidence, notes: c.notes, source: c.source,
      period, precision: period.precision, sideId, effectiveDay: period.start,
    };
    return r;
  });
  const byPlace = new Map<string, ResolvedClaim[]>();
  for (const c of resolved) {
    const list = byPlace.get(c.place);
    if (list) list.push(c);
    else byPlace.set(c.place, [c]);
  }
  for (const list of byPlace.values()) {
    for (const c of list) {
      if (c.precision === "day") continue;
      let anchor: number | null = null;
      for (const o of list) {
        const finer = o.period.end - o.period.start < c.period.end - c.period.start;
        if (!finer || o.sideId !== c.sideId || effectOf(o.status) !== effectOf(c.status)) continue;
        if (o.period.start < c.period.start || o.period.start > c.period.end) continue;
        if (anchor === null || o.period.start < anchor) anchor = o.period.start;
      }
      if (anchor !== null) c.effectiveDay = anchor;
    }
  }
  return resolved;
}
