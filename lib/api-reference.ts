/**
 * The API reference as data: each endpoint's path, parameters, an example call and a
 * sample of its answer, cut from the real response so the reference cannot drift from
 * the code. Rendered by app/api-docs/page.tsx; docs-api.md holds the same text.
 */
import { changesBody, claimsCsv, controlBody, placeBody, placesBody, stateGeoJsonBody, timelineBody, type Atlas } from "./api";
import { EXPECTED, expectedSide } from "./api-params";
import { parseDay, parsePeriod } from "./dates";

export interface ParamDoc {
  name: string;
  expected: string;
  /** "required", or what happens when the parameter is left out. */
  absent: string;
}

export interface EndpointDoc {
  path: string;
  /** One line for tables of contents. */
  title: string;
  summary: string;
  params: ParamDoc[];
  example: string;
  /** The sample answer: JSON (abbreviated) or the first lines of a CSV. */
  sample(atlas: Atlas): string;
}

const day = (iso: string) => parseDay(iso)!;

/**
 * A short copy of a JSON value for reading: arrays cut to `items` entries (then a note of
 * how many more), long strings trimmed.
 */
export function abbreviate(value: unknown, items = 2): unknown {
  if (Array.isArray(value)) {
    const head = value.slice(0, items).map((v) => abbreviate(v, items));
    return value.length > items ? [...head, `… ${value.length - items} more`] : head;
  }
  if (typeof value === "string") return value.length > 90 ? `${value.slice(0, 87)}…` : value;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, abbreviate(v, items)]));
  }
  return value;
}

/** Indented JSON with arrays of numbers (coordinates) kept on one line. */
const pretty = (v: unknown) =>
  JSON.stringify(abbreviate(v), null, 2).replace(/\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g, (_, nums: string) => `[${nums.split(/,\s+/).join(", ")}]`);

/** Every endpoint, in the order the reference lists them. */
export function endpointDocs(sides: string[]): EndpointDoc[] {
  return [
    {
      path: "/api/places",
      title: "All places (districts, towns, areas) as GeoJSON, without state",
      summary: "Every place (22 districts, towns and sites, drawn areas) as a GeoJSON FeatureCollection, without state. Properties: id, kind (region | city | area), name, nameAr, alternates, population, region (the district id of a town or area), category, areaKm2.",
      params: [],
      example: "/api/places",
      sample: (a) => pretty(placesBody(a)),
    },
    {
      path: "/api/control",
      title: "The state of every place on a day, with area and population per side",
      summary: "The state of every place on a day: status held | contested | mixed | unknown, the side holding it, the sides fighting over or sharing it, since when, whether the date is certain, and the claims behind it; plus area (km²) and population per side over the districts. lat/lon is a town's point or a district's or area's label point.",
      params: [
        { name: "date", expected: EXPECTED.date, absent: "today (UTC)" },
        { name: "kind", expected: EXPECTED.kind, absent: "all places" },
      ],
      example: "/api/control?date=2019-04-06",
      sample: (a) => pretty(controlBody(a, { day: day("2019-04-06"), kind: null })),
    },
    {
      path: "/api/state.geojson",
      title: "The state on a day as GeoJSON for QGIS and other GIS tools",
      summary: "The same state as a GeoJSON FeatureCollection (application/geo+json) with each place's geometry and flat properties: lists are joined with commas so QGIS and GDAL read them as text fields; color is the holding side's colour.",
      params: [
        { name: "date", expected: EXPECTED.date, absent: "today (UTC)" },
        { name: "kind", expected: EXPECTED.kind, absent: "all places" },
      ],
      example: "/api/state.geojson?date=2019-04-06&kind=region",
      sample: (a) => pretty(stateGeoJsonBody(a, { day: day("2019-04-06"), kind: "region" })),
    },
    {
      path: "/api/places/{id}",
      title: "One place with its history and every claim about it, with sources",
      summary: "One place: its properties and geometry, the towns it contains, its history as intervals of unchanged state (ISO dates, `to` null for the current one) and every claim about it with its source. An unknown id answers 404.",
      params: [],
      example: "/api/places/gharyan",
      sample: (a) => pretty(placeBody(a, "gharyan")),
    },
    {
      path: "/api/claims",
      title: "Claims filtered by place, side, source and date range, as JSON or CSV",
      summary: "Claims, oldest first, filtered. A claim is in a from–to range when its own date (a day, month or year) overlaps it. format=csv answers a spreadsheet-safe CSV (header row, RFC 4180 quoting, UTF-8 with BOM, cells starting with = + - @ prefixed with an apostrophe).",
      params: [
        { name: "place", expected: EXPECTED.place, absent: "all places" },
        { name: "side", expected: expectedSide(sides), absent: "all sides" },
        { name: "source", expected: EXPECTED.source, absent: "all sources" },
        { name: "from", expected: EXPECTED.period, absent: "no lower bound" },
        { name: "to", expected: EXPECTED.period, absent: "no upper bound" },
        { name: "format", expected: EXPECTED.format, absent: "json" },
      ],
      example: "/api/claims?place=gharyan&from=2019&to=2019&format=csv",
      sample: (a) => claimsCsv(a, { place: "gharyan", side: null, source: null, from: parsePeriod("2019"), to: parsePeriod("2019"), format: "csv" })
        .replace(/^\uFEFF/, "").split("\r\n").slice(0, 3).join("\n"),
    },
    {
      path: "/api/timeline",
      title: "Area and population per side at every change day",
      summary: "Area (km²) and population per side at every day on which some place changes state: a step function, each point holding until the next.",
      params: [],
      example: "/api/timeline",
      sample: (a) => pretty(timelineBody(a)),
    },
    {
      path: "/api/changes",
      title: "Places whose state changed between two days, with the deciding claims",
      summary: "Places whose state differs between two days: the state before and after, the claims that decided the state on `to`, and the ids of all claims about the place dated in between.",
      params: [
        { name: "from", expected: EXPECTED.date, absent: "required" },
        { name: "to", expected: `${EXPECTED.date}, on or after from`, absent: "required" },
      ],
      example: "/api/changes?from=2019-04-01&to=2019-06-30",
      sample: (a) => pretty(changesBody(a, { from: day("2019-04-01"), to: day("2019-06-30") })),
    },
  ];
}

/** What every endpoint shares, as short paragraphs. */
export const CONVENTIONS = [
  "All endpoints answer GET (and HEAD) with JSON in UTF-8, except state.geojson (application/geo+json) and claims with format=csv (text/csv). JSON bodies are plain ASCII: Arabic names and other non-ASCII characters are sent as \\uXXXX escapes, which every JSON parser reads back as the same text. Answers are gzipped for clients that accept it. Any origin may call them (Access-Control-Allow-Origin: *).",
  "Dates are ISO strings in UTC: YYYY-MM-DD for days; claims keep the precision they were written with (YYYY, YYYY-MM or YYYY-MM-DD). A state whose deciding claim is only known to the month or year is marked certain: false until that period ends.",
  "A bad, missing or repeated parameter answers 400 with { \"error\": { \"param\", \"expected\", \"got\" } }; an unknown place id answers 404 with the same shape. Unknown parameters are ignored and an empty value counts as absent.",
  "Every 200 answer carries an ETag made of the data version, the API revision and the normalised parameters, X-Data-Version, and Cache-Control: public, max-age=300, s-maxage=86400, stale-while-revalidate=604800 (control and state.geojson without a date, which answer for today, only s-maxage=300 and stale-while-revalidate=300, since the same URL means another day after midnight UTC). Send the ETag back in If-None-Match to get a 304 without a body.",
];
