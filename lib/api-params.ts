/**
 * Query parameters of the open data API, validated once at the boundary with zod.
 * A bad or missing value becomes `{ error: { param, expected, got } }`; a good one becomes
 * a typed value (day numbers for dates) plus a normalised key that names the response
 * (for the ETag and the response cache).
 */
import { z } from "zod";
import { dayToIso, EARLIEST_DAY, parseDay, parsePeriod, type DatePeriod } from "./dates";
import type { PlaceKind } from "./types";

/** What went wrong with one parameter: its name, what was expected, what arrived (null when missing). */
export interface ApiError {
  param: string;
  expected: string;
  got: string | null;
}

export type ParamResult<T> = { ok: true; value: T; key: string } | { ok: false; error: ApiError };

/** What the API says it expected, per kind of value (also shown in the API reference). */
export const EXPECTED = {
  date: "YYYY-MM-DD between 2011-01-01 and today",
  period: "YYYY, YYYY-MM or YYYY-MM-DD between 2011 and today",
  kind: "region, city or area",
  format: "json or csv",
  place: "a place id from /api/places, like tripoli or LY-TB",
  source: "a source id, like afp-2020-05-18-watiya",
  single: "a single value (the parameter was repeated)",
} as const;

/** The ids a request may name, so a typo is a 400 and not an empty answer. */
export interface KnownIds {
  places: ReadonlySet<string>;
  sides: ReadonlySet<string>;
  sources: ReadonlySet<string>;
}

/** A string parameter turned into a value by `parse`, or an issue saying `expected`. */
function param<T>(expected: string, parse: (raw: string) => T | null) {
  return z.string({ error: expected }).transform((raw, ctx) => {
    const v = parse(raw);
    if (v === null) {
      ctx.addIssue({ code: "custom", message: expected });
      return z.NEVER;
    }
    return v;
  });
}

const dayParam = (now: number) => param(EXPECTED.date, (raw) => {
  const d = parseDay(raw);
  return d !== null && d >= EARLIEST_DAY && d <= now ? d : null;
});

const periodParam = (now: number) => param(EXPECTED.period, (raw) => {
  const p = parsePeriod(raw);
  return p && p.start >= EARLIEST_DAY && p.start <= now ? p : null;
});

const oneOf = <T extends string>(expected: string, values: ReadonlySet<string>) =>
  param(expected, (raw) => (values.has(raw) ? (raw as T) : null));

const KINDS: ReadonlySet<string> = new Set<PlaceKind>(["region", "city", "area"]);
const FORMATS: ReadonlySet<string> = new Set(["json", "csv"]);
const kindParam = () => oneOf<PlaceKind>(EXPECTED.kind, KINDS);

/** The expected text for a side id, listing the sides. */
export const expectedSide = (sides: Iterable<string>) => `a side id: ${[...sides].join(", ")}`;

/** A set of query parameters: the names it reads, its schema, and the key of a parsed value. */
export interface ParamSet<T> {
  names: readonly string[];
  schema: z.ZodType<T>;
  /** The parsed value, defaults filled in, as a canonical string: `date=2019-04-06&kind=all`. */
  key(value: T): string;
}

/**
 * A parameter set per day (and per id lists), built once: building and compiling a zod schema
 * costs far more than using it, and `now` changes only at midnight.
 */
function perDay<A extends unknown[], T>(build: (now: number, ...rest: A) => T): (now: number, ...rest: A) => T {
  let last: { now: number; rest: A; value: T } | null = null;
  return (now, ...rest) => {
    if (last && last.now === now && last.rest.length === rest.length && last.rest.every((r, i) => r === rest[i])) return last.value;
    last = { now, rest, value: build(now, ...rest) };
    return last.value;
  };
}

export interface StateParams {
  day: number;
  kind: PlaceKind | null;
}

/** /api/control and /api/state.geojson: `date` (default today), optional `kind`. */
export const stateParams = perDay((now: number): ParamSet<StateParams> => ({
  names: ["date", "kind"],
  schema: z.object({ date: dayParam(now).optional(), kind: kindParam().optional() })
    .transform((p) => ({ day: p.date ?? now, kind: p.kind ?? null })),
  key: (p) => `date=${dayToIso(p.day)}&kind=${p.kind ?? "all"}`,
}));

export interface ClaimsParams {
  place: string | null;
  side: string | null;
  source: string | null;
  from: DatePeriod | null;
  to: DatePeriod | null;
  format: "json" | "csv";
}

/** /api/claims: optional filters (place, side, source, a from–to range) and the format. */
export const claimsParams = perDay((now: number, ids: KnownIds): ParamSet<ClaimsParams> => ({
  names: ["place", "side", "source", "from", "to", "format"],
  schema: z.object({
    place: oneOf(EXPECTED.place, ids.places).optional(),
    side: oneOf(expectedSide(ids.sides), ids.sides).optional(),
    source: oneOf(EXPECTED.source, ids.sources).optional(),
    from: periodParam(now).optional(),
    to: periodParam(now).optional(),
    format: oneOf<"json" | "csv">(EXPECTED.format, FORMATS).optional(),
  }).superRefine((p, ctx) => {
    if (p.from && p.to && p.to.end < p.from.start) ctx.addIssue({ code: "custom", path: ["to"], message: `a date on or after from (${p.from.iso})` });
  }).transform((p) => ({
    place: p.place ?? null,
    side: p.side ?? null,
    source: p.source ?? null,
    from: p.from ?? null,
    to: p.to ?? null,
    format: p.format ?? "json",
  })),
  key: (p) => `place=${p.place ?? ""}&side=${p.side ?? ""}&source=${p.source ?? ""}&from=${p.from?.iso ?? ""}&to=${p.to?.iso ?? ""}&format=${p.format}`,
}));

export interface ChangesParams {
  from: number;
  to: number;
}

/** /api/changes: `from` and `to`, both required, from ≤ to. */
export const changesParams = perDay((now: number): ParamSet<ChangesParams> => ({
  names: ["from", "to"],
  schema: z.object({ from: dayParam(now), to: dayParam(now) }).superRefine((p, ctx) => {
    if (p.to < p.from) ctx.addIssue({ code: "custom", path: ["to"], message: `a date on or after from (${dayToIso(p.from)})` });
  }),
  key: (p) => `from=${dayToIso(p.from)}&to=${dayToIso(p.to)}`,
}));

const MAX_GOT = 120;
const clip = (s: string) => (s.length > MAX_GOT ? `${s.slice(0, MAX_GOT)}…` : s);

/**
 * Validates the parameters a set knows (others are ignored, so cache-busters do no harm).
 * An empty value counts as missing, as HTML forms send empty fields; a repeated one is an error.
 * @example parseQuery(stateParams(today()), new URLSearchParams("date=2019-04-06"))
 */
export function parseQuery<T>(set: ParamSet<T>, query: URLSearchParams): ParamResult<T> {
  const input: Record<string, string | undefined> = {};
  for (const name of set.names) {
    const values = query.getAll(name);
    if (values.length > 1) return { ok: false, error: { param: name, expected: EXPECTED.single, got: clip(values.join(", ")) } };
    input[name] = values[0] === "" ? undefined : values[0];
  }
  const r = set.schema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const name = String(issue.path[0] ?? set.names[0]);
    const got = input[name];
    return { ok: false, error: { param: name, expected: issue.message, got: got === undefined ? null : clip(got) } };
  }
  return { ok: true, value: r.data, key: set.key(r.data) };
}
