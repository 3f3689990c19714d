"use client";
/**
 * The atlas on the client: date, selected place, compare date and view live in the URL;
 * the engine runs here (index built once), and a date change flows date → states → styles.
 */
import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { FeatureCollection } from "geojson";
import { controlAt, nextChange, previousChange } from "@/lib/control-index";
import { EARLIEST_DAY, dayToIso, parseDay, today } from "@/lib/dates";
import { changesBetween, territorySeries, totalsFromStates } from "@/lib/timeline";
import { formatUrlState, parseUrlState, type UrlState, type View } from "@/lib/url-state";
import DateSlider from "./DateSlider";
import Legend from "./Legend";
import PlacePanel from "./PlacePanel";
import ShareChart from "./ShareChart";
import { describeState, formatDay } from "./format";
import { fetchJson, useAtlas } from "./use-atlas";
import useSWRImmutable from "swr/immutable";
import { flyToPlace } from "./fly-to";

const AtlasMap = dynamic(() => import("./AtlasMap"), { ssr: false, loading: () => <div className="atlas-map map-loading">Loading the map…</div> });

const DEFAULT_DAY = parseDay("2019-04-10")!;
const MIN_DAY = parseDay("2011-02-15")!;

function normalise(s: string) {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[‘’'`ʿʾ-]/g, "").replace(/^(al|el|ar|as|az|at|ad|an)\s*/i, "").toLowerCase().trim();
}

export default function AtlasApp() {
  const { atlas, error, retry } = useAtlas();
  const { data: basemap } = useSWRImmutable<FeatureCollection>("/basemap.geojson", fetchJson);
  const max = today();
  const [url, setUrl] = useState<UrlState>({ day: null, place: null, compare: null, view: null });
  const [notice, setNotice] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const replaceTimer = useRef<number | undefined>(undefined);

  // Read the permalink on load and on back/forward.
  useEffect(function followUrl() {
    const read = () => {
      const { state, problems } = parseUrlState(new URLSearchParams(window.location.search), { min: EARLIEST_DAY, max });
      setUrl(state);
      setNotice(problems.length ? problems.map((p) => `Ignored ${p.param}=“${p.got}”: expected ${p.expected}.`).join(" ") : null);
    };
    read();
    window.addEventListener("popstate", read);
    return () => window.removeEventListener("popstate", read);
  }, [max]);

  const write = useCallback((next: UrlState, push: boolean) => {
    setUrl(next);
    const href = `${window.location.pathname}${formatUrlState(next)}`;
    window.clearTimeout(replaceTimer.current);
    if (push) window.history.pushState(null, "", href);
    else replaceTimer.current = window.setTimeout(() => window.history.replaceState(null, "", href), 200);
  }, []);

  const day = url.day ?? DEFAULT_DAY;
  const states = useMemo(() => (atlas ? controlAt(atlas.index, day) : []), [atlas, day]);
  const totals = useMemo(() => (atlas ? totalsFromStates(atlas.index, states) : {}), [atlas, states]);
  const series = useMemo(() => (atlas ? territorySeries(atlas.index) : []), [atlas]);
  const changes = useMemo(() => (atlas && url.compare !== null ? changesBetween(atlas.index, url.compare, day) : []), [atlas, url.compare, day]);
  const highlighted = useMemo(() => new Set(changes.map((c) => c.placeId)), [changes]);

  const setDay = useCallback((d: number, commit: boolean) => write({ ...url, day: d }, commit), [url, write]);
  const step = useCallback((dir: -1 | 1) => {
    if (!atlas) return;
    const d = dir > 0 ? nextChange(atlas.index, day) : previousChange(atlas.index, day);
    if (d !== null) write({ ...url, day: Math.min(d, max) }, true);
  }, [atlas, day, url, write, max]);
  const select = useCallback((id: string | null) => write({ ...url, place: id }, true), [url, write]);
  const onView = useCallback((v: View) => {
    setUrl((u) => {
      const next = { ...u, view: v };
      window.clearTimeout(replaceTimer.current);
      replaceTimer.current = window.setTimeout(() => window.history.replaceState(null, "", `${window.location.pathname}${formatUrlState(next)}`), 200);
      return next;
    });
  }, []);

  const sideName = useCallback((id: string) => atlas?.payload.sides.find((s) => s.id === id)?.name ?? id, [atlas]);
  const searchIndex = useMemo(() => atlas?.payload.places.flatMap((p) => [p.name, p.nameAr ?? "", ...p.alternates].filter(Boolean).map((n) => ({ key: normalise(n), id: p.id }))) ?? [], [atlas]);
  const onSearch = (q: string) => {
    if (!atlas) return;
    const k = normalise(q);
    if (!k) return;
    const hit = searchIndex.find((e) => e.key === k) ?? searchIndex.find((e) => e.key.startsWith(k)) ?? searchIndex.find((e) => e.key.includes(k));
    if (!hit) {
      setNotice(`No place called “${q.slice(0, 40)}”.`);
      return;
    }
    setNotice(null);
    select(hit.id);
    flyToPlace(atlas.placeById.get(hit.id));
  };

  if (error) {
    return (
      <div className="atlas-error" role="alert">
        <p>The atlas data could not be loaded ({error.message}).</p>
        <button type="button" onClick={retry}>Try again</button>
      </div>
    );
  }
  if (!atlas) return <div className="atlas-loading" role="status">Loading the atlas…</div>;

  const selected = url.place ? atlas.placeById.get(url.place) : undefined;
  const region = selected?.region ? atlas.placeById.get(selected.region) : undefined;

  return (
    <div className={`atlas${selected ? " has-panel" : ""}`}>
      <div className="toolbar">
        <form className="search" role="search" onSubmit={(e) => { e.preventDefault(); onSearch(query); }}>
          <label>
            <span className="visually-hidden">Find a place</span>
            <input type="search" list="place-names" placeholder="Find a place (English or Arabic)" value={query} onChange={(e) => setQuery(e.target.value)} />
          </label>
          <datalist id="place-names">
            {atlas.payload.places.map((p) => <option key={p.id} value={p.name}>{p.nameAr ?? ""}</option>)}
          </datalist>
          <button type="submit">Find</button>
        </form>
        <label className="compare">
          Compare with{" "}
          <input
            type="date" name="compare" min={dayToIso(MIN_DAY)} max={dayToIso(max)} value={url.compare !== null ? dayToIso(url.compare) : ""}
            onChange={(e) => write({ ...url, compare: parseDay(e.target.value) }, true)}
          />
        </label>
        {url.compare !== null ? <button type="button" onClick={() => write({ ...url, compare: null }, true)}>Clear compare</button> : null}
      </div>
      {notice ? <p className="notice" role="status">{notice}</p> : null}
      <div className="stage">
        <AtlasMap
          places={atlas.payload.places} index={atlas.index} states={states} colors={atlas.colors}
          selected={url.place} highlighted={highlighted} view={url.view} basemap={basemap ?? null}
          onSelect={select} onView={onView}
        />
        <Legend totals={totals} sides={atlas.payload.sides} />
        {selected ? (
          <PlacePanel
            place={selected} index={atlas.index} day={day} sides={atlas.payload.sides} colors={atlas.colors}
            regionName={region?.name ?? null} onDay={(d) => setDay(d, true)} onClose={() => select(null)}
          />
        ) : null}
      </div>
      {url.compare !== null ? (
        <section className="changes" aria-label="Changes between the two dates">
          <h2>{changes.length} place{changes.length === 1 ? "" : "s"} changed between {formatDay(Math.min(url.compare, day))} and {formatDay(Math.max(url.compare, day))}</h2>
          <ul>
            {changes.slice(0, 200).map((c) => {
              const p = atlas.placeById.get(c.placeId)!;
              return (
                <li key={c.placeId}>
                  <button type="button" onClick={() => select(c.placeId)}>{p.name}</button>: {describeState(url.compare! < day ? c.before : c.after, sideName)} → {describeState(url.compare! < day ? c.after : c.before, sideName)}
                  {c.claims.length ? <span className="muted"> ({c.claims.length} claim{c.claims.length === 1 ? "" : "s"})</span> : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      <DateSlider day={day} min={MIN_DAY} max={max} changeDays={atlas.index.changeDays} onChange={setDay} onStep={step} />
      <ShareChart series={series} sides={atlas.payload.sides} day={day} min={MIN_DAY} max={max} onDay={(d) => setDay(d, true)} />
    </div>
  );
}
